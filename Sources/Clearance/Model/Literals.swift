// String-literal short forms, mirroring the JSON short forms of docs/FORMAT.md:
// `"a::b::c"` is a permission without prerequisites, a grant at scope `org`, and so on.

extension PermissionDefinition: ExpressibleByStringLiteral {
  /// A permission without prerequisites: `"tickets::ticket::read"`.
  public init(stringLiteral key: String) { self.init(PermissionKey(key)) }
}

extension Grant: ExpressibleByStringLiteral {
  /// A grant of a pattern at scope `org`, without a state condition.
  public init(stringLiteral pattern: String) { self.init(PermissionPattern(pattern)) }
}

extension ChildFeature: ExpressibleByStringLiteral {
  /// A child feature that is globally on.
  public init(stringLiteral id: String) { self.init(FeatureID(id)) }
}

extension WorkflowState: ExpressibleByStringLiteral {
  /// A state that names no enter permission and is not terminal.
  public init(stringLiteral name: String) { self.init(StateName(name)) }
}

extension User: ExpressibleByStringLiteral {
  /// An active user.
  public init(stringLiteral id: String) { self.init(UserID(id)) }
}
