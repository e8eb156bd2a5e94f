extension CompiledPolicy {
  /// The roles, numbered in declaration order, and who inherits from whom.
  struct RoleTables {
    var ids: [RoleID] = []
    var index: [RoleID: Int32] = [:]
    /// The same numbers by the ids' bytes, for the compiler's own lookups.
    var names = InternTable()
    var isDeleted: [Bool] = []
    /// The position in `policy.roles` of each role (duplicates are skipped).
    var declaration: [Int] = []
    /// The roles each role inherits from directly, each once, in the order written.
    var parents = Graph(adjacency: [])
    /// Every role after all it inherits from; empty when inheritance has a cycle.
    var order: [Int32] = []
  }

  /// Pass 7: numbers the roles, resolves inheritance, and reports unknown or deleted
  /// parents, inheritance cycles and chains deeper than ``PolicyLimits/inheritanceDepth``.
  static func roles(of policy: Policy, issues: inout IssueCollector) throws(ValidationError)
    -> RoleTables
  {
    if policy.roles.count > PolicyLimits.roles {
      try issues.refuse(
        "roles", "\(policy.roles.count) roles", limit: PolicyLimits.roles, name: "roles")
    }
    var roles = RoleTables()
    roles.names = InternTable(capacity: policy.roles.count)
    roles.index.reserveCapacity(policy.roles.count)
    for (i, role) in policy.roles.enumerated() {
      if role.id.rawValue.isEmpty {
        issues.add("roles[\(i)].id", .illFormed, "empty role id")
        continue
      }
      if !roles.names.intern(role.id.rawValue).inserted {
        issues.add(.duplicate(path: "roles[\(i)].id", kind: "role", name: role.id))
        continue
      }
      roles.index[role.id] = Int32(roles.ids.count)
      roles.ids.append(role.id)
      roles.isDeleted.append(role.isDeleted)
      roles.declaration.append(i)
    }
    roles.parents = Graph(adjacency: parentLists(of: policy, roles: roles, issues: &issues))
    issues.addCycles(of: roles.parents, path: "roles", label: "inheritance cycle") {
      roles.ids[$0].rawValue
    }
    if let order = roles.parents.successorsFirstOrder() {
      roles.order = order
      checkDepth(of: roles, issues: &issues)
    }
    return roles
  }

  /// Each role's direct parents, each once, in the order written; reports unknown
  /// parents and live roles inheriting from deleted ones.
  private static func parentLists(
    of policy: Policy, roles: RoleTables, issues: inout IssueCollector
  ) -> [[Int32]] {
    var lists = [[Int32]](repeating: [], count: roles.ids.count)
    // `listedBy[p] == r` once role r lists p: drops repeats in one pass.
    var listedBy = [Int32](repeating: -1, count: roles.ids.count)
    for (r, i) in roles.declaration.enumerated() {
      let role = policy.roles[i]
      for (j, parentID) in role.inherits.enumerated() {
        func path() -> String { "roles[\(i)].inherits[\(j)]" }
        guard let parent = roles.names[parentID] else {
          issues.add(.unknownReference(path: path(), kind: "role", name: parentID))
          continue
        }
        if roles.isDeleted[Int(parent)] && !role.isDeleted {
          issues.add(
            path(), .deletedRole,
            "live role \"\(role.id)\" inherits from deleted role \"\(parentID)\"")
        }
        if listedBy[Int(parent)] != Int32(r) {
          listedBy[Int(parent)] = Int32(r)
          lists[r].append(parent)
        }
      }
    }
    return lists
  }

  /// Reports the first role, in declaration order, whose inheritance chain is deeper
  /// than ``PolicyLimits/inheritanceDepth``.
  private static func checkDepth(of roles: RoleTables, issues: inout IssueCollector) {
    var depth = [Int](repeating: 0, count: roles.ids.count)
    for role in roles.order {
      for parent in roles.parents[Int(role)] {
        depth[Int(role)] = max(depth[Int(role)], depth[Int(parent)] + 1)
      }
    }
    if let r = depth.firstIndex(where: { $0 > PolicyLimits.inheritanceDepth }) {
      issues.exceeded(
        "roles[\(roles.declaration[r])].inherits",
        "inheritance \(depth[r]) roles deep", limit: PolicyLimits.inheritanceDepth,
        name: "inheritanceDepth")
    }
  }

  /// Pass 8: each role's own grants, validated and expanded against the catalog, within
  /// ``PolicyLimits/grants`` and ``PolicyLimits/grantExpansions``.
  static func ownGrants(
    of policy: Policy, roles: RoleTables, catalog: Catalog, stateIndex: InternTable,
    issues: inout IssueCollector
  ) throws(ValidationError) -> [[CompiledGrant]] {
    let total = policy.roles.reduce(0) { $0 + $1.grants.count }
    if total > PolicyLimits.grants {
      try issues.refuse(
        "roles", "\(total) grants", limit: PolicyLimits.grants, name: "grants")
    }
    var ownGrants = [[CompiledGrant]](repeating: [], count: roles.ids.count)
    var expansions = 0
    var shared = ExpansionCache()
    for (r, i) in roles.declaration.enumerated() {
      ownGrants[r].reserveCapacity(policy.roles[i].grants.count)
      for (j, grant) in policy.roles[i].grants.enumerated() {
        func path() -> String { "roles[\(i)].grants[\(j)]" }
        guard
          let compiled = compile(
            grant, path: path(), catalog: catalog, stateIndex: stateIndex, issues: &issues,
            expansions: &shared)
        else { continue }
        expansions += compiled.expanded.permissions.count
        if expansions > PolicyLimits.grantExpansions {
          try issues.refuse(
            path(), "\(expansions) permissions matched by the grants so far",
            limit: PolicyLimits.grantExpansions, name: "grantExpansions")
        }
        ownGrants[r].append(compiled)
      }
    }
    return ownGrants
  }
}
