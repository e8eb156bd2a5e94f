/// A request with its expected decision: one entry of a `cases.json` file.
///
/// Case files document a policy by example and test it (`clearance test`); the
/// benchmark replays them (`clearance-bench --cases`).
public struct DecisionCase: Sendable, Hashable, Codable {
  /// What the case shows, for people.
  public var name: String
  /// The user asking (a directory user).
  public var user: UserID
  /// The action, as a permission key (`a::b::c`) or a transition (`workflow:TARGET`).
  public var action: ActionName
  /// The resource acted on.
  public var resource: Resource
  /// The expected decision.
  public var expect: Expectation
  /// Why the expectation holds (which rule of the source document), for people.
  public var note: String?
  /// The request context (time, client IP, MFA, API key); nil for a request without one.
  public var context: RequestContext?
  /// How many times the request is made in a row (for rate limits); the last counts.
  public var repeatCount: Int

  /// Creates a case.
  public init(
    name: String, user: UserID, action: ActionName, resource: Resource, expect: Expectation,
    note: String? = nil, context: RequestContext? = nil, repeatCount: Int = 1
  ) {
    self.context = context
    self.repeatCount = repeatCount
    self.name = name
    self.user = user
    self.action = action
    self.resource = resource
    self.expect = expect
    self.note = note
  }

  /// Whether `decision` is what the case expects.
  public func isMet(by decision: Decision) -> Bool {
    switch expect {
    case .allow: decision.isAllowed
    case .deny(let reason): decision.denyReason == reason
    case .rateLimited: false
    }
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name, user, action, resource, expect, note, context
    case repeatCount = "repeat"
  }

  /// Decodes a case; unknown fields are errors.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      name: try c.decode(String.self, forKey: .name),
      user: try c.decode(UserID.self, forKey: .user),
      action: try c.decode(ActionName.self, forKey: .action),
      resource: try c.decode(Resource.self, forKey: .resource),
      expect: try c.decode(Expectation.self, forKey: .expect),
      note: try c.decodeIfPresent(String.self, forKey: .note),
      context: try c.decodeIfPresent(RequestContext.self, forKey: .context),
      repeatCount: try c.decode(.repeatCount, default: 1))
  }

  /// Encodes a case.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(user, forKey: .user)
    try c.encode(action, forKey: .action)
    try c.encode(resource, forKey: .resource)
    try c.encode(expect, forKey: .expect)
    try c.encodeIfPresent(note, forKey: .note)
    try c.encodeIfPresent(context, forKey: .context)
    try c.encode(repeatCount, forKey: .repeatCount, default: 1)
  }
}
