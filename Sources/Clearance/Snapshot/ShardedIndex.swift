/// A key whose shard in a ``ShardedIndex`` is chosen by a hash that is cheap and stable
/// within a process.
protocol ShardKey: Hashable, Sendable {
  /// Any well-mixed hash of the key.
  var shardHash: UInt64 { get }
}

extension Array: ShardKey where Element == Grant {
  var shardHash: UInt64 { UInt64(bitPattern: Int64(hashValue)) }
}

/// A hash index from keys to handles, split into shards shared between copies: inserting
/// copies one shard (a few hundred entries) and one page of the ``PagedList`` of shards,
/// never the whole index. Lookups cost one cheap hash and one dictionary probe.
struct ShardedIndex<Key: ShardKey>: Sendable {
  /// One immutable shard.
  final class Shard: Sendable {
    let table: [Key: Int32]
    init(_ table: [Key: Int32]) { self.table = table }
  }

  /// Entries a shard holds on average before the index is split into more shards.
  static var targetShardSize: Int { 512 }

  private(set) var shards: PagedList<Shard>
  private(set) var count: Int

  /// An index of `entries` (keys must be distinct).
  init(_ entries: some Collection<(key: Key, value: Int32)>) {
    var shardCount = 1
    while shardCount * Self.targetShardSize < entries.count { shardCount <<= 1 }
    var tables = [[Key: Int32]](repeating: [:], count: shardCount)
    for entry in entries {
      tables[Int(truncatingIfNeeded: entry.key.shardHash) & (shardCount - 1)][entry.key] =
        entry.value
    }
    shards = PagedList(tables.map(Shard.init))
    count = entries.count
  }

  /// The value of `key`, if any.
  subscript(key: Key) -> Int32? {
    shards[Int(truncatingIfNeeded: key.shardHash) & (shards.count - 1)].table[key]
  }

  /// Adds or replaces an entry, copying one shard; splits into four times as many shards
  /// once they hold four times their target on average (amortised O(1) per insert).
  mutating func insert(_ key: Key, _ value: Int32) {
    let s = Int(truncatingIfNeeded: key.shardHash) & (shards.count - 1)
    var table = shards[s].table
    if table.updateValue(value, forKey: key) == nil { count += 1 }
    shards.set(s, to: Shard(table))
    if count > shards.count * Self.targetShardSize * 4 {
      self = ShardedIndex(shards.all.flatMap { $0.table.map { (key: $0.key, value: $0.value) } })
    }
  }
}
