/// The trace of one membership of the principal.
public struct MembershipTrace: Sendable, Hashable {
  /// The membership's organization.
  public let org: OrgID
  /// The membership's role.
  public let role: RoleID
  /// Whether the role is soft-deleted (and so grants nothing).
  public let roleIsDeleted: Bool
  /// The membership's relation to the resource, or nil when unrelated.
  public let relation: Scope?
  /// The permissions the action needs, each traced (for an unrelated membership too, with
  /// no grant covering the resource).
  public let permissions: [PermissionTrace]
  /// Whether this membership allows the action: exactly what the decision's permission
  /// check found for it (a move into a state that names no enter permission is never
  /// allowed, whatever ``permissions`` shows).
  public let allows: Bool
}
