/// The memberships of ``MemberBlock/capacity`` consecutive users (handles `b * capacity`
/// up), stored contiguously by user: what a directory principal's handle reads. A block
/// is immutable and shared between snapshots; an update copies the one block it changes.
final class MemberBlock: @unchecked Sendable {
  // Every property is a `let` set in `init`; the pointers are allocated there, never
  // written afterwards, and freed in `deinit`.
  /// log2 of ``capacity``.
  static var shift: Int { BlockEntry.shift }
  /// Users per block.
  static var capacity: Int { 1 << shift }

  /// Changes whenever the membership range or the activity of a user of the block changes:
  /// a principal resolved with an equal stamp reads exactly what a fresh one would.
  let stamp: UInt64
  /// Users in the block.
  let userCount: Int
  /// Whether each user of the block is active (``userCount`` flags).
  let activeFlags: UnsafeMutablePointer<Bool>
  /// Records of the block's user `i`: `records[starts[i] ..< starts[i + 1]]`, in
  /// declaration order (``userCount`` + 1 offsets).
  let starts: UnsafeMutablePointer<Int32>
  /// Declaration order of each record: memberships are written sorted by it.
  let order: [Int32]
  /// The records; their `shopStart` indexes `shops`.
  let records: UnsafeMutablePointer<MemberRecord>
  let recordCount: Int
  let shops: UnsafeMutablePointer<Int32>
  let shopCount: Int

  fileprivate init(_ builder: Builder, stamp: UInt64) {
    self.stamp = stamp
    userCount = builder.active.count
    activeFlags = .allocate(capacity: max(userCount, 1))
    activeFlags.initialize(from: builder.active, count: userCount)
    starts = .allocate(capacity: userCount + 1)
    starts.initialize(from: builder.start, count: userCount + 1)
    order = builder.order
    recordCount = builder.records.count
    var total = 0
    for record in builder.records { total += Int(record.shopCount) }
    shopCount = total
    records = .allocate(capacity: max(recordCount, 1))
    shops = .allocate(capacity: max(total, 1))
    // Records in order, their shops packed behind each other (dropping unused entries).
    builder.records.withUnsafeBufferPointer { source in
      builder.shops.withUnsafeBufferPointer { from in
        var next = 0
        for i in 0..<source.count {
          var record = source[i]
          let count = Int(record.shopCount)
          if count > 0, let base = from.baseAddress {
            (shops + next).initialize(from: base + Int(record.shopStart), count: count)
          }
          record.shopStart = Int32(next)
          (records + i).initialize(to: record)
          next += count
        }
      }
    }
  }

  deinit {
    records.deallocate()
    shops.deallocate()
    activeFlags.deallocate()
    starts.deallocate()
  }

  /// Whether each user of the block is active.
  var active: UnsafeBufferPointer<Bool> {
    UnsafeBufferPointer(start: activeFlags, count: userCount)
  }

  /// Records of the block's user `i`: `records[start[i] ..< start[i + 1]]`.
  var start: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: starts, count: userCount + 1) }

  /// The records of the block's user `local`.
  func range(of local: Int) -> Range<Int> { Int(start[local])..<Int(start[local + 1]) }

  /// The shops of a record of this block.
  func shops(of record: MemberRecord) -> [Int32] {
    Array(UnsafeBufferPointer(start: shops + Int(record.shopStart), count: Int(record.shopCount)))
  }

  /// What the evaluator reads of the block.
  var entry: BlockEntry {
    BlockEntry(
      stamp: stamp, records: records, shops: shops, starts: starts, activeFlags: activeFlags)
  }

  /// A block being built or changed: plain arrays, frozen into a block (shops compacted).
  struct Builder {
    var active: [Bool] = []
    var start: [Int32] = [0]
    var order: [Int32] = []
    var records: [MemberRecord] = []
    /// Shops of the records (`shopStart` indexes it); may hold unused entries.
    var shops: [Int32] = []

    init() {}

    /// A copy of `block`'s contents, to change.
    init(_ block: MemberBlock) {
      active = Array(block.active)
      start = Array(block.start)
      order = block.order
      records = Array(UnsafeBufferPointer(start: block.records, count: block.recordCount))
      shops = Array(UnsafeBufferPointer(start: block.shops, count: block.shopCount))
    }

    /// Adds a user with no memberships at the end of the block.
    mutating func appendUser(isActive: Bool) {
      active.append(isActive)
      start.append(start[start.count - 1])
    }

    /// Adds a membership as the last of user `local`'s.
    mutating func insert(
      _ record: MemberRecord, shops memberShops: [Int32], order: Int32, user local: Int
    ) {
      var copy = record
      copy.shopStart = Int32(shops.count)
      copy.shopCount = Int32(memberShops.count)
      shops += memberShops
      let at = Int(start[local + 1])
      records.insert(copy, at: at)
      self.order.insert(order, at: at)
      for i in (local + 1)..<start.count { start[i] += 1 }
    }

    /// Removes record `index`, a membership of user `local`.
    mutating func remove(at index: Int, user local: Int) {
      records.remove(at: index)
      order.remove(at: index)
      for i in (local + 1)..<start.count { start[i] -= 1 }
    }

    /// Gives record `index` these shops.
    mutating func setShops(_ memberShops: [Int32], at index: Int) {
      records[index].shopStart = Int32(shops.count)
      records[index].shopCount = Int32(memberShops.count)
      shops += memberShops
    }

    /// The immutable block.
    func freeze(stamp: UInt64) -> MemberBlock { MemberBlock(self, stamp: stamp) }
  }
}

/// A block as the evaluator reads it: its stamp and plain pointers to its records and
/// shops (kept alive by the snapshot's structure).
@usableFromInline
struct BlockEntry: BitwiseCopyable {
  /// A user's block is `user >> shift` (1,024 users per block).
  @inlinable static var shift: Int { 10 }

  @usableFromInline let stamp: UInt64
  @usableFromInline let records: UnsafeMutablePointer<MemberRecord>
  @usableFromInline let shops: UnsafeMutablePointer<Int32>
  /// Where each user's records start (see ``MemberBlock/starts``).
  @usableFromInline let starts: UnsafeMutablePointer<Int32>
  /// Whether each user is active.
  @usableFromInline let activeFlags: UnsafeMutablePointer<Bool>
}
