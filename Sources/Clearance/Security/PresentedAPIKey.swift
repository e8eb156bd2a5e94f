/// An API key as a request presents it (`Authorization: Bearer clr_…`), parsed once when
/// the ``RequestContext`` is made: the key's public id, the secret's digits, and the
/// SHA-256 digest of the whole secret that check 2 compares, in constant time, with the
/// stored one.
///
/// A plain value without references, so a context that carries one (or none) is copied
/// and dropped like its bytes: no retain, release or outlined copy on the request path.
/// The secret is kept losslessly (its digits as values, with the case of each letter), so
/// ``secret`` gives back exactly the text presented.
///
/// A text not shaped like a key (`clr_`, 16 hex digits, `_`, 64 hex digits) is kept as a
/// malformed key: ``isWellFormed`` is false, it has no ``id``, ``secret`` or ``digest``,
/// and every check denies it ``DenyReason/apiKeyInvalid``, as it does an unknown key.
public struct PresentedAPIKey: Sendable, Hashable, CustomStringConvertible {
  /// Whether the text was shaped like a key.
  public let isWellFormed: Bool
  /// The id's 16 digits, four bits each, the first in the highest bits.
  let idDigits: UInt64
  /// The secret's 64 digits, sixteen to a word, the first in the highest bits of `s0`.
  let s0: UInt64
  let s1: UInt64
  let s2: UInt64
  let s3: UInt64
  /// Which digits were uppercase letters: bit 15 - i of `idUppercase` for the id's digit
  /// i, bit 63 - i of `secretUppercase` for the secret's digit i.
  let idUppercase: UInt16
  let secretUppercase: UInt64
  /// The SHA-256 digest of the whole secret; zero for a malformed text.
  let secretDigest: SHA256Digest

  /// Parses a presented secret and computes its SHA-256 digest; a text not shaped like a
  /// key gives a malformed key (see the type's rules), which is always refused.
  public init(secret: String) {
    let bytes = Array(secret.utf8)
    guard bytes.count == Self.length, bytes.starts(with: Self.prefix),
      bytes[Self.separator] == UInt8(ascii: "_"),
      let id = Self.digits(bytes[4..<Self.separator]),
      let first = Self.digits(bytes[21..<37]), let second = Self.digits(bytes[37..<53]),
      let third = Self.digits(bytes[53..<69]), let fourth = Self.digits(bytes[69..<85])
    else {
      self.init(malformed: ())
      return
    }
    self.init(
      id: id, secret: (first.value, second.value, third.value, fourth.value),
      secretUppercase: first.uppercase << 48 | second.uppercase << 32 | third.uppercase << 16
        | fourth.uppercase,
      digest: SHA256.hash(bytes))
  }

  /// A well-formed key from its parsed parts.
  private init(
    id: (value: UInt64, uppercase: UInt64), secret: (UInt64, UInt64, UInt64, UInt64),
    secretUppercase: UInt64, digest: SHA256Digest
  ) {
    isWellFormed = true
    idDigits = id.value
    idUppercase = UInt16(truncatingIfNeeded: id.uppercase)
    (s0, s1, s2, s3) = secret
    self.secretUppercase = secretUppercase
    secretDigest = digest
  }

  /// A malformed key.
  init(malformed: Void) {
    isWellFormed = false
    (idDigits, s0, s1, s2, s3, idUppercase, secretUppercase) = (0, 0, 0, 0, 0, 0, 0)
    secretDigest = SHA256Digest(0, 0, 0, 0)
  }

  /// The key's public id (16 hex digits, as presented); nil for a malformed text.
  public var id: String? {
    isWellFormed ? String(decoding: idBytes, as: UTF8.self) : nil
  }

  /// The secret exactly as presented; nil for a malformed text (which is not kept).
  public var secret: String? {
    guard isWellFormed else { return nil }
    var text = Self.prefix + idBytes + [UInt8(ascii: "_")]
    for (i, word) in [s0, s1, s2, s3].enumerated() {
      text += Self.text(
        word, uppercase: UInt16(truncatingIfNeeded: secretUppercase >> (48 - 16 * i)))
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The SHA-256 digest of the whole secret, what a stored ``APIKey`` keeps; nil for a
  /// malformed text.
  public var digest: SHA256Digest? { isWellFormed ? secretDigest : nil }

  /// `API key <id>`, or `malformed API key`: never the secret.
  public var description: String { id.map { "API key \($0)" } ?? "malformed API key" }

  /// The id's UTF-8 bytes, as the security state indexes keys (empty when malformed).
  var idBytes: [UInt8] { isWellFormed ? Self.text(idDigits, uppercase: idUppercase) : [] }

  /// A key's length in bytes, its prefix, and where the `_` after the id is.
  private static let length = 85
  private static let prefix = Array("clr_".utf8)
  private static let separator = 20

  /// Sixteen hex digits as their value and which of them were uppercase letters (the
  /// first digit in the highest bits of both); nil when one is not a hex digit.
  private static func digits(_ bytes: ArraySlice<UInt8>) -> (value: UInt64, uppercase: UInt64)? {
    var value: UInt64 = 0
    var uppercase: UInt64 = 0
    for byte in bytes {
      guard let nibble = hexValue(byte) else { return nil }
      value = value << 4 | UInt64(nibble)
      uppercase = uppercase << 1 | (byte >= 0x41 && byte <= 0x46 ? 1 : 0)
    }
    return (value, uppercase)
  }

  /// The sixteen digits of `value`, each letter in the case `uppercase` records.
  static func text(_ value: UInt64, uppercase: UInt16) -> [UInt8] {
    (0..<16).map { i in
      let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * UInt64(i))) & 0xF
      if nibble < 10 { return 0x30 + nibble }
      let upper = uppercase >> (15 - UInt16(i)) & 1 == 1
      return (upper ? 0x41 : 0x61) + nibble - 10
    }
  }
}
