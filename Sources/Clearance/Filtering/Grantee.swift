/// A directory user who may perform an action on a resource, with the memberships that
/// allow it: an answer of ``Snapshot/users(whoCan:on:)-(Action,ResolvedResource)``.
public struct Grantee: Sendable, Hashable {
  /// The user.
  public let user: UserID
  /// Each membership of the user that allows the request on its own, in the directory's
  /// order.
  public let memberships: [GranteeMembership]
}

/// One membership that allows a request, with how it relates to the resource.
public struct GranteeMembership: Sendable, Hashable {
  /// The membership's organization: the resource's, or an ancestor's (relation `tree`).
  public let org: OrgID
  /// The membership's role.
  public let role: RoleID
  /// How the membership relates to the resource.
  public let relation: Scope
}
