// What the administration rules read of a snapshot: memberships, owners, holders of a
// role. Every read goes through this file, over the snapshot's `directory` and the policy
// source, so that a faster directory representation needs changes here only.

extension StringIdentifier {
  /// Identity of names: equal only when their UTF-8 bytes are.
  func isSame(as other: Self) -> Bool { rawValue.utf8.elementsEqual(other.rawValue.utf8) }
}

extension Snapshot {
  /// The membership of `user` in `org`, if any.
  func adminMembership(of user: UserID, in org: OrgID) -> Membership? {
    directory.memberships.first { $0.user.isSame(as: user) && $0.org.isSame(as: org) }
  }

  /// Whether the directory has the organization.
  func adminHasOrganization(_ org: OrgID) -> Bool {
    directory.organizations.contains { $0.id.isSame(as: org) }
  }

  /// Whether an organization and all of its ancestors are active.
  func adminIsLive(_ org: OrgID) -> Bool {
    var current: OrgID? = org
    var steps = 0
    while let here = current, steps <= directory.organizations.count {
      guard let organization = directory.organizations.first(where: { $0.id.isSame(as: here) })
      else { return false }
      if !organization.isActive { return false }
      current = organization.parent
      steps += 1
    }
    return true
  }

  /// Whether `user` is active: `nil` when the directory does not know them.
  func adminUserIsActive(_ user: UserID) -> Bool? {
    // One hash lookup through the evaluator's own user table.
    switch principal(user).status {
    case .active: true
    case .inactive: false
    case .unknown: nil
    }
  }

  /// The role `actor` acts with in `org`: their membership's there, else that of the
  /// nearest ancestor organization they are a member of.
  func actingRole(of actor: UserID, in org: OrgID) -> RoleID? {
    var current: OrgID? = org
    var steps = 0
    while let here = current, steps <= directory.organizations.count {
      if let membership = adminMembership(of: actor, in: here) { return membership.role }
      current = directory.organizations.first { $0.id.isSame(as: here) }?.parent
      steps += 1
    }
    return nil
  }

  /// How many active users hold `role` in `org`.
  func activeHolderCount(of role: RoleID, in org: OrgID) -> Int {
    directory.memberships.reduce(0) { count, membership in
      membership.org.isSame(as: org) && membership.role.isSame(as: role)
        && adminUserIsActive(membership.user) == true ? count + 1 : count
    }
  }

  /// The organizations in which some active user holds `role`, sorted.
  /// The active users holding `role` (in any organization), sorted, without repeats.
  func activeHolders(of role: RoleID) -> [UserID] {
    var seen = Set<[UInt8]>()
    var users: [UserID] = []
    for membership in directory.memberships where membership.role.isSame(as: role) {
      if adminUserIsActive(membership.user) == true,
        seen.insert(Array(membership.user.rawValue.utf8)).inserted
      {
        users.append(membership.user)
      }
    }
    return users.sorted()
  }

  /// The organizations `user` is a member of, in directory order.
  func adminOrganizations(of user: UserID) -> [OrgID] {
    directory.memberships.filter { $0.user.isSame(as: user) }.map(\.org)
  }

  /// The roles of `user`'s memberships, in directory order.
  func adminRoles(of user: UserID) -> [RoleID] {
    directory.memberships.filter { $0.user.isSame(as: user) }.map(\.role)
  }

  /// The role of the policy source with this id.
  func adminRole(_ id: RoleID) -> Role? {
    policy.source.roles.first { $0.id.isSame(as: id) }
  }
}
