extension Snapshot {
  /// A new snapshot in which `membership` exists (an invitation): the user and the
  /// organization must exist and the user must have no membership there yet. It is
  /// written after every existing membership. Copies one block of 1,024 users.
  ///
  /// - Throws: ``ValidationError`` naming each field that refers to something unknown,
  ///   a direct grant that does not compile, or an existing membership in the organization.
  public func addingMembership(_ membership: Membership) throws(ValidationError) -> Snapshot {
    var issues = IssueCollector()
    let user = structure.userHandle(membership.user)
    if user == nil {
      issues.add(
        "membership.user", .unknownReference, "unknown user \"\(membership.user)\"")
    }
    let resolved = DirectoryStructure.resolve(
      membership, path: "membership", orgs: structure.orgs, policy: policy, issues: &issues)
    if let user, let org = resolved.org, structure.membership(of: Int(user), in: org) != nil {
      issues.add(
        "membership", .duplicate,
        "user \"\(membership.user)\" already has a membership in \"\(membership.org)\" (one role per organization)"
      )
    }
    if structure.nextOrder == Int32.max {
      issues.add(
        "membership", .illFormed,
        "too many memberships added: at most \(Int32.max) per lineage of snapshots; rebuild with replacingDirectory"
      )
    }
    let direct = directSet(membership.grants, path: "membership.grants", issues: &issues)
    try issues.throwIfAny()
    guard let user, let org = resolved.org, let role = resolved.role else { return self }
    let record = MemberRecord(
      user: user, org: org, role: role, direct: direct.set, shopStart: 0, shopCount: 0)
    let order = structure.nextOrder
    return changingBlock(
      of: Int(user), newStamp: true, direct: direct.table, nextOrder: order + 1, memberDelta: 1
    ) { builder, local in
      builder.insert(record, shops: resolved.shops, order: order, user: local)
    }
  }

  /// A new snapshot without `user`'s membership in `org`: every access it gave is revoked
  /// at once. Copies one block of 1,024 users.
  ///
  /// - Throws: ``ValidationError`` when the user has no membership in the organization.
  public func removingMembership(of user: UserID, in org: OrgID) throws(ValidationError)
    -> Snapshot
  {
    let place = try membershipPlace(of: user, in: org)
    return changingBlock(of: place.user, newStamp: true, memberDelta: -1) { builder, local in
      builder.remove(at: place.index, user: local)
    }
  }

  /// A new snapshot in which `user`'s membership in `org` holds `role`. Direct grants
  /// stay (they survive a role change). Copies one block of 1,024 users; principals,
  /// actions and resources resolved on this snapshot stay valid on the new one.
  ///
  /// - Throws: ``ValidationError`` when the user has no membership in the organization or
  ///   the role is unknown.
  public func changingRole(of user: UserID, in org: OrgID, to role: RoleID)
    throws(ValidationError) -> Snapshot
  {
    let place = try membershipPlace(of: user, in: org)
    guard let r = policy.roleIndex[role] else {
      throw ValidationError(.unknownReference(path: "role", kind: "role", name: role))
    }
    return changingBlock(of: place.user, newStamp: false) { builder, _ in
      builder.records[place.index].role = r
    }
  }

  /// A new snapshot in which `user`'s membership in `org` works in `shops` (replacing its
  /// shops). Handles stay valid.
  ///
  /// - Throws: ``ValidationError`` when the user has no membership in the organization or
  ///   a shop is not a shop of the organization (`shops[i]`).
  public func settingShops(_ shops: [ShopID], for user: UserID, in org: OrgID)
    throws(ValidationError) -> Snapshot
  {
    let place = try membershipPlace(of: user, in: org)
    var issues = IssueCollector()
    let handles = DirectoryStructure.resolveShops(
      shops, org: place.org, orgName: org, path: "shops", orgs: structure.orgs, issues: &issues)
    try issues.throwIfAny()
    return changingBlock(of: place.user, newStamp: false) { builder, _ in
      builder.setShops(handles, at: place.index)
    }
  }

  /// A new snapshot in which `user`'s membership in `org` also holds `grant` directly.
  /// Handles stay valid.
  ///
  /// - Throws: ``ValidationError`` when the user has no membership in the organization or
  ///   the grant does not compile (its pattern matches nothing, say).
  public func addingDirectGrant(_ grant: Grant, for user: UserID, in org: OrgID)
    throws(ValidationError) -> Snapshot
  {
    let place = try membershipPlace(of: user, in: org)
    return try settingDirectGrants(place.grants + [grant], at: place, path: "grant")
  }

