extension PasswordPolicy: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case minimumLength, requiresCharacterClasses, historyCount, maximumAgeDays
  }

  /// Decodes password rules; absent fields take the defaults. `maximumAgeDays: null`
  /// means passwords never expire.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    let age: Int? =
      c.contains(.maximumAgeDays) ? try c.decodeIfPresent(Int.self, forKey: .maximumAgeDays) : 90
    self.init(
      minimumLength: try c.decode(.minimumLength, default: 12),
      requiresCharacterClasses: try c.decode(.requiresCharacterClasses, default: true),
      historyCount: try c.decode(.historyCount, default: 5), maximumAgeDays: age)
  }

  /// Encodes password rules.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(minimumLength, forKey: .minimumLength)
    try c.encode(requiresCharacterClasses, forKey: .requiresCharacterClasses)
    try c.encode(historyCount, forKey: .historyCount)
    if let maximumAgeDays {
      try c.encode(maximumAgeDays, forKey: .maximumAgeDays)
    } else {
      try c.encodeNil(forKey: .maximumAgeDays)
    }
  }
}
