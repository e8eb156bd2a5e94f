/// A grant: a permission pattern at a scope, optionally only for resources in some states.
public struct Grant: Sendable, Hashable {
  /// The permissions granted: a key, or a pattern with `*` segments.
  public var permission: PermissionPattern
  /// How far the grant reaches. Defaults to ``Scope/org``.
  public var scope: Scope
  /// When set, the grant covers only resources whose state is one of these.
  /// A resource without a state is then not covered.
  public var states: [StateName]?

  /// Creates a grant.
  public init(_ permission: PermissionPattern, scope: Scope = .org, states: [StateName]? = nil) {
    self.permission = permission
    self.scope = scope
    self.states = states
  }
}
