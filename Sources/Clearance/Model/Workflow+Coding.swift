extension Workflow: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, states, initial, transitions, basePermission
  }

  /// Decodes a workflow.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(WorkflowID.self, forKey: .id),
      states: try c.decode(.states, default: []),
      initial: try c.decode(StateName.self, forKey: .initial),
      transitions: try c.decode(.transitions, default: []),
      basePermission: try c.decodeIfPresent(PermissionKey.self, forKey: .basePermission))
  }

  /// Encodes a workflow.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(states, forKey: .states)
    try c.encode(initial, forKey: .initial)
    try c.encode(transitions, forKey: .transitions)
    try c.encodeIfPresent(basePermission, forKey: .basePermission)
  }
}
