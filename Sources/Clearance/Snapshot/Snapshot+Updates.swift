extension Snapshot {
  /// A new snapshot of the same policy with another directory. Readers of this snapshot
  /// are unaffected; principals and resources must be resolved again on the new one.
  ///
  /// - Throws: ``ValidationError`` listing every problem in `directory`.
  public func replacingDirectory(_ directory: Directory) throws(ValidationError) -> Snapshot {
    let snapshot = try Snapshot(policy: policy, directory: directory)
    return Snapshot(snapshot.withGlobalFeatures(orgState.globalFeatures), version: version)
  }

  /// A new snapshot of this directory under another compiled policy (a policy change).
  ///
  /// - Throws: ``ValidationError`` when the directory does not fit the new policy.
  public func replacingPolicy(_ policy: CompiledPolicy) throws(ValidationError) -> Snapshot {
    Snapshot(try Snapshot(policy: policy, directory: directory), version: version)
  }

  /// A new snapshot with a per-tenant feature override set (or removed, with `nil`) on
  /// one organization. Only that organization's subtree is recomputed; principals,
  /// actions and resources resolved on this snapshot stay valid on the new one.
  ///
  /// - Throws: ``ValidationError`` when the organization or child feature is unknown.
  public func settingFeature(_ feature: FeatureID, to enabled: Bool?, for org: OrgID)
    throws(ValidationError) -> Snapshot
  {
    guard let f = policy.childIndex[feature].map(Int.init) else {
      throw ValidationError([
        ValidationIssue(
          path: "feature", code: .unknownReference,
          message: "unknown child feature \"\(feature)\"")
      ])
    }
    let words = policy.featureWordCount
    return try updatingOrganization(org) { state, o in
      let mask = Bits.mask(f)
      let index = o * words + Bits.word(f)
      state.overrideSet[index] &= ~mask
      state.overrideValue[index] &= ~mask
      if let enabled {
        state.overrideSet[index] |= mask
        if enabled { state.overrideValue[index] |= mask }
      }
    } source: {
      $0.featureOverrides[feature] = enabled
    }
  }

  /// A new snapshot with a child feature's global switch flipped. The policy is not
  /// recompiled; handles stay valid.
  ///
  /// - Throws: ``ValidationError`` when the child feature is unknown.
  public func settingFeature(_ feature: FeatureID, globallyEnabled enabled: Bool)
    throws(ValidationError) -> Snapshot
  {
    guard let f = policy.childIndex[feature].map(Int.init) else {
      throw ValidationError([
        ValidationIssue(
          path: "feature", code: .unknownReference, message: "unknown child feature \"\(feature)\"")
      ])
    }
    var globals = orgState.globalFeatures
    if enabled {
      globals[Bits.word(f)] |= Bits.mask(f)
    } else {
      globals[Bits.word(f)] &= ~Bits.mask(f)
    }
    return withGlobalFeatures(globals)
  }

  /// A new snapshot with an organization's plan set (or removed, with `nil`). Only its
  /// subtree is recomputed; handles stay valid.
  ///
  /// - Throws: ``ValidationError`` when the organization or plan is unknown.
  public func settingPlan(_ plan: PlanID?, for org: OrgID) throws(ValidationError) -> Snapshot {
    var index: Int32 = -1
    if let plan {
      guard let p = policy.planIndex[plan] else {
        throw ValidationError([
          ValidationIssue(
            path: "plan", code: .unknownReference, message: "unknown plan \"\(plan)\"")
        ])
      }
      index = p
    }
    return try updatingOrganization(org) { state, o in
      state.plan[o] = index
    } source: {
      $0.plan = plan
    }
  }

  /// A new snapshot with an organization activated or deactivated. A deactivated
  /// organization and all of its descendants stop being live at once; handles stay valid.
  ///
  /// - Throws: ``ValidationError`` when the organization is unknown.
  public func settingOrganization(_ org: OrgID, isActive: Bool) throws(ValidationError)
    -> Snapshot
  {
    try updatingOrganization(org) { state, o in
      state.isActive[o] = isActive
    } source: {
      $0.isActive = isActive
    }
  }

  /// A new snapshot in which `user`'s membership in `org` holds `role`. Direct grants
  /// stay (they survive a role change). Only the membership table is copied; principals
  /// and resources must be resolved again on the new snapshot.
  ///
  /// - Throws: ``ValidationError`` when the user has no membership in the organization or
  ///   the role is unknown.
  public func changingRole(of user: UserID, in org: OrgID, to role: RoleID)
    throws(ValidationError) -> Snapshot
  {
    let m = try membershipIndex(of: user, in: org)
    guard let r = policy.roleIndex[role] else {
      throw ValidationError([
        ValidationIssue(path: "role", code: .unknownReference, message: "unknown role \"\(role)\"")
      ])
    }
    var members = structure.members
    members[m].role = r
    var directory = directory
    directory.memberships[Int(structure.memberPosition[m])].role = role
    return Snapshot(
      policy: policy, directory: directory,
      structure: DirectoryStructure(updating: structure, members: members), orgState: orgState,
      version: version)
  }

  /// A new snapshot in which `user`'s membership in `org` also holds `grant` directly.
  /// Principals and resources must be resolved again on the new snapshot.
  ///
  /// - Throws: ``ValidationError`` when the user has no membership in the organization or
  ///   the grant does not compile (its pattern matches nothing, say).
  public func addingDirectGrant(_ grant: Grant, for user: UserID, in org: OrgID)
    throws(ValidationError) -> Snapshot
  {
    let m = try membershipIndex(of: user, in: org)
    let position = Int(structure.memberPosition[m])
    let grants = directory.memberships[position].grants + [grant]
    var issues = IssueCollector()
    let compiled = policy.compileDirect(grants, path: "grants", issues: &issues)
    try issues.throwIfAny()
    var builder = GrantTable.Builder(continuing: structure.directGrants)
    let set = builder.append(compiled.map(\.expanded))
    var members = structure.members
    members[m].direct = set
    var directory = directory
    directory.memberships[position].grants = grants
    let updated = DirectoryStructure(
      updating: structure, members: members,
      directGrants: (
        GrantTable(builder: builder), structure.directSources + [grants],
        structure.directCompiled + [compiled]
      ))
    return Snapshot(
      policy: policy, directory: directory, structure: updated, orgState: orgState, version: version
    )
  }

  /// A new snapshot in which `user` is active or not. Deactivating a user revokes all of
  /// their access at once; principals must be resolved again on the new snapshot.
  ///
  /// - Throws: ``ValidationError`` when the user is unknown.
  public func settingUser(_ user: UserID, isActive: Bool) throws(ValidationError) -> Snapshot {
    // A snapshot's directory is valid, so structure indices are positions in it.
    guard let u = structure.userIndex[user].map(Int.init) else {
      throw ValidationError([
        ValidationIssue(path: "user", code: .unknownReference, message: "unknown user \"\(user)\"")
      ])
    }
    var active = structure.userIsActive
    active[u] = isActive
    var directory = directory
    directory.users[u].isActive = isActive
    return Snapshot(
      policy: policy, directory: directory,
      structure: DirectoryStructure(updating: structure, userIsActive: active), orgState: orgState,
      version: version)
  }

  /// The policy as currently in force: the compiled policy's source with the global
  /// feature switches of this snapshot.
  public var currentPolicy: Policy {
    var source = policy.source
    for (i, parent) in source.features.enumerated() {
      for (j, child) in parent.children.enumerated() {
        if let f = policy.childIndex[child.id].map(Int.init) {
          source.features[i].children[j].isEnabled = Bits.test(f, in: orgState.globalFeatures)
        }
      }
    }
    return source
  }

  // MARK: Helpers

  private func withGlobalFeatures(_ globals: [UInt64]) -> Snapshot {
    var state = orgState
    state.globalFeatures = globals
    return Snapshot(
      policy: policy, directory: directory, structure: structure, orgState: state, version: version)
  }

  /// A new snapshot with one organization's state changed by `change` (given the
  /// organization's index) and its source changed by `source`; only its subtree is
  /// recomputed, and handles stay valid.
  private func updatingOrganization(
    _ org: OrgID, _ change: (inout OrgState, Int) -> Void,
    source: (inout Organization) -> Void
  ) throws(ValidationError) -> Snapshot {
    // A snapshot's directory is valid, so structure indices are positions in it.
    guard let o = structure.orgIndex[org].map(Int.init) else {
      throw ValidationError([
        ValidationIssue(
          path: "org", code: .unknownReference, message: "unknown organization \"\(org)\"")
      ])
    }
    var state = orgState
    change(&state, o)
    state.recompute(structure: structure, policy: policy, from: subtree(of: o))
    var directory = directory
    source(&directory.organizations[o])
    return Snapshot(
      policy: policy, directory: directory, structure: structure, orgState: state, version: version)
  }

  /// The index of a membership in the structure's user-grouped `members` (its position in
  /// the source directory is `structure.memberPosition` of it).
  private func membershipIndex(of user: UserID, in org: OrgID) throws(ValidationError) -> Int {
    guard let u = structure.userIndex[user].map(Int.init), let o = structure.orgIndex[org],
      let m = structure.membership(of: u, in: o)
    else {
      throw ValidationError([
        ValidationIssue(
          path: "membership", code: .unknownReference,
          message: "user \"\(user)\" has no membership in \"\(org)\"")
      ])
    }
    return m
  }

  /// An organization and its descendants, parents first.
  private func subtree(of org: Int) -> [Int32] {
    var result: [Int32] = [Int32(org)]
    var head = 0
    while head < result.count {
      result += structure.orgChildren[Int(result[head])]
      head += 1
    }
    return result
  }
}
