import Clearance

/// Generates directories for the service policy: an organization forest (roots with
/// sub-organizations up to two levels down), shops, plans, overrides, users and their
/// memberships. Deterministic in its seed.
struct DirectoryGenerator {
  var organizations: Int
  var users: Int
  /// Relative weights of a user having 1, 2, 3, … memberships.
  var membershipsPerUser: [Int]
  var seed: UInt64
  /// Percentage of memberships carrying direct grants.
  var directGrantPercent = 5
  var inactiveUserPercent = 1
  var inactiveOrgPercent = 2

  static let shopNames: [ShopID] = ["north", "south", "east", "west"]

  /// What was generated, with the indexes requests are drawn from.
  struct Output {
    var directory: Directory
    var orgChildren: [[Int]]
    var orgParent: [Int]
    /// Indices into `directory.memberships`, per user.
    var membershipsOfUser: [[Int]]
    var membershipOrg: [Int]
  }

  static func orgID(_ i: Int) -> OrgID { OrgID("org-\(i)") }
  static func userID(_ i: Int) -> UserID { UserID("u\(i)") }

  func make() -> Output {
    var random = SplitMix64(seed: seed)
    let forest = makeOrganizations(&random)
    let people = makeUsers(&random, forest)
    return Output(
      directory: Directory(
        organizations: forest.orgs, users: people.users, memberships: people.memberships),
      orgChildren: forest.children, orgParent: forest.parent,
      membershipsOfUser: people.membershipsOfUser, membershipOrg: people.membershipOrg)
  }

  /// The organization forest, with each organization's parent (-1 for a root) and children.
  private struct Forest {
    var orgs: [Organization]
    var parent: [Int]
    var children: [[Int]]
  }

  /// Users and their memberships, with the indexes requests are drawn from.
  private struct People {
    var users: [User]
    var memberships: [Membership]
    var membershipsOfUser: [[Int]]
    var membershipOrg: [Int]
  }

  /// Draws the organizations: roots first, then sub-organizations up to two levels down.
  private func makeOrganizations(_ random: inout SplitMix64) -> Forest {
    let rootCount = max(1, organizations * 2 / 5)
    var parent = [Int](repeating: -1, count: organizations)
    var depth = [Int](repeating: 0, count: organizations)
    var children = [[Int]](repeating: [], count: organizations)
    var orgs: [Organization] = []
    orgs.reserveCapacity(organizations)
    let plans: [PlanID] = ["starter", "pro", "enterprise"]
    let overrides: [[FeatureID: Bool]] = [["ai": true], ["payments": false], ["cylinders": false]]
    for o in 0..<organizations {
      if o >= rootCount {
        var p = random.below(o)
        while depth[p] >= 2 { p = parent[p] }
        parent[o] = p
        depth[o] = depth[p] + 1
        children[p].append(o)
      }
      var plan: PlanID?
      if parent[o] < 0 {
        plan = plans[random.weighted([30, 50, 20])]
      } else if random.percent(20) {
        plan = random.pick(plans)
      }
      let shopCount = random.weighted([20, 30, 25, 15, 10])
      orgs.append(
        Organization(
          DirectoryGenerator.orgID(o),
          parent: parent[o] < 0 ? nil : DirectoryGenerator.orgID(parent[o]),
          plan: plan, featureOverrides: random.percent(8) ? random.pick(overrides) : [:],
          shops: Array(DirectoryGenerator.shopNames.prefix(shopCount)),
          isActive: !random.percent(inactiveOrgPercent)))
    }
    return Forest(orgs: orgs, parent: parent, children: children)
  }

  /// Draws the users and their memberships in `forest`.
  private func makeUsers(_ random: inout SplitMix64, _ forest: Forest) -> People {
    let (orgs, parent, children) = (forest.orgs, forest.parent, forest.children)
    var users: [User] = []
    users.reserveCapacity(self.users)
    var memberships: [Membership] = []
    var membershipsOfUser = [[Int]](repeating: [], count: self.users)
    var membershipOrg: [Int] = []
    let roleWeights = ServicePolicy.memberRoles.map(\.weight)
    for u in 0..<self.users {
      let id = DirectoryGenerator.userID(u)
      users.append(User(id, isActive: !random.percent(inactiveUserPercent)))
      let count = 1 + random.weighted(membershipsPerUser)
      var chosen: [Int] = []
      while chosen.count < min(count, organizations) {
        var o = random.below(organizations)
        if let first = chosen.first, random.percent(50) {
          // A relative of the first organization: its parent, a child or a sibling.
          let relatives =
            [parent[first]] + children[first] + (parent[first] >= 0 ? children[parent[first]] : [])
          let candidate = random.pick(relatives)
          if candidate >= 0 { o = candidate }
        }
        if !chosen.contains(o) { chosen.append(o) }
      }
      for o in chosen {
        var role = ServicePolicy.memberRoles[random.weighted(roleWeights)].role
        if role == "PARENT_ORG_ADMIN" && children[o].isEmpty { role = "ADMIN" }
        var shops: [ShopID] = []
        let orgShops = orgs[o].shops
        if !orgShops.isEmpty && ["TECH", "FRONT_DESK", "MANAGER", "SALES"].contains(role) {
          shops.append(random.pick(orgShops))
          if random.percent(25) {
            let second = random.pick(orgShops)
            if second != shops[0] { shops.append(second) }
          }
        }
        let grants =
          random.percent(directGrantPercent) ? random.pick(ServicePolicy.directGrantSets) : []
        membershipsOfUser[u].append(memberships.count)
        membershipOrg.append(o)
        memberships.append(
          Membership(user: id, org: orgs[o].id, role: role, shops: shops, grants: grants))
      }
    }
    return People(
      users: users, memberships: memberships, membershipsOfUser: membershipsOfUser,
      membershipOrg: membershipOrg)
  }
}
