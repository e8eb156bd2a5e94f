extension Grant: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case permission, scope, states
  }

  /// Decodes a grant from `"pattern"` (scope `org`) or `{"permission", "scope", "states"}`.
  public init(from decoder: any Decoder) throws {
    if let pattern = decoder.shorthand(PermissionPattern.self) {
      self.init(pattern)
      return
    }
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(PermissionPattern.self, forKey: .permission),
      scope: try c.decode(.scope, default: .org),
      states: try c.decodeIfPresent([StateName].self, forKey: .states))
  }

  /// Encodes a grant, as a bare pattern when it has the default scope and no states.
  public func encode(to encoder: any Encoder) throws {
    if scope == .org && states == nil {
      try encoder.encodeShorthand(permission)
      return
    }
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(permission, forKey: .permission)
    try c.encode(scope, forKey: .scope, default: .org)
    try c.encodeIfPresent(states, forKey: .states)
  }
}
