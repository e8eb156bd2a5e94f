import Clearance

/// A policy and directory of a given size, with requests by name.
struct ScalingWorkload {
  var label: String
  var policy: Policy
  var directory: Directory
  var sizes: [String: Int]
  /// The principals requests are made for.
  var users: [UserID]
  var actions: [PermissionKey]
  var resources: [Resource]
  var requests: [Request]

  static let requestCount = 1 << 17

  /// The RBAC sizes peers publish (Casbin's benchmark shape): `roles` roles, each granting
  /// read on one of `roles / 10` resources; `users` users, each holding one role (ten
  /// users a role) in one of `users / 100` organizations. Grants = role grants + role
  /// assignments = `roles + users` (1,100 / 11,000 / 110,000). Half the requests name the
  /// user's own resource, 90% are in the user's organization.
  static func rbac(label: String, roles: Int, users: Int, seed: UInt64) -> ScalingWorkload {
    var random = SplitMix64(seed: seed)
    let permissionCount = max(1, roles / 10)
    let keys = (0..<permissionCount).map { PermissionKey("data::d\($0)::read") }
    let policy = Policy(
      permissions: keys.map { PermissionDefinition($0) },
      roles: (0..<roles).map {
        Role(RoleID("role\($0)"), grants: [Grant(PermissionPattern(keys[$0 / 10].rawValue))])
      })
    let orgCount = max(1, users / 100)
    let usersPerRole = max(1, users / roles)
    let orgs = (0..<orgCount).map { Organization(DirectoryGenerator.orgID($0)) }
    let people = (0..<users).map { User(DirectoryGenerator.userID($0)) }
    let memberships = (0..<users).map {
      Membership(
        user: DirectoryGenerator.userID($0), org: DirectoryGenerator.orgID($0 % orgCount),
        role: RoleID("role\(min($0 / usersPerRole, roles - 1))"))
    }
    let pool = random.distinct(min(users, 4_096), below: users)
    let resources = orgs.map { Resource(org: $0.id) }
    var requests: [Request] = []
    for _ in 0..<requestCount {
      let p = random.below(pool.count)
      let user = pool[p]
      let own = min(user / usersPerRole, roles - 1) / 10
      let action = random.percent(50) ? own : random.below(permissionCount)
      let org = random.percent(90) ? user % orgCount : random.below(orgCount)
      requests.append(Request(principal: Int32(p), action: Int32(action), resource: Int32(org)))
    }
    return ScalingWorkload(
      label: label, policy: policy,
      directory: Directory(organizations: orgs, users: people, memberships: memberships),
      sizes: [
        "roles": roles, "users": users, "grants": roles + users, "permissions": permissionCount,
        "organizations": orgCount, "principals": pool.count, "distinctRequests": requestCount,
      ],
      users: pool.map { DirectoryGenerator.userID($0) }, actions: keys, resources: resources,
      requests: requests)
  }

  /// A 10,000-permission catalog (100 gated feature segments × 10 sub-features × 10
  /// verbs, prerequisites two deep) and `roles` roles in inheritance chains 8 deep (the
  /// last of each chain also inherits from the middle of the next chain), each with 11
  /// grants: 6 keys, 3 `feature::sub::*`, 1 `feature::*::read`, 1 with a state condition,
  /// over every scope. `users` users hold one role each in 1,000 organizations.
  static func catalog(label: String, roles: Int, users: Int, seed: UInt64) -> ScalingWorkload {
    var random = SplitMix64(seed: seed)
    let (permissions, keys) = catalogPermissions()
    let features = (0..<10).map { p in
      ParentFeature(
        FeatureID("p\(p)"),
        children: (0..<10).map { ChildFeature(FeatureID(catalogSegment(p * 10 + $0))) })
    }
    let (roleList, ownKeys) = catalogRoles(&random, roles: roles, keys: keys)
    let policy = Policy(permissions: permissions, features: features, roles: roleList)
    let members = catalogMembers(&random, roles: roles, users: users)
    let pool = random.distinct(min(users, 4_096), below: users)
    let (resources, requests) = catalogRequests(
      &random, pool: pool, members, ownKeys: ownKeys, keyCount: keys.count)
    return ScalingWorkload(
      label: label, policy: policy,
      directory: Directory(
        organizations: members.orgs,
        users: (0..<users).map { User(DirectoryGenerator.userID($0)) },
        memberships: members.memberships),
      sizes: [
        "roles": roles, "users": users, "grants": roles * 11 + users, "roleGrants": roles * 11,
        "permissions": keys.count, "inheritanceDepth": 8, "organizations": members.orgs.count,
        "principals": pool.count, "distinctRequests": requestCount,
      ],
      users: pool.map { DirectoryGenerator.userID($0) }, actions: keys, resources: resources,
      requests: requests)
  }

  /// The catalog's feature segment `m`: `m00` … `m99`.
  private static func catalogSegment(_ m: Int) -> String { m < 10 ? "m0\(m)" : "m\(m)" }

  /// The catalog's 10,000 permissions with their prerequisites, and their keys in order.
  private static func catalogPermissions() -> (
    permissions: [PermissionDefinition], keys: [PermissionKey]
  ) {
    let verbs = [
      "read", "create", "update", "delete", "approve", "export", "archive", "restore", "assign",
      "share",
    ]
    var permissions: [PermissionDefinition] = []
    var keys: [PermissionKey] = []
    let segment = catalogSegment
    for m in 0..<100 {
      for s in 0..<10 {
        for verb in verbs {
          let key = PermissionKey("\(segment(m))::s\(s)::\(verb)")
          var requires: [PermissionKey] = []
          if verb != "read" { requires.append(PermissionKey("\(segment(m))::s\(s)::read")) }
          if verb == "approve" { requires.append(PermissionKey("\(segment(m))::s\(s)::update")) }
          permissions.append(PermissionDefinition(key, requires: requires))
          keys.append(key)
        }
      }
    }
    return (permissions, keys)
  }

