/// An IPv4 or IPv6 address, held as 128 bits. An IPv4 address is stored as its
/// IPv4-mapped IPv6 form (`::ffff:a.b.c.d`), so `203.0.113.42` and `::ffff:203.0.113.42`
/// are the same address and one allowlist serves both families.
///
/// Parsing is strict: dotted IPv4 with exactly four decimal parts and no leading zeros,
/// IPv6 as RFC 4291 writes it (at most one `::`, groups of one to four hex digits, an
/// optional dotted IPv4 tail), no zone index. Anything else is not an address.
public struct IPAddress: Sendable, Hashable, Comparable, BitwiseCopyable, CustomStringConvertible {
  /// The high 64 bits.
  public let high: UInt64
  /// The low 64 bits (an IPv4 address is the last 32, after `0xFFFF`).
  public let low: UInt64

  /// Creates an address from its 128 bits.
  @inlinable
  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// The IPv4 address `a.b.c.d` given as 32 bits, in its mapped form.
  @inlinable
  public init(ipv4 bits: UInt32) {
    high = 0
    low = 0xFFFF_0000_0000 | UInt64(bits)
  }

  /// Parses an IPv4 or IPv6 address; nil when `text` is not one (see the type's rules).
  public init?(_ text: String) {
    let bytes = Array(text.utf8)
    if !bytes.contains(0x3A) {
      guard let v4 = parseIPv4(bytes[...]) else { return nil }
      self.init(ipv4: v4)
    } else {
      guard let (high, low) = parseIPv6(bytes) else { return nil }
      self.init(high: high, low: low)
    }
  }

  /// Whether the address is an IPv4 address (in IPv4-mapped form).
  @inlinable
  public var isIPv4: Bool { high == 0 && low >> 32 == 0xFFFF }

  /// Orders addresses numerically.
  @inlinable
  public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
    lhs.high < rhs.high || (lhs.high == rhs.high && lhs.low < rhs.low)
  }

  /// Dotted decimal for an IPv4 address; eight full hex groups for any other.
  public var description: String {
    if isIPv4 {
      return (0..<4).map { String((low >> UInt64(24 - 8 * $0)) & 0xFF) }.joined(separator: ".")
    }
    return (0..<8).map { i -> String in
      let word = i < 4 ? high : low
      return String((word >> UInt64(48 - 16 * (i % 4))) & 0xFFFF, radix: 16)
    }.joined(separator: ":")
  }

  /// The address plus one, or nil past the last address.
  var successor: IPAddress? {
    if low != .max { return IPAddress(high: high, low: low &+ 1) }
    if high != .max { return IPAddress(high: high &+ 1, low: 0) }
    return nil
  }
}

/// Dotted-decimal IPv4: four parts of one to three digits, no leading zero, each <= 255.
func parseIPv4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
  let parts = bytes.split(separator: 0x2E, omittingEmptySubsequences: false)
  guard parts.count == 4 else { return nil }
  var value: UInt32 = 0
  for part in parts {
    guard (1...3).contains(part.count), part.allSatisfy({ (0x30...0x39).contains($0) }),
      part.count == 1 || part.first != 0x30
    else { return nil }
    let number = part.reduce(UInt32(0)) { $0 * 10 + UInt32($1 - 0x30) }
    guard number <= 255 else { return nil }
    value = value << 8 | number
  }
  return value
}

/// RFC 4291 text of an IPv6 address as (high, low) bits.
func parseIPv6(_ bytes: [UInt8]) -> (UInt64, UInt64)? {
  // Split at the one `::`, if any.
  var head = bytes[...]
  var tail: ArraySlice<UInt8>?
  var i = 0
  while i + 1 < bytes.count {
    if bytes[i] == 0x3A && bytes[i + 1] == 0x3A {
      guard tail == nil else { return nil }
      head = bytes[..<i]
      tail = bytes[(i + 2)...]
      i += 2
      continue
    }
    i += 1
  }
  guard let left = ipv6Groups(head, allowsIPv4Tail: tail == nil) else { return nil }
  var groups = left
  if let tail {
    guard let right = ipv6Groups(tail, allowsIPv4Tail: true),
      left.count + right.count <= 7
    else { return nil }
    groups += [UInt16](repeating: 0, count: 8 - left.count - right.count) + right
  }
  guard groups.count == 8 else { return nil }
  var high: UInt64 = 0
  var low: UInt64 = 0
  for g in 0..<4 { high = high << 16 | UInt64(groups[g]) }
  for g in 4..<8 { low = low << 16 | UInt64(groups[g]) }
  return (high, low)
}

/// The 16-bit groups of one side of `::` (empty text: no groups). A dotted IPv4 address
/// may end the side that ends the address.
private func ipv6Groups(_ text: ArraySlice<UInt8>, allowsIPv4Tail: Bool) -> [UInt16]? {
  if text.isEmpty { return [] }
  let parts = text.split(separator: 0x3A, omittingEmptySubsequences: false)
  var groups: [UInt16] = []
  for (index, part) in parts.enumerated() {
    if index == parts.count - 1 && allowsIPv4Tail && part.contains(0x2E) {
      guard let v4 = parseIPv4(part) else { return nil }
      groups.append(UInt16(v4 >> 16))
      groups.append(UInt16(v4 & 0xFFFF))
      continue
    }
    guard (1...4).contains(part.count) else { return nil }
    var value: UInt16 = 0
    for byte in part {
      guard let nibble = hexValue(byte) else { return nil }
      value = value << 4 | UInt16(nibble)
    }
    groups.append(value)
  }
  return groups
}
