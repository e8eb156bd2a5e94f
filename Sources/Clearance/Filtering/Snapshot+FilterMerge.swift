/// One reach of one membership into one organization, before organizations are merged.
struct FilterTerm {
  /// The organization reached.
  var org: Int32
  /// 0: resources assigned to the user; 1: in the membership's shops; 2: all.
  var kind: Int32
  /// The membership's shops, for kind 1: `shops[shopStart ..< shopStart + shopCount]`.
  var shopStart: Int32
  var shopCount: Int32
  var reach: StateReach
}

/// The condition within one organization, before it becomes a filter: the states reached
/// anywhere, on resources assigned to the user and in the membership's shops. Equal
/// conditions give equal filters and different ones different filters, so organizations
/// are grouped by condition and each group's filter is built once.
private struct OrgCondition {
  var anywhere: StateReach
  var assigned: StateReach
  var inShops: StateReach
  /// The shops of `inShops` (empty when it is): `shops[shopStart ..< shopStart + shopCount]`.
  var shopStart: Int32
  var shopCount: Int32
}

/// A group of organizations with one condition, and how many organizations it holds.
private struct OrgGroup {
  var condition: OrgCondition
  var size: Int
}

/// An ``OrgCondition`` with its shops by name, for hashing once there are many groups.
private struct OrgConditionKey: Hashable {
  var anywhere: StateReach
  var assigned: StateReach
  var inShops: StateReach
  var shops: [ShopID]
}

extension Snapshot {
  /// Merges the terms organization by organization and lists together the organizations
  /// whose conditions are equal, in handle order. The terms are sorted here, in place.
  func merge(_ terms: inout [FilterTerm], shops: UnsafePointer<Int32>, assignee: UserID?)
    -> ResourceFilter
  {
    terms.sort { ($0.org, $0.kind) < ($1.org, $1.kind) }
    // Each listed organization with its group; each group's condition and size.
    var placed: [(org: Int32, group: Int32)] = []
    placed.reserveCapacity(terms.count)
    var groups: [OrgGroup] = []
    groups.reserveCapacity(min(terms.count, 4))
    var index: [OrgConditionKey: Int] = [:]
    var i = 0
    while i < terms.count {
      let org = terms[i].org
      var end = i
      while end < terms.count && terms[end].org == org { end += 1 }
      guard let condition = self.condition(terms[i..<end], hasUser: assignee != nil) else {
        i = end
        continue
      }
      i = end
      let g: Int
      if let found = group(of: condition, in: groups, index: index, shops: shops) {
        g = found
        groups[g].size += 1
      } else {
        g = groups.count
        groups.append(OrgGroup(condition: condition, size: 1))
        if groups.count >= 16 {
          // Many groups: find them by hash from now on.
          for k in (groups.count == 16 ? 0 : g)...g {
            index[key(groups[k].condition, shops: shops)] = k
          }
        }
      }
      placed.append((org, Int32(g)))
    }
    return assemble(placed, groups, shops: shops, assignee: assignee)
  }

  /// The condition of one organization from its terms (sorted by kind), or nil when it
  /// reaches nothing.
  private func condition(_ terms: ArraySlice<FilterTerm>, hasUser: Bool) -> OrgCondition? {
    let stateCount = policy.stateNames.count
    var c = OrgCondition(
      anywhere: .none, assigned: .none, inShops: .none, shopStart: 0, shopCount: 0)
    var shopTerm: FilterTerm?
    for term in terms {
      switch term.kind {
      case 0: c.assigned = c.assigned.union(term.reach, stateCount: stateCount)
      case 1:
        c.inShops = c.inShops.union(term.reach, stateCount: stateCount)
        shopTerm = term
      default: c.anywhere = c.anywhere.union(term.reach, stateCount: stateCount)
      }
    }
    if !hasUser || c.assigned.isSubset(of: c.anywhere) { c.assigned = .none }
    if c.inShops.isSubset(of: c.anywhere) { c.inShops = .none }
    if let term = shopTerm, !c.inShops.isEmpty {
      c.shopStart = term.shopStart
      c.shopCount = term.shopCount
    } else {
      c.inShops = .none
    }
    if c.anywhere.isEmpty && c.assigned.isEmpty && c.inShops.isEmpty { return nil }
    return c
  }

  /// The group whose condition equals `condition`: by comparing while there are few
  /// groups, by hash after.
  private func group(
    of condition: OrgCondition, in groups: [OrgGroup],
    index: [OrgConditionKey: Int], shops: UnsafePointer<Int32>
  ) -> Int? {
    if !index.isEmpty { return index[key(condition, shops: shops)] }
    return groups.firstIndex { same($0.condition, condition, shops: shops) }
  }

  /// Whether two conditions are equal, their shops compared by name.
  private func same(_ a: OrgCondition, _ b: OrgCondition, shops: UnsafePointer<Int32>) -> Bool {
    guard a.anywhere == b.anywhere, a.assigned == b.assigned, a.inShops == b.inShops,
      a.shopCount == b.shopCount
    else { return false }
    let names = structure.shopIDs
    for k in 0..<Int(a.shopCount)
    where names[Int(shops[Int(a.shopStart) + k])] != names[Int(shops[Int(b.shopStart) + k])] {
      return false
    }
    return true
  }

