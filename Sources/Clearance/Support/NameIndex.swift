/// A persistent map from names, compared as exact UTF-8 bytes, to handles: how every name
/// in a request (user, organization, shop, state, action) becomes a handle.
///
/// A name lives in a namespace (`space`; a shop's is its organization's handle), so one
/// index serves keys like "shop `north` of organization 3" without building a key value.
/// Lookups hash the bytes with ``NameHash`` (keyed per process), take two plain pointer
/// hops and probe one small open-addressing leaf: no allocation, no lock, no reference
/// counting, no Unicode normalisation.
///
/// The index is a two-level trie of 64 × 64 leaves. Adding or changing a name copies one
/// leaf and two 64-entry pointer tables and shares everything else with the index it came
/// from, so the indexes of successive snapshots cost O(change), not O(names). Its
/// pointers are into memory the index owns and never writes after building it.
struct NameIndex: @unchecked Sendable {
  private let top: NameTable<NameMid>
  /// `top.pointers`, read without touching `top`'s reference count.
  private let root: UnsafeMutablePointer<UnsafeRawPointer>
  /// The number of names in the index.
  private(set) var count: Int

  /// An empty index.
  init() {
    top = NameTable(repeating: NameMid.empty, count: NameIndex.fanOut)
    root = top.pointers
    count = 0
  }

  /// An index of `names`: each name's bytes, namespace and handle. A later duplicate
  /// (same bytes, same namespace) replaces an earlier one.
  init(_ names: [(name: String, space: Int32, handle: Int32)]) {
    var buckets = [[NameEntry]](repeating: [], count: NameIndex.fanOut * NameIndex.fanOut)
    for (name, space, handle) in names {
      let entry = NameEntry(name: name, space: space, handle: handle)
      buckets[entry.leafNumber].append(entry)
    }
    var mids: [NameMid] = []
    mids.reserveCapacity(NameIndex.fanOut)
    var total = 0
    for m in 0..<NameIndex.fanOut {
      let slice = buckets[(m * NameIndex.fanOut)..<((m + 1) * NameIndex.fanOut)]
      if slice.allSatisfy(\.isEmpty) {
        mids.append(NameMid.empty)
        continue
      }
      let leaves = slice.map { $0.isEmpty ? NameLeaf.empty : NameLeaf(entries: $0) }
      total += leaves.reduce(0) { $0 + $1.count }
      mids.append(NameMid(NameTable(leaves)))
    }
    top = NameTable(mids)
    root = top.pointers
    count = total
  }

  private init(top: NameTable<NameMid>, count: Int) {
    self.top = top
    root = top.pointers
    self.count = count
  }

  /// The handle of `name` in namespace `space`, or nil.
  @inline(__always)
  func handle(of name: String, in space: Int32 = 0) -> Int32? {
    withUTF8Bytes(of: name) { handle(ofBytes: $0, in: space) }
  }

  /// The handle of the name with UTF-8 `bytes` in namespace `space`, or nil.
  @inline(__always)
  func handle(ofBytes bytes: UnsafeRawBufferPointer, in space: Int32) -> Int32? {
    let hash = NameHash.hash(bytes, space: space)
    let mid = root[Int(hash &>> 58)]
    let leaf = mid.load(
      fromByteOffset: Int((hash &>> 52) & 63) &* MemoryLayout<UnsafeRawPointer>.stride,
      as: UnsafeRawPointer.self)
    return NameLeaf.find(bytes, space: space, hash: hash, in: leaf)
  }

  /// A copy in which `name` in namespace `space` maps to `handle` (added, or replaced).
  /// A negative handle hides the name: lookups then answer nil.
  func setting(_ name: String, in space: Int32 = 0, to handle: Int32) -> NameIndex {
    let entry = NameEntry(name: name, space: space, handle: handle)
    let m = entry.leafNumber / NameIndex.fanOut
    let l = entry.leafNumber % NameIndex.fanOut
    let oldMid = top.objects[m]
    let (leaf, added) = oldMid.leaves.objects[l].setting(entry)
    var leaves = oldMid.leaves.objects
    leaves[l] = leaf
    var mids = top.objects
    mids[m] = NameMid(NameTable(leaves))
    return NameIndex(top: NameTable(mids), count: count + (added ? 1 : 0))
  }

  /// Bytes held by the index's own tables and leaves (shared parts counted in full).
  var byteCount: Int {
    var total = NameIndex.fanOut * 2 * MemoryLayout<UnsafeRawPointer>.stride
    for mid in top.objects where mid !== NameMid.empty {
      total += NameIndex.fanOut * 2 * MemoryLayout<UnsafeRawPointer>.stride
      for leaf in mid.leaves.objects where leaf !== NameLeaf.empty { total += leaf.byteCount }
    }
    return total
  }

