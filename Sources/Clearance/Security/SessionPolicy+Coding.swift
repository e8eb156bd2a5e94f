extension SessionPolicy: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case idleTimeoutSeconds, maximumConcurrent
  }

  /// Decodes session settings; absent fields take the defaults (30 minutes, 5).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      idleTimeoutSeconds: try c.decode(.idleTimeoutSeconds, default: 1800),
      maximumConcurrent: try c.decode(.maximumConcurrent, default: 5))
  }

  /// Encodes session settings.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(idleTimeoutSeconds, forKey: .idleTimeoutSeconds)
    try c.encode(maximumConcurrent, forKey: .maximumConcurrent)
  }
}
