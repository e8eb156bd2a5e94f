extension MFAEnforcement: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case level, since
  }

  /// Decodes `{"level": "admins", "since": "2026-03-01T00:00:00Z"}`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    let level = try c.decode(
      Level.self, forKey: .level,
      failure: { "unknown MFA level \"\($0)\" (expected optional, admins or required)" })
    self.init(level, since: try c.decode(Timestamp.self, forKey: .since))
  }

  /// Encodes the enforcement.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(level.rawValue, forKey: .level)
    try c.encode(since, forKey: .since)
  }
}
