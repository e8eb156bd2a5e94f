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
