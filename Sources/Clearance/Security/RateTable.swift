/// The windows of one ``RateLimiter`` stripe by key: a compact hash table that hashes a key
/// once per check (the stripe is chosen from the same hash).
///
/// Entries are kept in insertion order in one array and found through an open-addressing
/// index of their positions (-1 empty), at most three quarters full, so a probe always
/// ends. Keys are only ever removed all at once (``keeping(_:)`` rebuilds the table), so
/// the index needs no tombstones.
@usableFromInline
struct RateTable<Key: Hashable & Sendable>: Sendable {
  @usableFromInline
  struct Entry: Sendable {
    @usableFromInline let key: Key
    @usableFromInline let hash: Int
    @usableFromInline var window: RateWindow

    @inlinable
    init(key: Key, hash: Int, window: RateWindow) {
      self.key = key
      self.hash = hash
      self.window = window
    }
  }

  @usableFromInline var entries: [Entry] = []
  @usableFromInline var index: [Int32] = Array(repeating: -1, count: 8)

  @inlinable
  init() {}

  /// The number of keys held.
  @inlinable
  var count: Int { entries.count }

  /// The position in ``entries`` of `key` (whose hash is `hash`), adding it with an empty
  /// window when absent.
  @inlinable
  mutating func position(of key: Key, hash: Int) -> Int {
    let (found, slot) = probe(key, hash: hash)
    if found >= 0 { return found }
    let position = entries.count
    entries.append(Entry(key: key, hash: hash, window: RateWindow()))
    if entries.count &* 4 > index.count &* 3 {
      rebuildIndex()
    } else {
      index[slot] = Int32(truncatingIfNeeded: position)
    }
    return position
  }

  /// Whether `key` (whose hash is `hash`) is held.
  @inlinable
  func contains(_ key: Key, hash: Int) -> Bool {
    probe(key, hash: hash).position >= 0
  }

  /// The position of `key` (whose hash is `hash`) in ``entries``, or -1 with the empty
  /// index slot where it would go.
  @inlinable @inline(__always)
  func probe(_ key: Key, hash: Int) -> (position: Int, slot: Int) {
    let mask = index.count &- 1
    var slot = (hash &>> 4) & mask
    while true {
      let found = Int(index[slot])
      if found < 0 { return (-1, slot) }
      if entries[found].hash == hash && entries[found].key == key { return (found, slot) }
      slot = (slot &+ 1) & mask
    }
  }

  /// The table without the entries whose window `isKept` rejects.
  @inlinable
  mutating func keep(where isKept: (RateWindow) -> Bool) {
    entries.removeAll { !isKept($0.window) }
    rebuildIndex()
  }

  /// Sizes the index for the entries (a power of two at least 4/3 of them) and refills it.
  @usableFromInline
  mutating func rebuildIndex() {
    var capacity = 8
    while capacity * 3 < entries.count * 4 { capacity *= 2 }
    index = Array(repeating: -1, count: capacity)
    let mask = capacity - 1
    for (position, entry) in entries.enumerated() {
      var slot = (entry.hash &>> 4) & mask
      while index[slot] >= 0 { slot = (slot &+ 1) & mask }
      index[slot] = Int32(truncatingIfNeeded: position)
    }
  }
}
