extension APIKey {
  /// Issues a new key: a fresh random secret from the system's secure generator
  /// (`getrandom` on Linux), and the key record that stores only its digest.
  ///
  /// The secret reads `clr_<id>_<64 hex digits>`: 16 hex digits of public id, then 256
  /// random bits. Show it to the user once; it cannot be recovered from the record.
  public static func issue(
    user: UserID, org: OrgID, scope: APIKeyScope, expiry: APIKeyExpiry, at now: Timestamp,
    name: String? = nil
  ) -> IssuedAPIKey {
    var generator = SystemRandomNumberGenerator()
    return issue(
      user: user, org: org, scope: scope, expiry: expiry, at: now, name: name,
      using: &generator)
  }

  /// Issues a key with randomness from `generator`; for tests with a seeded generator.
  /// Production keys must use ``issue(user:org:scope:expiry:at:name:)``.
  public static func issue(
    user: UserID, org: OrgID, scope: APIKeyScope, expiry: APIKeyExpiry, at now: Timestamp,
    name: String? = nil, using generator: inout some RandomNumberGenerator
  ) -> IssuedAPIKey {
    let id = hexDigits(of: [generator.next()])
    let secret = "clr_\(id)_" + hexDigits(of: (0..<4).map { _ in generator.next() })
    let key = APIKey(
      id: id, user: user, org: org, scope: scope, digest: SHA256.hash(secret.utf8),
      created: now,
      expires: expiry.days.map { now.adding(seconds: Int64($0) * secondsPerDay) }, name: name)
    return IssuedAPIKey(secret: secret, key: key)
  }

  /// The public id inside a presented secret (`clr_<id>_…`), or nil when the text is not
  /// shaped like a key (wrong prefix, id, or secret length).
  public static func id(inSecret secret: String) -> String? {
    let bytes = Array(secret.utf8)
    guard bytes.count == 4 + 16 + 1 + 64, bytes.starts(with: Array("clr_".utf8)),
      bytes[20] == UInt8(ascii: "_"),
      bytes[4..<20].allSatisfy({ hexValue($0) != nil }),
      bytes[21...].allSatisfy({ hexValue($0) != nil })
    else { return nil }
    return String(decoding: bytes[4..<20], as: UTF8.self)
  }
}

/// A newly issued key: the secret to show once, and the record to store.
public struct IssuedAPIKey: Sendable, Hashable {
  /// The secret the client presents (`Authorization: Bearer …`). Never stored.
  public let secret: String
  /// The record to store in the directory.
  public let key: APIKey
}

/// Lowercase hex digits of 64-bit words, most significant first.
private func hexDigits(of words: [UInt64]) -> String {
  words.map { word in
    let digits = String(word, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }.joined()
}
