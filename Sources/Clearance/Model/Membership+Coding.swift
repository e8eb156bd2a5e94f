extension Membership: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case user, org, role, shops, grants
  }

  /// Decodes a membership.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      user: try c.decode(UserID.self, forKey: .user),
      org: try c.decode(OrgID.self, forKey: .org),
      role: try c.decode(RoleID.self, forKey: .role),
      shops: try c.decode(.shops, default: []),
      grants: try c.decode(.grants, default: []))
  }

  /// Encodes a membership.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(user, forKey: .user)
    try c.encode(org, forKey: .org)
    try c.encode(role, forKey: .role)
    try c.encode(nonEmpty: shops, forKey: .shops)
    try c.encode(nonEmpty: grants, forKey: .grants)
  }
}
