extension ParentFeature: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, children
  }

  /// Decodes a parent feature.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(FeatureID.self, forKey: .id), children: try c.decode(.children, default: []))
  }

  /// Encodes a parent feature.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(children, forKey: .children)
  }
}
