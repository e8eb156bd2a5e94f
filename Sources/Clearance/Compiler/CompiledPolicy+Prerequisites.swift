extension CompiledPolicy {
  /// The prerequisite graph and, for every permission, what must be covered for it to be
  /// active.
  struct Prerequisites {
    /// Directly required permissions, each once, in the order written.
    var requires: Graph
    /// For each permission, itself and everything it transitively requires.
    var needs: SparseBitsets
  }

  /// Pass 2: resolves each permission's `requires`, reports prerequisite cycles, and
  /// closes the prerequisites into one sparse mask per permission.
  ///
  /// The masks are built in prerequisite order (what is required first), each one the
  /// union of its direct prerequisites' finished masks, so a permission requiring 100,000
  /// others costs one pass over them.
  static func prerequisites(
    of policy: Policy, permissions: PermissionCatalog, issues: inout IssueCollector
  ) throws(ValidationError) -> Prerequisites {
    let index = permissions.catalog.index
    let count = permissions.position.count
    var lists = [[Int32]](repeating: [], count: count)
    // `listedBy[r] == p` once permission p lists r: drops repeats in one pass.
    var listedBy = [Int32](repeating: -1, count: count)
    for (p, i) in permissions.position.enumerated() {
      for (j, required) in policy.permissions[i].requires.enumerated() {
        guard let r = index[required] else {
          issues.add(
            .unknownReference(
              path: "permissions[\(i)].requires[\(j)]", kind: "permission", name: required))
          continue
        }
        if listedBy[Int(r)] != Int32(p) {
          listedBy[Int(r)] = Int32(p)
          lists[p].append(r)
        }
      }
    }
    let requires = Graph(adjacency: lists)
    let keys = permissions.catalog.keys
    issues.addCycles(of: requires, path: "permissions", label: "prerequisite cycle") {
      keys[$0].rawValue
    }
    let empty = SparseBitsets(start: [0], word: [], bits: [])
    guard let order = requires.successorsFirstOrder() else {
      return Prerequisites(requires: requires, needs: empty)
    }
    do {
      let needs = try requires.closure(
        order: order, wordCount: permissions.wordCount,
        maxWords: PolicyLimits.prerequisiteWords)
      return Prerequisites(requires: requires, needs: needs)
    } catch {
      try issues.refuse(
        "permissions[\(permissions.position[error.node])].requires",
        "prerequisite masks of \"\(keys[error.node])\" and the permissions before it in "
          + "prerequisite order, in words",
        limit: PolicyLimits.prerequisiteWords, name: "prerequisiteWords")
    }
  }
}
