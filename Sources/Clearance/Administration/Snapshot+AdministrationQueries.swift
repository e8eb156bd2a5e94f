// What the administration rules read of a snapshot: memberships, owners, holders of a
// role. Every read goes through this file, over the snapshot's directory structure (user
// and organization handles, the user's member block, the holder counts) and the policy
// source, so that an operation costs what it touches, not the size of the directory.
// Nothing here rebuilds `directory`.

extension StringIdentifier {
  /// Identity of names: equal only when their UTF-8 bytes are.
  func isSame(as other: Self) -> Bool { rawValue.utf8.elementsEqual(other.rawValue.utf8) }
}

extension Snapshot {
  /// The membership of `user` in `org`, if any, as the directory would write it.
  func adminMembership(of user: UserID, in org: OrgID) -> Membership? {
    guard let u = structure.userHandle(user).map(Int.init), let o = structure.orgHandle(org),
      let m = structure.membership(of: u, in: o)
    else { return nil }
    let (block, _) = structure.place(of: u)
    let record = block.records[m]
    let grants =
      record.direct < 0 ? [] : structure.direct.compiled(Int(record.direct)).map(\.source)
    return Membership(
      user: user, org: org, role: policy.roleIDs[Int(record.role)],
      shops: block.shops(of: record).map { structure.shopIDs[Int($0)] }, grants: grants)
  }

  /// The records of `user`'s memberships, in declaration order (empty for an unknown
  /// user).
  private func adminRecords(of user: UserID) -> [MemberRecord] {
    guard let u = structure.userHandle(user).map(Int.init) else { return [] }
    let (block, local) = structure.place(of: u)
    return block.range(of: local).map { block.records[$0] }
  }

  /// Whether the directory has the organization.
  func adminHasOrganization(_ org: OrgID) -> Bool {
    structure.orgHandle(org) != nil
  }

  /// The parent of an organization, if it has one (nil for an unknown one).
  func adminParent(of org: OrgID) -> OrgID? {
    guard let o = structure.orgHandle(org) else { return nil }
    let parent = structure.orgs.orgParent[Int(o)]
    return parent < 0 ? nil : structure.orgIDs[Int(parent)]
  }

  /// How many organizations the directory has: a bound on any walk up the tree.
  var adminOrganizationCount: Int { structure.orgs.orgIDs.count }

  /// Whether an organization and all of its ancestors are active.
  func adminIsLive(_ org: OrgID) -> Bool {
    guard let o = structure.orgHandle(org) else { return false }
    return orgState.isLive[Int(o)]
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
    guard let u = structure.userHandle(actor).map(Int.init),
      var o = structure.orgHandle(org)
    else { return nil }
    let (block, _) = structure.place(of: u)
    let parents = structure.orgs.orgParent
    for _ in 0...parents.count {
      if let m = structure.membership(of: u, in: o) {
        return policy.roleIDs[Int(block.records[m].role)]
      }
      o = parents[Int(o)]
      if o < 0 { return nil }
    }
    return nil
  }

  /// How many memberships of active users hold `role` in `org`.
  func activeHolderCount(of role: RoleID, in org: OrgID) -> Int {
    guard let r = policy.roleIndex[role], let o = structure.orgHandle(org) else { return 0 }
    // The owner role is counted per organization; any other role is counted over the
    // memberships of its organization, found through the blocks (not on the fast path).
    if let count = structure.holders.owners(r, in: o) { return count }
    return activeRecords { $0.role == r && $0.org == o }.count
  }

  /// The active users holding `role` (in any organization), sorted, without repeats.
  func activeHolders(of role: RoleID) -> [UserID] {
    guard let r = policy.roleIndex[role], structure.holders.holders(of: r) > 0 else { return [] }
    // In use: name the holders (a rejection's message), reading every block once.
    var users: [UserID] = []
    var last: Int32 = -1
    for record in activeRecords(where: { $0.role == r }) where record.user != last {
      users.append(structure.userID(of: record.user))
      last = record.user
    }
    return users.sorted()
  }

  /// The records of active users that satisfy `include`, by user handle (a full scan of
  /// the blocks: only for answers that must list names).
  private func activeRecords(where include: (MemberRecord) -> Bool) -> [MemberRecord] {
    var result: [MemberRecord] = []
    for b in 0..<structure.blocks.count {
      let block = structure.blocks[b]
      for local in 0..<block.userCount where block.active[local] {
        for m in block.range(of: local) where include(block.records[m]) {
          result.append(block.records[m])
        }
      }
    }
    return result
  }

  /// The organizations `user` is a member of, in directory order.
  func adminOrganizations(of user: UserID) -> [OrgID] {
    adminRecords(of: user).map { structure.orgIDs[Int($0.org)] }
  }

  /// The roles of `user`'s memberships, in directory order.
  func adminRoles(of user: UserID) -> [RoleID] {
    adminRecords(of: user).map { policy.roleIDs[Int($0.role)] }
  }

  /// The role of the policy source with this id.
  func adminRole(_ id: RoleID) -> Role? {
    policy.source.roles.first { $0.id.isSame(as: id) }
  }
}
