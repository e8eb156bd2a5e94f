extension User: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, active
  }

  /// Decodes a user from `"id"` (active) or `{"id", "active"}`.
  public init(from decoder: any Decoder) throws {
    if let id = decoder.shorthand(UserID.self) {
      self.init(id)
      return
    }
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(UserID.self, forKey: .id), isActive: try c.decode(.active, default: true))
  }

  /// Encodes a user, as a bare identifier when active.
  public func encode(to encoder: any Encoder) throws {
    if isActive {
      try encoder.encodeShorthand(id)
      return
    }
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(false, forKey: .active)
  }
}
