extension OrgSecurity: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case ipAllowlist, mfa
  }

  /// Decodes an organization's `security` object.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      ipAllowlist: try c.decodeIfPresent([String].self, forKey: .ipAllowlist),
      mfa: try c.decodeIfPresent(MFAEnforcement.self, forKey: .mfa))
  }

  /// Encodes the settings that are set.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(ipAllowlist, forKey: .ipAllowlist)
    try c.encodeIfPresent(mfa, forKey: .mfa)
  }
}
