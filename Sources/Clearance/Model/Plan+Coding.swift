extension Plan: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, features
  }

  /// Decodes a plan.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(PlanID.self, forKey: .id), features: try c.decode(.features, default: []))
  }

  /// Encodes a plan.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(features, forKey: .features)
  }
}
