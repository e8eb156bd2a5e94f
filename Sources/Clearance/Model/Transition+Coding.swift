extension Transition: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case from, to
  }

  /// Decodes a transition.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      from: try c.decode(StateName.self, forKey: .from),
      to: try c.decode(StateName.self, forKey: .to))
  }

  /// Encodes a transition.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(from, forKey: .from)
    try c.encode(to, forKey: .to)
  }
}
