extension PermissionDefinition: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case key, requires, description
  }

  /// Decodes a permission from `"a::b::c"` or `{"key": …, "requires": […]}`.
  public init(from decoder: any Decoder) throws {
    if let key = decoder.shorthand(PermissionKey.self) {
      self.init(key)
      return
    }
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(PermissionKey.self, forKey: .key),
      requires: try c.decode(.requires, default: []),
      description: try c.decodeIfPresent(String.self, forKey: .description))
  }

  /// Encodes a permission, as a bare key when it has nothing else.
  public func encode(to encoder: any Encoder) throws {
    if requires.isEmpty && description == nil {
      try encoder.encodeShorthand(key)
      return
    }
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(key, forKey: .key)
    try c.encode(nonEmpty: requires, forKey: .requires)
    try c.encodeIfPresent(description, forKey: .description)
  }
}
