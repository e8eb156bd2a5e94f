/// Which roles an actor may give, by the actor's role, separately for invitations and for
/// role changes. An actor role that is not listed may give no role at all; a list holding
/// `*` means every role.
public struct AssignableRoles: Sendable, Hashable {
  /// Roles each actor role may give by invitation; `nil` leaves invitations unchecked.
  public var invite: [RoleID: [RoleID]]?
  /// Roles each actor role may give by a role change; `nil` leaves role changes
  /// unchecked. A role change also needs the member's current role to be one the actor may
  /// give, so nobody changes the role of a member above them.
  public var changeRole: [RoleID: [RoleID]]?

  /// Creates the rule.
  public init(invite: [RoleID: [RoleID]]? = nil, changeRole: [RoleID: [RoleID]]? = nil) {
    self.invite = invite
    self.changeRole = changeRole
  }
}
