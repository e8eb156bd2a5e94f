/// Who may restore a soft-deleted role: a super admin, in active mode.
///
/// "Active mode" is the host's: a super admin who has entered the tenant in Super Admin
/// Active mode. The host says so on the operation (``AdministrationOperation/activeMode``),
/// so that the decision is part of the logged operation and replays identically.
public struct RestoreRule: Sendable, Hashable {
  /// The roles whose holders are super admins.
  public var superAdminRoles: [RoleID]
  /// When on, the operation must also be made in active mode.
  public var requiresActiveMode: Bool

  /// Creates the rule.
  public init(superAdminRoles: [RoleID], requiresActiveMode: Bool = true) {
    self.superAdminRoles = superAdminRoles
    self.requiresActiveMode = requiresActiveMode
  }
}
