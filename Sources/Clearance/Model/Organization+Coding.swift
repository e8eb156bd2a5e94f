extension Organization: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, parent, plan, features, shops, active, security
  }

  /// Decodes an organization.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    // Feature names are keys of an object; read them one by one so that names differing
    // only in their bytes (not canonically) stay distinct.
    var overrides: [FeatureID: Bool] = [:]
    if try c.contains(.features) && !c.decodeNil(forKey: .features) {
      let features = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .features)
      for key in features.allKeys {
        overrides[FeatureID(key.stringValue)] = try features.decode(Bool.self, forKey: key)
      }
    }
    self.init(
      try c.decode(OrgID.self, forKey: .id),
      parent: try c.decodeIfPresent(OrgID.self, forKey: .parent),
      plan: try c.decodeIfPresent(PlanID.self, forKey: .plan),
      featureOverrides: overrides,
      shops: try c.decode(.shops, default: []),
      isActive: try c.decode(.active, default: true),
      security: try c.decode(.security, default: OrgSecurity()))
  }

  /// Encodes an organization.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encodeIfPresent(parent, forKey: .parent)
    try c.encodeIfPresent(plan, forKey: .plan)
    if !featureOverrides.isEmpty {
      var features = c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .features)
      for (feature, enabled) in featureOverrides {
        try features.encode(enabled, forKey: AnyCodingKey(stringValue: feature.rawValue))
      }
    }
    try c.encode(nonEmpty: shops, forKey: .shops)
    try c.encode(isActive, forKey: .active, default: true)
    if !security.isEmpty { try c.encode(security, forKey: .security) }
  }
}
