/// The parts of the exported tables an administration operation may change: what a change
/// script compares between the old and the new snapshot. Everything outside the scope is
/// taken to be equal, so a scope must cover every row the operation can change; a wider
/// scope only costs time.
struct SQLChangeScope {
  /// Users whose `users` row, `memberships` rows, and the `permits` of the profiles those
  /// memberships point at, may change. O(their memberships).
  var users: [UserID] = []
  /// `organizations`, `org_disabled_features` and `security_blocks`: liveness, plans,
  /// feature overrides and anything else decided per organization. O(organizations ×
  /// actions).
  var organizations = false
  /// Everything the compiled policy decides: `states`, `actions`, `action_features`,
  /// `security_blocks` and the `permits` of every profile, compared whole (so also the
  /// organization tables). O(memberships + profiles × actions).
  var policy = false
}

extension AdministrationOperation {
  /// Widens `scope` to cover what this operation may change in the exported tables.
  ///
  /// A new operation kind is one case here. It must name every user whose membership or
  /// active flag it may change (`users`), set `organizations` when it changes anything
  /// decided per organization (liveness, plan, feature override, security settings such
  /// as an allowlist, which `security_blocks` reflects), and `policy` when it changes the
  /// policy (roles, grants, permissions). An operation that touches none of the exported
  /// tables (an API key, whose digest the export does not hold) adds nothing.
  func widen(_ scope: inout SQLChangeScope) {
    switch change {
    case .invite(let user, _, _, _), .changeRole(let user, _, _), .removeMember(let user, _),
      .deactivateUser(let user, _), .reactivateUser(let user, _),
      .grantDirect(let user, _, _, _), .revokeDirect(let user, _, _, _):
      scope.users.append(user)
    case .transferOwnership(let user, _):
      // The actor, an owner, takes the former owner role.
      scope.users += [user, actor]
    case .deactivateOrg, .reactivateOrg, .setPlan, .setFeature, .setAllowlist, .setMFA:
      // An allowlist or MFA enforcement shows in `security_blocks`.
      scope.organizations = true
    case .createAPIKey, .revokeAPIKey:
      // The export holds no API keys.
      break
    case .createRole, .editRole, .deleteRole, .restoreRole:
      scope.policy = true
    case .batch(let operations):
      for operation in operations { operation.widen(&scope) }
    }
  }
}
