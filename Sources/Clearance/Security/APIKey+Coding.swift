extension APIKey: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, user, org, scope, digest, created, expires, revoked, name
  }

  /// Decodes a stored key; `digest` is the secret's SHA-256 in hex.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    let scope = try c.decode(
      APIKeyScope.self, forKey: .scope,
      failure: { "unknown API key scope \"\($0)\" (expected read, write or admin)" })
    let hex = try c.decode(String.self, forKey: .digest)
    guard let digest = SHA256Digest(hex: hex) else {
      throw DecodingError.dataCorruptedError(
        forKey: .digest, in: c, debugDescription: "a digest is 64 hex digits")
    }
    self.init(
      id: try c.decode(String.self, forKey: .id), user: try c.decode(UserID.self, forKey: .user),
      org: try c.decode(OrgID.self, forKey: .org), scope: scope, digest: digest,
      created: try c.decode(Timestamp.self, forKey: .created),
      expires: try c.decodeIfPresent(Timestamp.self, forKey: .expires),
      isRevoked: try c.decode(.revoked, default: false),
      name: try c.decodeIfPresent(String.self, forKey: .name))
  }

  /// Encodes a stored key.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(user, forKey: .user)
    try c.encode(org, forKey: .org)
    try c.encode(scope.rawValue, forKey: .scope)
    try c.encode(digest.hex, forKey: .digest)
    try c.encode(created, forKey: .created)
    try c.encodeIfPresent(expires, forKey: .expires)
    try c.encode(flag: isRevoked, forKey: .revoked)
    try c.encodeIfPresent(name, forKey: .name)
  }
}
