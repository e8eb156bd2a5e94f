extension Resource: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case org, shop, assignee, state
  }

  /// Decodes a resource; unknown fields are errors.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      org: try c.decode(OrgID.self, forKey: .org),
      shop: try c.decodeIfPresent(ShopID.self, forKey: .shop),
      assignee: try c.decodeIfPresent(UserID.self, forKey: .assignee),
      state: try c.decodeIfPresent(StateName.self, forKey: .state))
  }

  /// Encodes a resource.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(org, forKey: .org)
    try c.encodeIfPresent(shop, forKey: .shop)
    try c.encodeIfPresent(assignee, forKey: .assignee)
    try c.encodeIfPresent(state, forKey: .state)
  }
}
