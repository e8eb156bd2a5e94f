/// One operation being applied: the snapshot before it, the operation and the rules in
/// force, with the checks the operations share. Each kind's checks live in the
/// `AdministrationContext+…` files.
struct AdministrationContext {
  let snapshot: Snapshot
  let operation: AdministrationOperation
  let rules: AdministrationPolicy

  var actor: UserID { operation.actor }

  /// Checks the operation (its permission is already checked) and applies it.
  func apply() throws(AdministrationRejection) -> Snapshot {
    switch operation.change {
    case .invite(let user, let org, let role, let shops):
      return try invite(user, org, role, shops)
    case .changeRole(let user, let org, let role): return try changeRole(user, org, role)
    case .removeMember(let user, let org): return try removeMember(user, org)
    case .deactivateUser(let user, let org): return try deactivateUser(user, org)
    case .reactivateUser(let user, let org): return try reactivateUser(user, org)
    case .transferOwnership(let user, let org): return try transferOwnership(user, org)
    case .deactivateOrg(let org): return try deactivateOrg(org)
    case .reactivateOrg(let org):
      return try validated { () throws(ValidationError) in
        try snapshot.settingOrganization(org, isActive: true)
      }
    case .createRole(_, let role): return try createRole(role)
    case .editRole(_, let role, let name, let grants, let inherits):
      return try editRole(role, name: name, grants: grants, inherits: inherits)
    case .deleteRole(_, let role): return try deleteRole(role)
    case .restoreRole(let org, let role): return try restoreRole(role, org)
    case .grantDirect(let user, let org, let grant, let withPrerequisites):
      return try grantDirect(user, org, grant, withPrerequisites: withPrerequisites)
    case .revokeDirect(let user, let org, let permission, let scope):
      return try revokeDirect(user, org, permission, scope)
    case .setPlan(let org, let plan): return try setPlan(org, plan)
    case .setFeature(let org, let feature, let enabled):
      return try setFeature(org, feature, enabled)
    case .createAPIKey(let key): return try createAPIKey(key)
    case .revokeAPIKey(let org, let id): return try revokeAPIKey(org, id)
    case .setAllowlist(let org, let entries): return try setAllowlist(org, entries)
    case .setMFA(let org, let enforcement): return try setMFA(org, enforcement)
    case .batch:
      throw AdministrationRejection(.invalid, "a batch is applied by the snapshot")
    }
  }

  // MARK: Shared checks

  /// Runs a snapshot update, turning its validation error into an `invalid` rejection.
  func validated(_ update: () throws(ValidationError) -> Snapshot)
    throws(AdministrationRejection) -> Snapshot
  {
    do {
      return try update()
    } catch {
      throw AdministrationRejection(.invalid, error.description)
    }
  }

  /// The membership of `user` in `org`, or an `unknownTarget` rejection.
  func membership(of user: UserID, in org: OrgID) throws(AdministrationRejection) -> Membership {
    guard let membership = snapshot.adminMembership(of: user, in: org) else {
      throw AdministrationRejection(.unknownTarget, "\(user) is not a member of \(org)")
    }
    return membership
  }

  /// The policy's role `id`, or an `unknownTarget` rejection; with `live`, a
  /// `roleDeleted` rejection for a soft-deleted role.
  func role(_ id: RoleID, live: Bool) throws(AdministrationRejection) -> Role {
    guard let role = snapshot.adminRole(id) else {
      throw AdministrationRejection(.unknownTarget, "unknown role \"\(id)\"")
    }
    if live && role.isDeleted {
      throw AdministrationRejection(.roleDeleted, "role \(id) is deleted")
    }
    return role
  }

  /// Refuses a change of the actor's own membership or account when `rule` is on.
  func checkNotSelf(_ user: UserID, _ rule: Bool, _ what: String) throws(AdministrationRejection) {
    if rule && user.isSame(as: actor) {
      throw AdministrationRejection(.selfProtection, "\(actor) may not \(what) themselves")
    }
  }

  /// Refuses giving `role` when the actor's role may not give it by `table`.
  func checkAssignable(
    _ roles: [RoleID], in org: OrgID, table: [RoleID: [RoleID]]?, _ how: String
  ) throws(AdministrationRejection) {
    guard let table else { return }
    let acting = snapshot.actingRole(of: actor, in: org)
    let allowed =
      acting.flatMap { acting in
        table.first { $0.key.isSame(as: acting) }?.value
      } ?? []
    for role in roles {
      let permitted = allowed.contains {
        $0.isSame(as: role) || $0.rawValue.utf8.elementsEqual("*".utf8)
      }
      if !permitted {
        throw AdministrationRejection(
          .notAssignable,
          "\(actor) (\(acting?.rawValue ?? "no role")) may not \(how) \(role) in \(org)")
      }
    }
  }

  /// Whether `user` holds the owner role in `org`.
  func isOwner(_ user: UserID, in org: OrgID) -> Bool {
    guard let owner = rules.owner else { return false }
    return snapshot.adminMembership(of: user, in: org)?.role.isSame(as: owner.role) ?? false
  }

  /// Refuses `next` when an organization of `orgs` that had an active owner has none in it.
  func checkOwners(_ next: Snapshot, in orgs: [OrgID]) throws(AdministrationRejection) {
    guard let owner = rules.owner, owner.atLeastOne else { return }
    for org in orgs
    where snapshot.activeHolderCount(of: owner.role, in: org) > 0
      && next.activeHolderCount(of: owner.role, in: org) == 0
    {
      throw AdministrationRejection(
        .lastOwner, "\(org) would be left without an active \(owner.role)")
    }
  }

  /// Recompiles the policy with `change` made to its source and rebuilds the snapshot on it.
  func replacingPolicy(_ change: (inout Policy) -> Void) throws(AdministrationRejection)
    -> Snapshot
  {
    var source = snapshot.currentPolicy
    change(&source)
    return try validated { () throws(ValidationError) in
      try snapshot.replacingPolicy(try CompiledPolicy(source))
    }
  }
}
