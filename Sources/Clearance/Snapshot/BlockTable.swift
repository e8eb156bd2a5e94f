/// The member blocks of a directory structure, in a ``PagedList`` shared between
/// snapshots, with a flat table of their entries for the evaluator. Replacing a block
/// copies one page of the list and the flat entries (24 bytes a block, copied in one
/// sweep), and retains only the blocks of that page: an update does not touch every
/// block.
final class BlockTable: @unchecked Sendable {
  // `entries` is allocated and filled in `init`, never written afterwards, and freed in
  // `deinit`.
  let blocks: PagedList<MemberBlock>
  /// Number of blocks.
  let count: Int
  /// Entry `b` is block `b`'s.
  let entries: UnsafeMutablePointer<BlockEntry>

  /// A table of `blocks`, in order.
  init(_ blocks: [MemberBlock]) {
    self.blocks = PagedList(blocks)
    count = blocks.count
    entries = .allocate(capacity: max(count, 1))
    for (b, block) in blocks.enumerated() { (entries + b).initialize(to: block.entry) }
  }

  private init(
    blocks: PagedList<MemberBlock>, count: Int, entries: UnsafeMutablePointer<BlockEntry>
  ) {
    self.blocks = blocks
    self.count = count
    self.entries = entries
  }

  deinit {
    entries.deallocate()
  }

  /// Block `b` (below ``count``).
  subscript(b: Int) -> MemberBlock {
    blocks[b]
  }

  /// Every block, in order.
  var all: [MemberBlock] { blocks.all }

  /// This table with block `b` replaced by `block`, or `block` appended when `b` is
  /// ``count``.
  func replacing(_ b: Int, with block: MemberBlock) -> BlockTable {
    let newCount = max(count, b + 1)
    let copied = UnsafeMutablePointer<BlockEntry>.allocate(capacity: newCount)
    copied.initialize(from: entries, count: count)
    (copied + b).initialize(to: block.entry)
    var blocks = blocks
    blocks.set(b, to: block)
    return BlockTable(blocks: blocks, count: newCount, entries: copied)
  }
}
