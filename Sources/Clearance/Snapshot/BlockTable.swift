/// The member blocks of a directory structure, in pages of ``BlockTable/pageSize`` blocks
/// shared between snapshots, with a flat table of their entries for the evaluator.
/// Replacing a block copies the list of pages, one page and the flat entries (24 bytes a
/// block, copied in one sweep), and retains only the blocks of that page: the cost of an
/// update does not touch every block.
final class BlockTable: @unchecked Sendable {
  // `entries` is allocated and filled in `init`, never written afterwards, and freed in
  // `deinit`.
  static let pageShift = 5
  /// Blocks per page.
  static let pageSize = 1 << pageShift

  /// One immutable page of blocks.
  final class Page: Sendable {
    let blocks: [MemberBlock]
    init(_ blocks: [MemberBlock]) { self.blocks = blocks }
  }

  let pages: [Page]
  /// Number of blocks.
  let count: Int
  /// Entry `b` is block `b`'s.
  let entries: UnsafeMutablePointer<BlockEntry>

  /// A table of `blocks`, in order.
  init(_ blocks: [MemberBlock]) {
    pages = stride(from: 0, to: blocks.count, by: Self.pageSize).map {
      Page(Array(blocks[$0..<min($0 + Self.pageSize, blocks.count)]))
    }
    count = blocks.count
    entries = .allocate(capacity: max(count, 1))
    for (b, block) in blocks.enumerated() { (entries + b).initialize(to: block.entry) }
  }

  private init(pages: [Page], count: Int, entries: UnsafeMutablePointer<BlockEntry>) {
    self.pages = pages
    self.count = count
    self.entries = entries
  }

  deinit {
    entries.deallocate()
  }

  /// Block `b` (below ``count``).
  subscript(b: Int) -> MemberBlock {
    pages[b >> Self.pageShift].blocks[b & (Self.pageSize - 1)]
  }

  /// Every block, in order.
  var all: [MemberBlock] { pages.flatMap(\.blocks) }

  /// This table with block `b` replaced by `block`, or `block` appended when `b` is
  /// ``count``.
  func replacing(_ b: Int, with block: MemberBlock) -> BlockTable {
    let newCount = max(count, b + 1)
    let copied = UnsafeMutablePointer<BlockEntry>.allocate(capacity: newCount)
    copied.initialize(from: entries, count: count)
    (copied + b).initialize(to: block.entry)
    var pages = pages
    let p = b >> Self.pageShift
    if p == pages.count {
      pages.append(Page([block]))
    } else {
      var blocks = pages[p].blocks
      if b & (Self.pageSize - 1) == blocks.count {
        blocks.append(block)
      } else {
        blocks[b & (Self.pageSize - 1)] = block
      }
      pages[p] = Page(blocks)
    }
    return BlockTable(pages: pages, count: newCount, entries: copied)
  }
}
