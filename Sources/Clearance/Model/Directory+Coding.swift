extension Directory: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case organizations, users, memberships, apiKeys
  }

  /// Decodes a directory from its JSON form (see `docs/FORMAT.md`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      organizations: try c.decode(.organizations, default: []),
      users: try c.decode(.users, default: []),
      memberships: try c.decode(.memberships, default: []),
      apiKeys: try c.decode(.apiKeys, default: []))
  }

  /// Encodes a directory in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(organizations, forKey: .organizations)
    try c.encode(users, forKey: .users)
    try c.encode(memberships, forKey: .memberships)
    try c.encode(nonEmpty: apiKeys, forKey: .apiKeys)
  }
}
