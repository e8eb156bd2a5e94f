extension ChildFeature: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, enabled
  }

  /// Decodes a child feature from `"id"` (globally on) or `{"id", "enabled"}`.
  public init(from decoder: any Decoder) throws {
    if let id = decoder.shorthand(FeatureID.self) {
      self.init(id)
      return
    }
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(FeatureID.self, forKey: .id), isEnabled: try c.decode(.enabled, default: true))
  }

  /// Encodes a child feature, as a bare identifier when globally on.
  public func encode(to encoder: any Encoder) throws {
    if isEnabled {
      try encoder.encodeShorthand(id)
      return
    }
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(false, forKey: .enabled)
  }
}