  /// A new snapshot in which `user`'s membership in `org` no longer holds `grant` directly
  /// (every occurrence of it is removed). Handles stay valid.
  ///
  /// - Throws: ``ValidationError`` when the user has no membership in the organization or
  ///   the membership holds no such direct grant.
  public func removingDirectGrant(_ grant: Grant, for user: UserID, in org: OrgID)
    throws(ValidationError) -> Snapshot
  {
    let place = try membershipPlace(of: user, in: org)
    guard place.grants.contains(grant) else {
      throw ValidationError(
        .unknownReference(
          path: "grant",
          message:
            "the membership of \"\(user)\" in \"\(org)\" holds no direct grant \"\(grant.permission)\" at \(grant.scope)"
        ))
    }
    return try settingDirectGrants(place.grants.filter { $0 != grant }, at: place, path: "grant")
  }

  /// A new snapshot in which `user`'s membership in `org` holds exactly `grants` directly
  /// (none, with an empty list). Handles stay valid.
  ///
  /// - Throws: ``ValidationError`` when the user has no membership in the organization or
  ///   a grant does not compile (`grants[i]`).
  public func settingDirectGrants(_ grants: [Grant], for user: UserID, in org: OrgID)
    throws(ValidationError) -> Snapshot
  {
    let place = try membershipPlace(of: user, in: org)
    return try settingDirectGrants(grants, at: place, path: "grants")
  }

  // MARK: Helpers

  /// Where a membership is: its user handle, organization handle, index in the user's
  /// block, and its current direct grants.
  struct MembershipPlace {
    let user: Int
    let org: Int32
    let index: Int
    let grants: [Grant]
  }

  func membershipPlace(of user: UserID, in org: OrgID) throws(ValidationError)
    -> MembershipPlace
  {
    guard let u = structure.userHandle(user).map(Int.init), let o = structure.orgIndex[org],
      let m = structure.membership(of: u, in: o)
    else {
      throw ValidationError(
        .unknownReference(
          path: "membership", message: "user \"\(user)\" has no membership in \"\(org)\""))
    }
    let direct = Int(structure.place(of: u).block.records[m].direct)
    let grants = direct < 0 ? [] : structure.direct.compiled(direct).map(\.source)
    return MembershipPlace(user: u, org: o, index: m, grants: grants)
  }

  private func settingDirectGrants(_ grants: [Grant], at place: MembershipPlace, path: String)
    throws(ValidationError) -> Snapshot
  {
    var issues = IssueCollector()
    let direct = directSet(grants, path: path, issues: &issues)
    try issues.throwIfAny()
    return changingBlock(of: place.user, newStamp: false, direct: direct.table) { builder, _ in
      builder.records[place.index].direct = direct.set
    }
  }

  /// The direct grant set of `grants`: -1 for none, an existing set with the same list, or
  /// a new one (with the tables that hold it). Issues when a grant does not compile.
  func directSet(_ grants: [Grant], path: String, issues: inout IssueCollector) -> (
    set: Int32, table: (grants: DirectGrants, index: ShardedIndex<[Grant]>)?
  ) {
    if grants.isEmpty { return (-1, nil) }
    if let existing = structure.directIndex[grants] { return (existing, nil) }
    guard
      let compiled = DirectoryStructure.compileGrants(
        grants, path: path, policy: policy, issues: &issues)
    else { return (-1, nil) }
    let set = Int32(structure.direct.count)
    var index = structure.directIndex
    index.insert(grants, set)
    return (set, (structure.direct.appending(compiled, policy: policy), index))
  }

  /// A new snapshot with the block of user handle `u` changed by `change` (given the
  /// user's position in the block). With `newStamp`, principals of the block's users
  /// resolved before are refused by the new snapshot; without, they stay valid (the
  /// change must leave every user's range and activity as they were).
  func changingBlock(
    of u: Int, newStamp: Bool,
    direct: (grants: DirectGrants, index: ShardedIndex<[Grant]>)? = nil,
    nextOrder: Int32? = nil, memberDelta: Int = 0,
    _ change: (inout MemberBlock.Builder, Int) -> Void
  ) -> Snapshot {
    let (block, local) = structure.place(of: u)
    var builder = MemberBlock.Builder(block)
    change(&builder, local)
    let changed = builder.freeze(stamp: newStamp ? Tokens.next() : block.stamp)
    var holders = structure.holders
    holders.update(
      from: block.range(of: local).map { block.records[$0] }, wasActive: block.active[local],
      to: changed.range(of: local).map { changed.records[$0] }, isActive: changed.active[local])
    let next = structure.with(
      block: (u >> MemberBlock.shift, changed), direct: direct, nextOrder: nextOrder,
      memberDelta: memberDelta, holders: holders)
    return Snapshot(
      policy: policy, structure: next, orgState: orgState, sameOrgState: self,
      version: version)
  }
}
