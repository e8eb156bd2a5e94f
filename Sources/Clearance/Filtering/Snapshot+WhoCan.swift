extension Snapshot {
  /// The active directory users whom `can` allows to perform `action` on `resource`, each
  /// with the memberships that allow it, in the directory's user order.
  ///
  /// Answered without deciding user by user: the request-level checks (live organization,
  /// feature gates, workflow edges) run once; only the memberships in the resource's
  /// organization and its ancestors are looked at (through an index by organization,
  /// built on the snapshot's first call); and whether a role has the action active at a
  /// relation level is worked out once per role and level. Memberships with direct
  /// grants are checked on their own. Handles of another snapshot give an empty list.
  ///
  /// Complexity: O(memberships in the organization and its ancestors + roles).
  public func users(whoCan action: Action, on resource: ResolvedResource) -> [Grantee] {
    guard action.policyToken == policy.token, resource.policyToken == policy.token,
      resource.structureToken == structure.token
    else { return [] }
    let org = resource.org
    guard hot.isLive(Int(org)), requestFailure(action, resource) == nil else {
      return []
    }
    let index = memberIndexCache.get {
      MemberIndex(structure.flatMemberships(), orgCount: structure.orgIDs.count)
    }
    let flat = index.flat
    // 1 allowed, 0 not, -1 not yet known: per role and relation level, for memberships
    // without direct grants.
    var byRole = [Int8](repeating: -1, count: policy.roleIDs.count * 4)
    var found: [(member: Int32, level: Int)] = []
    var current = org
    while current >= 0 {
      for m in index.members(of: current) {
        let record = flat.records[Int(m)]
        guard flat.userIsActive[Int(record.user)],
          !securityBlocks(action, role: Int(record.role), org: Int(org))
        else { continue }
        let level = relation(of: record, user: record.user, shops: flat.shops.base, to: resource)
        if allows(action, record, level: level, state: Int(resource.state), cache: &byRole) {
          found.append((m, level))
        }
      }
      current = structure.orgParent[Int(current)]
    }
    return grantees(found, flat)
  }

  /// The grantees of a request given by names: a convenience for tools and tests. An
  /// action the policy does not declare gives an empty list.
  public func users(whoCan action: ActionName, on resource: Resource) -> [Grantee] {
    users(whoCan: self.action(named: action), on: resolve(resource))
  }

  /// Whether one membership allows the action at `level`, using and filling the per-role
  /// answers for memberships without direct grants.
  private func allows(
    _ action: Action, _ record: MemberRecord, level: Int, state: Int, cache: inout [Int8]
  ) -> Bool {
    let direct = structure.direct
    guard record.direct < 0 else {
      return permits(action, record, { direct }, level: level, state: state)
    }
    let slot = Int(record.role) * 4 + level
    if cache[slot] < 0 {
      cache[slot] = permits(action, record, { direct }, level: level, state: state) ? 1 : 0
    }
    return cache[slot] == 1
  }

  /// Groups allowing memberships by user, users and memberships in directory order.
  private func grantees(_ found: [(member: Int32, level: Int)], _ flat: FlatMemberships)
    -> [Grantee]
  {
    let sorted = found.sorted {
      let a = flat.records[Int($0.member)]
      let b = flat.records[Int($1.member)]
      return (a.user, flat.order[Int($0.member)]) < (b.user, flat.order[Int($1.member)])
    }
    var result: [Grantee] = []
    var i = 0
    while i < sorted.count {
      let user = flat.records[Int(sorted[i].member)].user
      var memberships: [GranteeMembership] = []
      while i < sorted.count && flat.records[Int(sorted[i].member)].user == user {
        let record = flat.records[Int(sorted[i].member)]
        memberships.append(
          GranteeMembership(
            org: structure.orgIDs[Int(record.org)], role: policy.roleIDs[Int(record.role)],
            relation: Scope(rawValue: sorted[i].level) ?? .tree))
        i += 1
      }
      result.append(Grantee(user: flat.userIDs[Int(user)], memberships: memberships))
    }
    return result
  }
}
