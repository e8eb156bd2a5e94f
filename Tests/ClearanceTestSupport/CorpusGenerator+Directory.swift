// Random directories for a generated policy: a forest of organizations with shops, plans,
// overrides and inactive ones; users, some inactive; zero to three memberships each,
// often in an organization and one of its sub-organizations.

import Clearance

extension CorpusGenerator {
  /// A random valid directory for `policy`: one to seven organizations, two to eight users.
  package mutating func directory(for policy: Policy) -> Directory {
    var directory = Directory()
    let orgCount = rng.int(in: 1...7)
    var orgs: [Organization] = []
    let children = policy.features.flatMap(\.children).map(\.id)
    for i in 0..<orgCount {
      var org = Organization(OrgID("org\(i)"))
      if i > 0 && rng.percent(75) { org.parent = orgs[rng.below(i)].id }
      org.shops = rng.sample(Self.shopNames, count: rng.int(in: 0...3)).map(ShopID.init)
      if let plan = rng.pickIfAny(policy.plans), rng.percent(50) { org.plan = plan.id }
      if !children.isEmpty && rng.percent(40) {
        for _ in 0..<rng.int(in: 1...2) {
          org.featureOverrides[rng.pick(children)] = rng.percent(50)
        }
      }
      org.isActive = !rng.percent(10)
      orgs.append(org)
    }
    directory.organizations = rng.shuffled(orgs)

    let userCount = rng.int(in: 2...8)
    directory.users = (0..<userCount).map { User(UserID("u\($0)"), isActive: !rng.percent(8)) }
    for user in directory.users {
      directory.memberships += memberships(of: user.id, policy: policy, orgs: orgs)
    }
    directory.memberships = rng.shuffled(directory.memberships)
    return directory
  }

  /// Zero to three memberships in distinct orgs, often an org and one of its sub-orgs
  /// (none when the policy has no roles or there are no orgs).
  package mutating func memberships(of user: UserID, policy: Policy, orgs: [Organization])
    -> [Membership]
  {
    guard !policy.roles.isEmpty, !orgs.isEmpty else { return [] }
    var chosen: [Organization] = []
    for _ in 0..<rng.pick([0, 1, 1, 2, 2, 2, 3, 3]) {
      var org = rng.pick(orgs)
      if let previous = chosen.last, rng.percent(50) {
        let below = orgs.filter { Self.isDescendant($0.id, of: previous.id, in: orgs) }
        org = rng.pickIfAny(below) ?? org
      }
      if !chosen.contains(where: { $0.id == org.id }) { chosen.append(org) }
    }
    let keys = policy.permissions.map(\.key)
    let known = Self.knownStates(of: policy)
    return chosen.map { org in
      var membership = Membership(
        user: user, org: org.id, role: rng.pick(policy.roles).id,
        shops: rng.subset(org.shops, percent: 50))
      if let shop = membership.shops.first, rng.percent(5) { membership.shops.append(shop) }
      if rng.percent(30) && !keys.isEmpty {
        for _ in 0..<rng.int(in: 1...2) {
          membership.grants.append(grant(keys: keys, states: known))
        }
      }
      return membership
    }
  }

  /// Whether `org` lies strictly below `ancestor` in the forest `orgs`.
  package static func isDescendant(_ org: OrgID, of ancestor: OrgID, in orgs: [Organization])
    -> Bool
  {
    var node = orgs.first { $0.id == org }?.parent
    var steps = 0
    while let current = node, steps <= orgs.count {
      if current == ancestor { return true }
      node = orgs.first { $0.id == current }?.parent
      steps += 1
    }
    return false
  }
}
