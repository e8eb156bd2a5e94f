/// An array stored in fixed-size chunks shared between copies: replacing or appending an
/// element copies one chunk (``ChunkedArray/chunkSize`` elements) and one page of the
/// ``PagedList`` of chunks, never the whole array. What the directory keeps per user uses it, so that
/// an update builds the next snapshot by copying only what it touches.
struct ChunkedArray<Element: Sendable>: Sendable {
  /// Elements per chunk.
  static var chunkSize: Int { 1 << chunkShift }
  static var chunkShift: Int { 10 }

  /// One immutable chunk.
  final class Chunk: Sendable {
    let elements: [Element]
    init(_ elements: [Element]) { self.elements = elements }
  }

  private(set) var chunks: PagedList<Chunk>
  private(set) var count: Int

  /// The elements of `elements`, in order.
  init(_ elements: [Element]) {
    count = elements.count
    chunks = PagedList(
      stride(from: 0, to: elements.count, by: Self.chunkSize).map {
        Chunk(Array(elements[$0..<min($0 + Self.chunkSize, elements.count)]))
      })
  }

  /// The element at `index`, which must be below ``count``.
  subscript(index: Int) -> Element {
    chunks[index >> Self.chunkShift].elements[index & (Self.chunkSize - 1)]
  }

  /// Replaces the element at `index` (below ``count``), copying its chunk.
  mutating func set(_ index: Int, to element: Element) {
    let c = index >> Self.chunkShift
    var elements = chunks[c].elements
    elements[index & (Self.chunkSize - 1)] = element
    chunks.set(c, to: Chunk(elements))
  }

  /// Appends an element, copying the last chunk when it has room.
  mutating func append(_ element: Element) {
    if count & (Self.chunkSize - 1) == 0 {
      chunks.set(chunks.count, to: Chunk([element]))
    } else {
      chunks.set(chunks.count - 1, to: Chunk(chunks[chunks.count - 1].elements + [element]))
    }
    count += 1
  }

  /// Every element, in order (a full copy, for writing).
  var all: [Element] {
    var result: [Element] = []
    result.reserveCapacity(count)
    for chunk in chunks.all { result += chunk.elements }
    return result
  }
}
