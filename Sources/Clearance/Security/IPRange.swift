/// An inclusive range of addresses: one address, or a CIDR block.
public struct IPRange: Sendable, Hashable, CustomStringConvertible {
  /// The first address of the range.
  public let lower: IPAddress
  /// The last address of the range.
  public let upper: IPAddress

  /// Creates the range `lower ... upper`; nil when `upper < lower`.
  public init?(lower: IPAddress, upper: IPAddress) {
    guard !(upper < lower) else { return nil }
    self.lower = lower
    self.upper = upper
  }

  /// Parses an allowlist entry: an address (`203.0.113.42`, `2001:db8::1`) or a CIDR
  /// block (`192.168.1.0/24`, `2001:db8::/32`).
  ///
  /// Strict: the prefix length is decimal without leading zeros, at most 32 for IPv4 and
  /// 128 for IPv6, and the address may have no bits set past the prefix
  /// (`192.168.1.5/24` is refused: it names a host, not a block).
  ///
  /// - Throws: ``IPRangeError`` saying what is wrong with the text.
  public init(parsing text: String) throws(IPRangeError) {
    let bytes = Array(text.utf8)
    guard let slash = bytes.firstIndex(of: 0x2F) else {
      guard let address = IPAddress(text) else { throw IPRangeError("not an IP address") }
      lower = address
      upper = address
      return
    }
    let addressText = String(decoding: bytes[..<slash], as: UTF8.self)
    guard let address = IPAddress(addressText) else {
      throw IPRangeError("\"\(addressText)\" is not an IP address")
    }
    let digits = bytes[(slash + 1)...]
    let maximum = address.isIPv4 && !addressText.contains(":") ? 32 : 128
    guard (1...3).contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }),
      digits.count == 1 || digits.first != 0x30,
      case let length = digits.reduce(0, { $0 * 10 + Int($1 - 0x30) }), length <= maximum
    else { throw IPRangeError("prefix length must be a number from 0 to \(maximum)") }
    // An IPv4 prefix counts within the mapped form's last 32 bits.
    let prefix = maximum == 32 ? 96 + length : length
    let (maskHigh, maskLow) = hostMask(prefix: prefix)
    guard address.high & maskHigh == 0, address.low & maskLow == 0 else {
      throw IPRangeError("bits are set past the /\(length) prefix")
    }
    lower = address
    upper = IPAddress(high: address.high | maskHigh, low: address.low | maskLow)
  }

  /// Whether `address` is in the range.
  @inlinable
  public func contains(_ address: IPAddress) -> Bool {
    !(address < lower) && !(upper < address)
  }

  /// `lower-upper`, or the one address.
  public var description: String {
    lower == upper ? lower.description : "\(lower)-\(upper)"
  }
}

/// The bits past a prefix of `prefix` bits (0 ... 128), as (high, low) masks.
private func hostMask(prefix: Int) -> (UInt64, UInt64) {
  if prefix >= 128 { return (0, 0) }
  if prefix >= 64 { return (0, UInt64.max >> UInt64(prefix - 64)) }
  return (prefix == 0 ? UInt64.max : UInt64.max >> UInt64(prefix), UInt64.max)
}

/// Why an allowlist entry is not an address or a CIDR block.
public struct IPRangeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong, for a person.
  public let message: String

  init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}
