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

  /// `count` elements written in place by `fill`, which must write every one of them: the
  /// table is built where it will be read, with no intermediate array to copy (nor pages
  /// to touch twice). When `fill` throws, the memory is freed and the error passed on.
  init<Failure: Error>(
    count: Int, filledBy fill: (UnsafeMutableBufferPointer<Element>) throws(Failure) -> Void
  ) throws(Failure) {
    let memory = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
    do {
      try fill(UnsafeMutableBufferPointer(start: memory, count: count))
    } catch {
      memory.deallocate()
      throw error
    }
    self.count = count
    base = memory
  }

  /// The elements as a read-only buffer.
  var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

  deinit {
    base.deallocate()
  }
}
