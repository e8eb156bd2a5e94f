extension Policy: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case permissions, features, ungated, plans, roles, workflows, administration, security
  }

  /// Decodes a policy from its JSON form (see `docs/FORMAT.md`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      permissions: try c.decode(.permissions, default: []),
      features: try c.decode(.features, default: []),
      ungated: try c.decode(.ungated, default: []),
      plans: try c.decode(.plans, default: []),
      roles: try c.decode(.roles, default: []),
      workflows: try c.decode(.workflows, default: []),
      administration: try c.decodeIfPresent(AdministrationPolicy.self, forKey: .administration),
      security: try c.decodeIfPresent(SecuritySettings.self, forKey: .security))
  }

  /// Encodes a policy in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(permissions, forKey: .permissions)
    try c.encode(nonEmpty: features, forKey: .features)
    try c.encode(nonEmpty: ungated, forKey: .ungated)
    try c.encode(nonEmpty: plans, forKey: .plans)
    try c.encode(roles, forKey: .roles)
    try c.encode(nonEmpty: workflows, forKey: .workflows)
    try c.encodeIfPresent(administration, forKey: .administration)
    try c.encodeIfPresent(security, forKey: .security)
  }
}
