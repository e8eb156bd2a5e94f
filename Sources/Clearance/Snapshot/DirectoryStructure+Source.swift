extension DirectoryStructure {
  /// The directory this structure and `orgState` stand for, rebuilt: organizations, users
  /// and memberships in declaration order (additions last, removals gone), each as given,
  /// with every change applied. O(directory); for writing, not for deciding.
  func directory(orgState: OrgState, policy: CompiledPolicy) -> Directory {
    var result = source
    result.organizations = organizations(orgState: orgState, policy: policy)
    var users = users.all
    let blocks = blocks.all
    for b in blocks.indices {
      for (local, isActive) in blocks[b].active.enumerated() {
        users[b << MemberBlock.shift + local].isActive = isActive
      }
    }
    result.memberships = memberships(users: users, policy: policy)
    result.users = users
    return result
  }

  /// The organizations as declared, with plan, activity and feature overrides as
  /// `orgState` holds them now.
  func organizations(orgState: OrgState, policy: CompiledPolicy) -> [Organization] {
    var planIDs = [PlanID](repeating: PlanID(""), count: policy.planIndex.count)
    for (plan, index) in policy.planIndex { planIDs[Int(index)] = plan }
    let words = policy.featureWordCount
    var organizations = source.organizations
    for o in organizations.indices {
      let plan = Int(orgState.plan[o])
      organizations[o].plan = plan >= 0 ? planIDs[plan] : nil
      organizations[o].isActive = orgState.isActive[o]
      var overrides: [FeatureID: Bool] = [:]
      for (f, feature) in policy.childFeatures.enumerated()
      where Bits.test(f, in: orgState.overrideSet, base: o * words) {
        overrides[feature] = Bits.test(f, in: orgState.overrideValue, base: o * words)
      }
      organizations[o].featureOverrides = overrides
    }
    return organizations
  }

  /// Every membership, in declaration order.
  private func memberships(users: [User], policy: CompiledPolicy) -> [Membership] {
    // Every record with its place, sorted by declaration order (orders are distinct).
    var places: [(order: Int32, block: Int32, index: Int32)] = []
    places.reserveCapacity(memberCount)
    let blocks = blocks.all
    for (b, block) in blocks.enumerated() {
      for (i, order) in block.order.enumerated() { places.append((order, Int32(b), Int32(i))) }
    }
    places.sort { $0.order < $1.order }
    return places.map { place in
      let block = blocks[Int(place.block)]
      let record = block.records[Int(place.index)]
      return Membership(
        user: users[Int(record.user)].id, org: orgs.orgIDs[Int(record.org)],
        role: policy.roleIDs[Int(record.role)],
        shops: block.shops(of: record).map { orgs.shopIDs[Int($0)] },
        grants: record.direct < 0 ? [] : direct.compiled(Int(record.direct)).map(\.source))
    }
  }
}
