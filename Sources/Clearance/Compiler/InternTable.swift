/// Byte strings numbered 0, 1, 2, … in the order they were first added, in one
/// open-addressing table: how the compiler interns permission keys, their segments and the
/// permission texts of grants.
///
/// Names are compared as exact UTF-8 bytes and placed by their keyed ``NameHash`` (a policy
/// cannot be written to pile its names into one slot). A lookup hashes the bytes once and
/// compares a slot's stored hash bits before any byte; nothing is allocated per name but
/// its bytes, appended to one buffer. The table is never more than three quarters full,
/// so a probe always ends.
struct InternTable: Sendable {
  /// Per slot: 0 when empty, else the low 32 bits of the name's hash above its number + 1.
  private var slots: [UInt64] = []
  /// The bytes of every name, one after another: name `n` ends at `ends[n]`.
  private var bytes: [UInt8] = []
  private var ends: [Int] = []
  /// ``NameHash/key``, read once.
  private let key = NameHash.key

  /// An empty table with room for `capacity` names before it grows (none allocated for 0).
  init(capacity: Int = 0) {
    if capacity > 0 {
      slots = [UInt64](repeating: 0, count: InternTable.slotCount(for: capacity))
      ends.reserveCapacity(capacity)
    }
  }

  /// The number of names.
  var count: Int { ends.count }

  /// The number of the name with UTF-8 `name`, or nil.
  func number(of name: UnsafeRawBufferPointer) -> Int32? {
    guard !slots.isEmpty else { return nil }
    let hash = NameHash.hash(name, space: 0, key: key)
    let found = slot(of: name, hash: hash)
    return found.number
  }

  /// The number of `name`, or nil.
  func number(of name: String) -> Int32? {
    withUTF8Bytes(of: name) { number(of: $0) }
  }

  /// The number of the name spelled as `name`'s bytes, or nil.
  subscript<Name: StringIdentifier>(name: Name) -> Int32? { number(of: name.rawValue) }

  /// The number of the name spelled as `name`'s bytes, or nil.
  subscript(name: String) -> Int32? { number(of: name) }

  /// The number of `name`, added with the next number if it is new; `inserted` tells
  /// which.
  mutating func intern(_ name: UnsafeRawBufferPointer) -> (number: Int32, inserted: Bool) {
    if (ends.count + 1) * 4 > slots.count * 3 { grow() }
    let hash = NameHash.hash(name, space: 0, key: key)
    let found = slot(of: name, hash: hash)
    if let number = found.number { return (number, false) }
    let number = ends.count
    bytes.append(contentsOf: name)
    ends.append(bytes.count)
    slots[found.index] = UInt64(truncatingIfNeeded: hash) << 32 | UInt64(number + 1)
    return (Int32(truncatingIfNeeded: number), true)
  }

  /// The number of `name`, added with the next number if it is new.
  mutating func intern(_ name: String) -> (number: Int32, inserted: Bool) {
    withUTF8Bytes(of: name) { intern($0) }
  }

  /// The bytes of name `number`.
  func name(_ number: Int) -> ArraySlice<UInt8> {
    bytes[(number == 0 ? 0 : ends[number - 1])..<ends[number]]
  }

  /// The slot holding `name` (with its number), or the empty slot where it would go.
  @inline(__always)
  private func slot(of name: UnsafeRawBufferPointer, hash: UInt64) -> (index: Int, number: Int32?) {
    slots.withUnsafeBufferPointer { slots in
      bytes.withUnsafeBytes { stored in
        ends.withUnsafeBufferPointer { ends in
          let mask = slots.count &- 1
          let tag = hash & 0xFFFF_FFFF
          var i = Int(truncatingIfNeeded: hash) & mask
          while true {
            let slot = slots[i]
            if slot == 0 { return (i, nil) }
            if slot >> 32 == tag {
              let n = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) &- 1
              let start = n == 0 ? 0 : ends[n &- 1]
              if ends[n] &- start == name.count,
                name.isEmpty || stored.baseAddress.map({ bytesEqual($0 + start, name) }) == true
              {
                return (i, Int32(truncatingIfNeeded: n))
              }
            }
            i = (i &+ 1) & mask
          }
        }
      }
    }
  }

  /// Doubles the slots (or makes the first ones) and puts every name back.
  private mutating func grow() {
    let capacity = max(slots.count * 2, 16)
    var grown = [UInt64](repeating: 0, count: capacity)
    let mask = capacity - 1
    for slot in slots where slot != 0 {
      var i = Int(truncatingIfNeeded: slot >> 32) & mask
      while grown[i] != 0 { i = (i + 1) & mask }
      grown[i] = slot
    }
    slots = grown
  }

  /// The smallest power of two, at least 16, that keeps `count` names at most 3/4 full.
  private static func slotCount(for count: Int) -> Int {
    var slots = 16
    while slots * 3 < count * 4 { slots *= 2 }
    return slots
  }
}
