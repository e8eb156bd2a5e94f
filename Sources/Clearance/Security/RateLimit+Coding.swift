extension RateLimit: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case requests, perSeconds
  }

  /// Decodes `{"requests": 1000, "perSeconds": 3600}` (`perSeconds` defaults to an hour).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(Int.self, forKey: .requests),
      perSeconds: try c.decode(.perSeconds, default: 3600))
  }

  /// Encodes the limit, leaving out an hour's period.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(count, forKey: .requests)
    try c.encode(periodSeconds, forKey: .perSeconds, default: 3600)
  }
}