  /// A condition's hash key, its shops by name.
  private func key(_ c: OrgCondition, shops: UnsafePointer<Int32>) -> OrgConditionKey {
    OrgConditionKey(
      anywhere: c.anywhere, assigned: c.assigned, inShops: c.inShops,
      shops: shopNames(c, shops: shops))
  }

  /// The names of a condition's shops, in the membership's order.
  private func shopNames(_ c: OrgCondition, shops: UnsafePointer<Int32>) -> [ShopID] {
    let names = structure.shopIDs
    let start = Int(c.shopStart)
    var result: [ShopID] = []
    result.reserveCapacity(Int(c.shopCount))
    for k in start..<(start + Int(c.shopCount)) { result.append(names[Int(shops[k])]) }
    return result
  }
}

/// One arm of the condition within an organization: resources passing `guardFilter`
/// (every resource when nil) at the states of `states`.
private struct FilterArm {
  var guardFilter: ResourceFilter?
  var states: StateReach
}

extension Snapshot {
  /// The filter of the merged groups: for each, its organizations (in handle order) and
  /// their condition; arrays are built at their final sizes.
  private func assemble(
    _ placed: [(org: Int32, group: Int32)], _ groups: [OrgGroup],
    shops: UnsafePointer<Int32>, assignee: UserID?
  ) -> ResourceFilter {
    let orgIDs = structure.orgIDs
    if groups.count <= 1 {
      guard let only = groups.first else { return .never }
      var orgs: [OrgID] = []
      orgs.reserveCapacity(placed.count)
      for p in placed { orgs.append(orgIDs[Int(p.org)]) }
      return node(orgs, only.condition, shops: shops, assignee: assignee)
    }
    var members: [ResourceFilter] = []
    members.reserveCapacity(groups.count)
    // Organizations sorted by group, stably (so in handle order within each group).
    var byGroup = placed
    if groups.count > 4 { byGroup.sort { ($0.group, $0.org) < ($1.group, $1.org) } }
    var start = 0
    for (g, group) in groups.enumerated() {
      var orgs: [OrgID] = []
      orgs.reserveCapacity(group.size)
      if groups.count > 4 {
        for p in byGroup[start..<(start + group.size)] { orgs.append(orgIDs[Int(p.org)]) }
        start += group.size
      } else {
        for p in placed where p.group == g { orgs.append(orgIDs[Int(p.org)]) }
      }
      members.append(node(orgs, group.condition, shops: shops, assignee: assignee))
    }
    return .or(members)
  }

  /// The filter of one group: its organizations and their condition. The arms are the
  /// resources reached anywhere, assigned to the user and in the shops; assigned and
  /// in-shop resources reached at the same states share one state condition.
  private func node(
    _ orgs: [OrgID], _ c: OrgCondition, shops: UnsafePointer<Int32>, assignee: UserID?
  ) -> ResourceFilter {
    let anywhere = c.anywhere.isEmpty ? nil : FilterArm(guardFilter: nil, states: c.anywhere)
    var assigned: FilterArm?
    var inShops: FilterArm?
    let user = c.assigned.isEmpty ? nil : assignee
    if let user, c.assigned == c.inShops {
      let shopIn = ResourceFilter.shopIn(shopNames(c, shops: shops))
      if c.assigned == .all {
        assigned = FilterArm(guardFilter: .assigneeIs(user), states: .all)
        inShops = FilterArm(guardFilter: shopIn, states: .all)
      } else {
        assigned = FilterArm(guardFilter: .or([.assigneeIs(user), shopIn]), states: c.assigned)
      }
    } else {
      if let user { assigned = FilterArm(guardFilter: .assigneeIs(user), states: c.assigned) }
      if !c.inShops.isEmpty {
        let shopIn = ResourceFilter.shopIn(shopNames(c, shops: shops))
        inShops = FilterArm(guardFilter: shopIn, states: c.inShops)
      }
    }
    let count = (anywhere == nil ? 0 : 1) + (assigned == nil ? 0 : 1) + (inShops == nil ? 0 : 1)
    if count == 1, let arm = anywhere ?? assigned ?? inShops {
      // One arm: its conditions join the organization list in one conjunction.
      let states = arm.states == .all ? nil : arm.states.filter(stateNames: policy.stateNames)
      switch (arm.guardFilter, states) {
      case (nil, nil): return .orgIn(orgs)
      case (nil, let states?): return .and([.orgIn(orgs), states])
      case (let guardFilter?, nil): return .and([.orgIn(orgs), guardFilter])
      case (let guardFilter?, let states?): return .and([.orgIn(orgs), guardFilter, states])
      }
    }
    var arms: [ResourceFilter] = []
    arms.reserveCapacity(count)
    if let anywhere { arms.append(arm(anywhere)) }
    if let assigned { arms.append(arm(assigned)) }
    if let inShops { arms.append(arm(inShops)) }
    return .and([.orgIn(orgs), .or(arms)])
  }

  /// One arm as a filter.
  private func arm(_ arm: FilterArm) -> ResourceFilter {
    let names = policy.stateNames
    guard let guardFilter = arm.guardFilter else { return arm.states.filter(stateNames: names) }
    if arm.states == .all { return guardFilter }
    return .and([guardFilter, arm.states.filter(stateNames: names)])
  }
}