  static let fanOut = 64
}

/// A name to add to a leaf: its key bytes (namespace first), hash and handle.
struct NameEntry {
  let key: [UInt8]
  let hash: UInt64
  let handle: Int32

  init(name: String, space: Int32, handle: Int32) {
    hash = withUTF8Bytes(of: name) { NameHash.hash($0, space: space) }
    var key = withUnsafeBytes(of: space.littleEndian) { Array($0) }
    key.append(contentsOf: name.utf8)
    self.key = key
    self.handle = handle
  }

  /// Which of the 64 × 64 leaves holds the name.
  var leafNumber: Int { Int(hash &>> 52) }
}

/// Objects of one level of a ``NameIndex`` with the plain addresses lookups follow.
final class NameTable<Object: NameIndexNode>: @unchecked Sendable {
  // Written once in `init`, never mutated: `pointers[i]` is `objects[i].address`, alive as
  // long as `objects` holds the object.
  let objects: [Object]
  let pointers: UnsafeMutablePointer<UnsafeRawPointer>

  init(_ objects: [Object]) {
    self.objects = objects
    pointers = .allocate(capacity: max(objects.count, 1))
    for (i, object) in objects.enumerated() { (pointers + i).initialize(to: object.address) }
  }

  convenience init(repeating object: Object, count: Int) {
    self.init([Object](repeating: object, count: count))
  }

  deinit { pointers.deallocate() }
}

/// A level of a ``NameIndex``: something with a plain address lookups can follow.
protocol NameIndexNode: AnyObject, Sendable {
  var address: UnsafeRawPointer { get }
}

/// The middle level: 64 leaves.
final class NameMid: NameIndexNode {
  let leaves: NameTable<NameLeaf>
  var address: UnsafeRawPointer { UnsafeRawPointer(leaves.pointers) }

  init(_ leaves: NameTable<NameLeaf>) { self.leaves = leaves }

  static let empty = NameMid(NameTable(repeating: NameLeaf.empty, count: NameIndex.fanOut))
}

/// One open-addressing table of names in a single block of memory:
///
///     [mask: Int] [slots: (mask + 1) × NameSlot] [key bytes]
///
/// Each slot holds a 32-bit tag of the hash (0 = empty), the handle, and where its key
/// bytes (4 bytes of namespace, then the name) are. The table is never more than three
/// quarters full, so a probe always ends.
final class NameLeaf: NameIndexNode, @unchecked Sendable {
  // The block is written in `init` and never again.
  let block: UnsafeMutableRawPointer
  let capacity: Int
  let keyBytes: Int
  /// The number of keys held.
  var count: Int { countStorage }
  var address: UnsafeRawPointer { UnsafeRawPointer(block) }
  var byteCount: Int { NameLeaf.header + capacity * MemoryLayout<NameSlot>.stride + keyBytes }

  static let header = MemoryLayout<Int>.stride
  static let empty = NameLeaf(entries: [])

  /// A leaf holding `entries` (a later duplicate key replaces an earlier one).
  convenience init(entries: [NameEntry]) {
    let capacity = NameLeaf.capacity(for: entries.count)
    let bytes = entries.reduce(0) { $0 + $1.key.count }
    self.init(capacity: capacity, keyBytes: bytes)
    var used = 0
    var count = 0
    for entry in entries {
      if insert(entry, bytesUsed: &used) { count += 1 }
    }
    self.countStorage = count
  }

  private var countStorage = 0

  private init(capacity: Int, keyBytes: Int) {
    self.capacity = capacity
    self.keyBytes = keyBytes
    let size = NameLeaf.header + capacity * MemoryLayout<NameSlot>.stride + keyBytes
    block = .allocate(byteCount: size, alignment: MemoryLayout<Int>.alignment)
    block.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    block.storeBytes(of: capacity - 1, as: Int.self)
  }

  deinit { block.deallocate() }

  /// The smallest power of two, at least 4, that keeps `count` names under 3/4 full.
  static func capacity(for count: Int) -> Int {
    var capacity = 4
    while capacity * 3 < (count + 1) * 4 { capacity *= 2 }
    return capacity
  }

  private var slots: UnsafeMutablePointer<NameSlot> {
    (block + NameLeaf.header).assumingMemoryBound(to: NameSlot.self)
  }

