// Membership and user operations: invite, change role, remove, (de)activate, transfer
// ownership.

extension AdministrationContext {
  func invite(_ user: UserID, _ org: OrgID, _ roleID: RoleID, _ shops: [ShopID])
    throws(AdministrationRejection) -> Snapshot
  {
    _ = try role(roleID, live: true)
    if snapshot.adminMembership(of: user, in: org) != nil {
      throw AdministrationRejection(.alreadyExists, "\(user) is already a member of \(org)")
    }
    try checkAssignable([roleID], in: org, table: rules.assignable?.invite, "invite as")
    return try validated { () throws(ValidationError) in
      var next = snapshot
      if snapshot.adminUserIsActive(user) == nil { next = try next.addingUser(User(user)) }
      return try next.addingMembership(
        Membership(user: user, org: org, role: roleID, shops: shops))
    }
  }

  func changeRole(_ user: UserID, _ org: OrgID, _ roleID: RoleID)
    throws(AdministrationRejection) -> Snapshot
  {
    let current = try membership(of: user, in: org)
    _ = try role(roleID, live: true)
    try checkNotSelf(user, rules.selfProtection.role, "change the role of")
    if let owner = rules.owner, owner.isProtected, current.role.isSame(as: owner.role),
      !roleID.isSame(as: owner.role)
    {
      throw AdministrationRejection(
        .ownerProtected,
        "\(user) is an owner of \(org): ownership must be transferred before their role changes")
    }
    try checkAssignable(
      [current.role, roleID], in: org, table: rules.assignable?.changeRole, "change the role of")
    let next = try validated { () throws(ValidationError) in
      try snapshot.changingRole(of: user, in: org, to: roleID)
    }
    try checkOwners(next, in: [org])
    return next
  }

  func removeMember(_ user: UserID, _ org: OrgID) throws(AdministrationRejection) -> Snapshot {
    _ = try membership(of: user, in: org)
    try checkNotSelf(user, rules.selfProtection.removal, "remove")
    if let owner = rules.owner, owner.isProtected, isOwner(user, in: org) {
      throw AdministrationRejection(
        .ownerProtected,
        "\(user) is an owner of \(org): ownership must be transferred before they are removed")
    }
    let next = try validated { () throws(ValidationError) in
      try snapshot.removingMembership(of: user, in: org)
    }
    try checkOwners(next, in: [org])
    return next
  }

  func deactivateUser(_ user: UserID, _ org: OrgID) throws(AdministrationRejection) -> Snapshot {
    _ = try membership(of: user, in: org)
    try checkNotSelf(user, rules.selfProtection.deactivation, "deactivate")
    let orgs = snapshot.adminOrganizations(of: user)
    try checkPermittedInEvery(orgs, of: user)
    if let owner = rules.owner, owner.isProtected,
      let owned = orgs.first(where: { isOwner(user, in: $0) })
    {
      throw AdministrationRejection(
        .ownerProtected,
        "\(user) is an owner of \(owned): ownership must be transferred before they are deactivated"
      )
    }
    let next = try validated { () throws(ValidationError) in
      try snapshot.settingUser(user, isActive: false)
    }
    try checkOwners(next, in: orgs)
    return next
  }

  func reactivateUser(_ user: UserID, _ org: OrgID) throws(AdministrationRejection) -> Snapshot {
    _ = try membership(of: user, in: org)
    try checkPermittedInEvery(snapshot.adminOrganizations(of: user), of: user)
    if rules.deleteOnlyUnusedRoles,
      let deleted = snapshot.adminRoles(of: user).first(where: {
        snapshot.adminRole($0)?.isDeleted ?? false
      })
    {
      throw AdministrationRejection(
        .roleDeleted, "\(user) holds the deleted role \(deleted): change it before reactivating")
    }
    return try validated { () throws(ValidationError) in
      try snapshot.settingUser(user, isActive: true)
    }
  }

  func transferOwnership(_ user: UserID, _ org: OrgID) throws(AdministrationRejection)
    -> Snapshot
  {
    guard let owner = rules.owner else {
      throw AdministrationRejection(
        .operationDisabled, "the policy names no owner role: transferOwnership is switched off")
    }
    guard isOwner(actor, in: org) else {
      throw AdministrationRejection(
        .notOwner, "\(actor) is not an owner (\(owner.role)) of \(org)")
    }
    try checkNotSelf(user, rules.selfProtection.role, "transfer ownership to")
    let target = try membership(of: user, in: org)
    _ = try role(owner.role, live: true)
    if let former = owner.formerOwnerRole { _ = try role(former, live: true) }
    if target.role.isSame(as: owner.role) {
      throw AdministrationRejection(.alreadyExists, "\(user) is already an owner of \(org)")
    }
    let next = try validated { () throws(ValidationError) in
      var next = try snapshot.changingRole(of: user, in: org, to: owner.role)
      if let former = owner.formerOwnerRole {
        next = try next.changingRole(of: actor, in: org, to: former)
      }
      return next
    }
    try checkOwners(next, in: [org])
    return next
  }

  func deactivateOrg(_ org: OrgID) throws(AdministrationRejection) -> Snapshot {
    if let owner = rules.owner, owner.onlyOwnerDeactivatesOrg {
      let acting = snapshot.actingRole(of: actor, in: org)
      guard let acting, acting.isSame(as: owner.role) else {
        throw AdministrationRejection(
          .notOwner,
          "only an owner (\(owner.role)) deactivates \(org); \(actor) is \(acting?.rawValue ?? "not a member")"
        )
      }
    }
    return try validated { () throws(ValidationError) in
      try snapshot.settingOrganization(org, isActive: false)
    }
  }

  /// A user's activity is global: (de)activating them needs the operation's permission in
  /// every live organization they are a member of, so that one tenant's admin never locks
  /// a user out of another tenant.
  private func checkPermittedInEvery(_ orgs: [OrgID], of user: UserID)
    throws(AdministrationRejection)
  {
    guard let key = rules.permissions[operation.kind] else { return }
    for other in orgs where snapshot.adminIsLive(other) {
      let decision = snapshot.permits(operation, key, in: other)
      if !decision.isAllowed {
        throw AdministrationRejection(
          .notPermitted,
          "\(user) is also a member of \(other), where \(actor) may not \(operation.kind): "
            + "\(key) is \(decision)")
      }
    }
  }
}
