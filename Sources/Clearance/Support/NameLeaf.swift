/// One open-addressing table of names in a single block of memory aligned to a cache
/// line:
///
///     [slots: capacity × NameSlot (32 bytes)] [bytes of the names longer than 16]
///
/// A slot holds a 32-bit tag of the hash (0 = empty), the handle, the namespace and a short
/// name's bytes (see ``NameSlot``), so a lookup of a short name reads the one line its
/// slot is on. The leaf's ``address`` carries log2 of its capacity in its low six bits,
/// so a lookup finds its slot without first reading a header. The table is never more
/// than three quarters full, so a probe always ends.
final class NameLeaf: NameIndexNode, @unchecked Sendable {
  // The block is written in `init` and never again.
  let block: UnsafeMutableRawPointer
  let capacity: Int
  let keyBytes: Int
  /// The number of keys held.
  private(set) var count = 0
  /// The block's address with log2(``capacity``) in its low six bits.
  let address: UnsafeRawPointer
  var byteCount: Int { capacity * MemoryLayout<NameSlot>.stride + keyBytes }

  static let alignment = 64
  static let empty = NameLeaf(entries: [])

  /// A leaf holding `entries` (a later duplicate key replaces an earlier one).
  convenience init(entries: [NameEntry]) {
    let capacity = NameLeaf.capacity(for: entries.count)
    let bytes = entries.reduce(0) {
      $0 + ($1.bytes.count > NameSlot.inlineBytes ? $1.bytes.count : 0)
    }
    self.init(capacity: capacity, keyBytes: bytes)
    var used = 0
    var count = 0
    for entry in entries {
      if insert(entry, bytesUsed: &used) { count += 1 }
    }
    self.count = count
  }

  private init(capacity: Int, keyBytes: Int) {
    self.capacity = capacity
    self.keyBytes = keyBytes
    let size = capacity * MemoryLayout<NameSlot>.stride + keyBytes
    block = .allocate(byteCount: size, alignment: NameLeaf.alignment)
    block.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    address = UnsafeRawPointer(block) + capacity.trailingZeroBitCount
  }

  deinit { block.deallocate() }

  /// The smallest power of two, at least 4, that keeps `count` names under 3/4 full.
  static func capacity(for count: Int) -> Int {
    var capacity = 4
    while capacity * 3 < (count + 1) * 4 { capacity *= 2 }
    return capacity
  }

  private var slots: UnsafeMutablePointer<NameSlot> {
    block.assumingMemoryBound(to: NameSlot.self)
  }

  private var keys: UnsafeMutablePointer<UInt8> {
    (block + capacity * MemoryLayout<NameSlot>.stride).assumingMemoryBound(to: UInt8.self)
  }

  /// Puts `entry` in its slot (or replaces the handle of an equal key); whether it added a
  /// key. The bytes of a long name go at `bytesUsed` in the key area.
  private func insert(_ entry: NameEntry, bytesUsed: inout Int) -> Bool {
    let mask = capacity - 1
    let tag = NameSlot.tag(of: entry.hash)
    var i = Int(truncatingIfNeeded: entry.hash) & mask
    while slots[i].tag != 0 {
      if slots[i].tag == tag && slots[i].space == entry.space && name(in: i) == entry.bytes {
        slots[i].handle = entry.handle
        return false
      }
      i = (i + 1) & mask
    }
    var (first, second) = entry.bytes.withUnsafeBytes { NameHash.words(of: $0) }
    if entry.bytes.count > NameSlot.inlineBytes {
      (keys + bytesUsed).initialize(from: entry.bytes, count: entry.bytes.count)
      second = UInt64(bytesUsed)
      bytesUsed += entry.bytes.count
    }
    slots[i] = NameSlot(
      tag: tag, handle: entry.handle, length: UInt32(entry.bytes.count), space: entry.space,
      first: first, second: second)
    return true
  }

  /// The bytes of the name in slot `i`.
  private func name(in i: Int) -> [UInt8] {
    let slot = slots[i]
    let length = Int(slot.length)
    if length > NameSlot.inlineBytes {
      return Array(UnsafeBufferPointer(start: keys + Int(slot.second), count: length))
    }
    let words = [slot.first.littleEndian, slot.second.littleEndian]
    return words.withUnsafeBytes { Array($0.prefix(length)) }
  }

  /// The entries of this leaf, in slot order.
  private var entries: [NameEntry] {
    (0..<capacity).filter { slots[$0].tag != 0 }.map {
      NameEntry(bytes: name(in: $0), space: slots[$0].space, handle: slots[$0].handle)
    }
  }

  /// A leaf with `entry` added or its handle replaced, and whether a key was added.
  func setting(_ entry: NameEntry) -> (NameLeaf, added: Bool) {
    let leaf = NameLeaf(entries: entries + [entry])
    return (leaf, leaf.count > count)
  }

  /// Looks a name of at most 16 bytes up in the leaf at `address` (a leaf's ``address``):
  /// `first` and `second` are its bytes as ``NameHash/words(of:)`` gives them.
  @inline(__always)
  static func find(
    first: UInt64, second: UInt64, count: Int, space: Int32, hash: UInt64,
    in address: UnsafeRawPointer
  ) -> Int32? {
    let (slots, mask) = table(at: address)
    let tag = NameSlot.tag(of: hash)
    let length = UInt32(truncatingIfNeeded: count)
    var i = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots.load(fromByteOffset: i &* MemoryLayout<NameSlot>.stride, as: NameSlot.self)
      if slot.tag == 0 { return nil }
      if slot.tag == tag && slot.length == length && slot.space == space && slot.first == first
        && slot.second == second
      {
        return slot.handle >= 0 ? slot.handle : nil
      }
      i = (i &+ 1) & mask
    }
  }

  /// Looks a name longer than 16 bytes up in the leaf at `address`.
  static func find(
    long bytes: UnsafeRawBufferPointer, space: Int32, hash: UInt64, in address: UnsafeRawPointer
  ) -> Int32? {
    let (slots, mask) = table(at: address)
    let keys = slots + (mask &+ 1) &* MemoryLayout<NameSlot>.stride
    let tag = NameSlot.tag(of: hash)
    let length = UInt32(truncatingIfNeeded: bytes.count)
    let first = NameHash.words(of: bytes).0
    var i = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots.load(fromByteOffset: i &* MemoryLayout<NameSlot>.stride, as: NameSlot.self)
      if slot.tag == 0 { return nil }
      if slot.tag == tag && slot.length == length && slot.space == space && slot.first == first
        && bytesEqual(keys + Int(slot.second), bytes)
      {
        return slot.handle >= 0 ? slot.handle : nil
      }
      i = (i &+ 1) & mask
    }
  }

  /// The slots and mask of the leaf at `address`.
  @inline(__always)
  private static func table(at address: UnsafeRawPointer) -> (UnsafeRawPointer, Int) {
    let shift = Int(UInt(bitPattern: address) & UInt(alignment - 1))
    return (address - shift, (1 &<< shift) &- 1)
  }
}