  private var keys: UnsafeMutablePointer<UInt8> {
    (block + NameLeaf.header + capacity * MemoryLayout<NameSlot>.stride)
      .assumingMemoryBound(to: UInt8.self)
  }

  /// Puts `entry` in its slot (or replaces the handle of an equal key); whether it added a
  /// key. New key bytes go at `bytesUsed`.
  private func insert(_ entry: NameEntry, bytesUsed: inout Int) -> Bool {
    let mask = capacity - 1
    let tag = NameSlot.tag(of: entry.hash)
    var i = Int(truncatingIfNeeded: entry.hash) & mask
    while slots[i].tag != 0 {
      let slot = slots[i]
      if slot.tag == tag && Int(slot.length) == entry.key.count
        && entry.key.withUnsafeBytes({ bytesEqual(keys + Int(slot.offset), $0) })
      {
        slots[i].handle = entry.handle
        return false
      }
      i = (i + 1) & mask
    }
    entry.key.withUnsafeBytes { source in
      if let base = source.baseAddress {
        (keys + bytesUsed).initialize(
          from: base.assumingMemoryBound(to: UInt8.self), count: source.count)
      }
    }
    slots[i] = NameSlot(
      tag: tag, handle: entry.handle, offset: Int32(bytesUsed), length: Int32(entry.key.count))
    bytesUsed += entry.key.count
    return true
  }

  /// The entries of this leaf (key bytes and handle), in slot order.
  private var entries: [NameEntry] {
    var result: [NameEntry] = []
    for i in 0..<capacity where slots[i].tag != 0 {
      let slot = slots[i]
      let key = Array(UnsafeBufferPointer(start: keys + Int(slot.offset), count: Int(slot.length)))
      result.append(NameEntry(key: key, handle: slot.handle))
    }
    return result
  }

  /// A leaf with `entry` added or its handle replaced, and whether a key was added.
  func setting(_ entry: NameEntry) -> (NameLeaf, added: Bool) {
    let all = entries + [entry]
    let leaf = NameLeaf(entries: all)
    return (leaf, leaf.count > count)
  }

  /// Looks `bytes` in namespace `space` up in the leaf at `block`.
  @inline(__always)
  static func find(
    _ bytes: UnsafeRawBufferPointer, space: Int32, hash: UInt64, in block: UnsafeRawPointer
  ) -> Int32? {
    let mask = block.load(as: Int.self)
    let slots = block + header
    let keys = slots + (mask &+ 1) &* MemoryLayout<NameSlot>.stride
    let tag = NameSlot.tag(of: hash)
    let length = Int32(truncatingIfNeeded: bytes.count &+ 4)
    var i = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots.load(fromByteOffset: i &* MemoryLayout<NameSlot>.stride, as: NameSlot.self)
      if slot.tag == 0 { return nil }
      if slot.tag == tag && slot.length == length {
        let key = keys + Int(slot.offset)
        if key.loadUnaligned(as: Int32.self) == space.littleEndian
          && bytesEqual(key + 4, bytes)
        {
          return slot.handle >= 0 ? slot.handle : nil
        }
      }
      i = (i &+ 1) & mask
    }
  }
}

extension NameEntry {
  /// An entry from stored key bytes; its hash is computed again from them.
  init(key: [UInt8], handle: Int32) {
    let space = key.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
    hash = key.withUnsafeBytes {
      NameHash.hash(UnsafeRawBufferPointer(rebasing: $0[4...]), space: Int32(littleEndian: space))
    }
    self.key = key
    self.handle = handle
  }
}

/// One slot of a ``NameLeaf``.
struct NameSlot {
  var tag: UInt32
  var handle: Int32
  var offset: Int32
  var length: Int32

  /// The slot tag of a hash: 32 of its bits, never 0 (0 marks an empty slot).
  @inline(__always)
  static func tag(of hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash &>> 20) | 1 }
}

/// Whether the `bytes.count` bytes at `stored` equal `bytes`: eight bytes at a time, then
/// the rest (names are short; a call to `memcmp` would cost more than the comparison).
@inline(__always)
func bytesEqual(_ stored: UnsafeRawPointer, _ bytes: UnsafeRawBufferPointer) -> Bool {
  guard let base = bytes.baseAddress else { return true }
  let count = bytes.count
  var offset = 0
  while offset &+ 8 <= count {
    if stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      != base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    {
      return false
    }
    offset &+= 8
  }
  while offset < count {
    if stored.load(fromByteOffset: offset, as: UInt8.self)
      != base.load(fromByteOffset: offset, as: UInt8.self)
    {
      return false
    }
    offset &+= 1
  }
  return true
}