  /// The catalog's roles in inheritance chains, with the indices of the keys each grants
  /// exactly.
  private static func catalogRoles(
    _ random: inout SplitMix64, roles: Int, keys: [PermissionKey]
  ) -> (roles: [Role], ownKeys: [[Int]]) {
    let segment = catalogSegment
    let chains = max(1, roles / 8)
    let scopes: [Scope] = [.assigned, .shop, .org, .tree]
    var roleList: [Role] = []
    var ownKeys: [[Int]] = []
    for r in 0..<roles {
      let depth = r % 8
      var inherits: [RoleID] = []
      if depth > 0 { inherits.append(RoleID("r\(r - 1)")) }
      if depth == 7 && chains > 1 {
        let other = ((r / 8 + 1) % chains) * 8 + 3
        if other < roles { inherits.append(RoleID("r\(other)")) }
      }
      var grants: [Grant] = []
      var exact: [Int] = []
      func scope() -> Scope { scopes[random.weighted([15, 25, 50, 10])] }
      for _ in 0..<6 {
        let k = random.below(keys.count)
        exact.append(k)
        grants.append(Grant(PermissionPattern(keys[k].rawValue), scope: scope()))
      }
      for _ in 0..<3 {
        grants.append(
          Grant(
            PermissionPattern("\(segment(random.below(100)))::s\(random.below(10))::*"),
            scope: scope()))
      }
      grants.append(
        Grant(PermissionPattern("\(segment(random.below(100)))::*::read"), scope: scope()))
      let conditional = random.below(keys.count)
      exact.append(conditional)
      grants.append(
        Grant(
          PermissionPattern(keys[conditional].rawValue), scope: scope(),
          states: random.percent(50) ? ["OPEN"] : ["OPEN", "REVIEW"]))
      roleList.append(Role(RoleID("r\(r)"), inherits: inherits, grants: grants))
      ownKeys.append(exact)
    }
    return (roleList, ownKeys)
  }

  /// The catalog's organizations and memberships, with each user's role and organization.
  private struct CatalogMembers {
    var orgs: [Organization]
    var memberships: [Membership]
    var roleOf: [Int]
    var orgOf: [Int]
  }

  /// 1,000 organizations (a forest one level deep) and one membership per user.
  private static func catalogMembers(
    _ random: inout SplitMix64, roles: Int, users: Int
  ) -> CatalogMembers {
    let orgCount = 1_000
    var parent = [Int](repeating: -1, count: orgCount)
    var orgs: [Organization] = []
    for o in 0..<orgCount {
      if o >= orgCount * 2 / 5 { parent[o] = random.below(orgCount * 2 / 5) }
      orgs.append(
        Organization(
          DirectoryGenerator.orgID(o),
          parent: parent[o] < 0 ? nil : DirectoryGenerator.orgID(parent[o]),
          shops: Array(DirectoryGenerator.shopNames.prefix(random.below(4)))))
    }
    var memberships: [Membership] = []
    var roleOf: [Int] = []
    var orgOf: [Int] = []
    for u in 0..<users {
      let role = random.below(roles)
      let org = random.below(orgCount)
      roleOf.append(role)
      orgOf.append(org)
      let shops = orgs[org].shops.isEmpty ? [] : [random.pick(orgs[org].shops)]
      memberships.append(
        Membership(
          user: DirectoryGenerator.userID(u), org: orgs[org].id, role: RoleID("r\(role)"),
          shops: shops))
    }
    return CatalogMembers(orgs: orgs, memberships: memberships, roleOf: roleOf, orgOf: orgOf)
  }

  /// Four resources per principal and 1,024 foreign ones, and requests over them, half of
  /// them for a key the principal's role grants exactly.
  private static func catalogRequests(
    _ random: inout SplitMix64, pool: [Int], _ members: CatalogMembers, ownKeys: [[Int]],
    keyCount: Int
  ) -> (resources: [Resource], requests: [Request]) {
    let (orgs, orgOf, roleOf) = (members.orgs, members.orgOf, members.roleOf)
    var resources: [Resource] = []
    for user in pool {
      for _ in 0..<4 {
        let org = orgs[orgOf[user]]
        resources.append(
          Resource(
            org: org.id,
            shop: org.shops.isEmpty || random.percent(50) ? nil : random.pick(org.shops),
            assignee: random.percent(30) ? DirectoryGenerator.userID(user) : nil,
            state: random.percent(30) ? "OPEN" : nil))
      }
    }
    let foreign = resources.count
    for _ in 0..<1_024 { resources.append(Resource(org: random.pick(orgs).id)) }
    var requests: [Request] = []
    for _ in 0..<requestCount {
      let p = random.below(pool.count)
      let action =
        random.percent(50) ? random.pick(ownKeys[roleOf[pool[p]]]) : random.below(keyCount)
      let resource = random.percent(90) ? p * 4 + random.below(4) : foreign + random.below(1_024)
      requests.append(
        Request(principal: Int32(p), action: Int32(action), resource: Int32(resource)))
    }
    return (resources, requests)
  }
}
