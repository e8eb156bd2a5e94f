extension Role: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, name, inherits, grants, system, deleted
  }

  /// Decodes a role.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(RoleID.self, forKey: .id),
      name: try c.decodeIfPresent(String.self, forKey: .name),
      inherits: try c.decode(.inherits, default: []),
      grants: try c.decode(.grants, default: []),
      isSystem: try c.decode(.system, default: false),
      isDeleted: try c.decode(.deleted, default: false))
  }

  /// Encodes a role.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encodeIfPresent(name, forKey: .name)
    try c.encode(nonEmpty: inherits, forKey: .inherits)
    try c.encode(nonEmpty: grants, forKey: .grants)
    try c.encode(flag: isSystem, forKey: .system)
    try c.encode(flag: isDeleted, forKey: .deleted)
  }
}
