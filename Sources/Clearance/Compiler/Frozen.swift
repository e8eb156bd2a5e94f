/// An immutable buffer of plain values whose base address the evaluator reads directly:
/// loads through it need no reference counting and no bounds checks, so the hot path
/// stays free of atomic operations (which two cores sharing one snapshot would contend
/// on). The owner keeps the memory alive; every index used on it is validated when the
/// tables are built.
@usableFromInline
final class Frozen<Element: BitwiseCopyable>: @unchecked Sendable {
  // Written in `init` (and, by the compiler, before the owner is shared), never mutated
  // after, freed in `deinit`.
  @usableFromInline let base: UnsafeMutablePointer<Element>
  let count: Int

  init(_ elements: [Element]) {
    count = elements.count
    base = UnsafeMutablePointer<Element>.allocate(capacity: max(elements.count, 1))
    elements.withUnsafeBufferPointer { source in
      if let address = source.baseAddress { base.initialize(from: address, count: source.count) }
    }
  }

  deinit {
    base.deallocate()
  }
}
