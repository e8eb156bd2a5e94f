extension WorkflowState: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case name, enter, terminal
  }

  /// Decodes a workflow state from `"NAME"` or `{"name", "enter", "terminal"}`.
  public init(from decoder: any Decoder) throws {
    if let name = decoder.shorthand(StateName.self) {
      self.init(name)
      return
    }
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(StateName.self, forKey: .name),
      enter: try c.decodeIfPresent(PermissionKey.self, forKey: .enter),
      isTerminal: try c.decode(.terminal, default: false))
  }

  /// Encodes a workflow state.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encodeIfPresent(enter, forKey: .enter)
    try c.encode(flag: isTerminal, forKey: .terminal)
  }
}
