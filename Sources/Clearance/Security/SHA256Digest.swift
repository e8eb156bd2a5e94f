/// A SHA-256 digest: 32 bytes, held as four words. Equality is checked in constant time,
/// so comparing a presented secret's digest with a stored one leaks nothing through timing.
public struct SHA256Digest: Sendable, Hashable, CustomStringConvertible {
  @usableFromInline let w0: UInt64
  @usableFromInline let w1: UInt64
  @usableFromInline let w2: UInt64
  @usableFromInline let w3: UInt64

  init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
    self.w0 = w0
    self.w1 = w1
    self.w2 = w2
    self.w3 = w3
  }

  /// Parses 64 hexadecimal digits (either case); nil for anything else.
  public init?(hex: String) {
    let bytes = Array(hex.utf8)
    guard bytes.count == 64 else { return nil }
    var words: [UInt64] = [0, 0, 0, 0]
    for (i, byte) in bytes.enumerated() {
      guard let nibble = hexValue(byte) else { return nil }
      words[i / 16] = words[i / 16] << 4 | UInt64(nibble)
    }
    self.init(words[0], words[1], words[2], words[3])
  }

  /// The 32 bytes, most significant first.
  public var bytes: [UInt8] {
    [w0, w1, w2, w3].flatMap { word in
      stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: word >> UInt64($0)) }
    }
  }

  /// The digest as 64 lowercase hexadecimal digits.
  public var hex: String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The hexadecimal digits.
  public var description: String { hex }

  /// Compares in constant time: every word is read whatever the first difference.
  @inlinable
  public static func == (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
    ((lhs.w0 ^ rhs.w0) | (lhs.w1 ^ rhs.w1) | (lhs.w2 ^ rhs.w2) | (lhs.w3 ^ rhs.w3)) == 0
  }

  /// Hashes all four words.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(w0)
    hasher.combine(w1)
    hasher.combine(w2)
    hasher.combine(w3)
  }
}

/// The value of an ASCII hexadecimal digit.
func hexValue(_ byte: UInt8) -> UInt8? {
  switch byte {
  case 0x30...0x39: byte - 0x30
  case 0x61...0x66: byte - 0x61 + 10
  case 0x41...0x46: byte - 0x41 + 10
  default: nil
  }
}

/// Whether two byte sequences are equal, in time that depends only on their lengths: every
/// byte is read whatever the first difference.
public func constantTimeEquals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>)
  -> Bool
{
  var difference: UInt8 = lhs.count == rhs.count ? 0 : 1
  var left = lhs.makeIterator()
  var right = rhs.makeIterator()
  while true {
    let a = left.next()
    let b = right.next()
    if a == nil && b == nil { break }
    difference |= (a ?? 0) ^ (b ?? 0)
  }
  return difference == 0
}
