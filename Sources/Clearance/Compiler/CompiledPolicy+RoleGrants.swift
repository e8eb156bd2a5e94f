/// A grant a role holds, with where it comes from and the permissions it expands to.
public struct RoleGrant: Sendable, Hashable {
  /// The grant as written in the policy.
  public let grant: Grant
  /// `role(R)` for the role's own grants, `inherited(from:via:)` for a parent's.
  public let source: PermissionSource
  /// The declared permissions its pattern matches, in catalog order.
  public let permissions: [PermissionKey]
}

extension CompiledPolicy {
  /// Every grant a role holds: its own first, then each inherited role's (breadth first,
  /// shortest path, ties in declaration order), each with its source and expansion.
  /// Empty for a soft-deleted or unknown role, which grants nothing.
  ///
  /// Complexity: O(roles it inherits from × inheritance depth + grants listed); the paths
  /// are rebuilt from one breadth-first walk, not stored per role.
  public func grants(of role: RoleID) -> [RoleGrant] {
    guard let r = roleIndex[role].map(Int.init), !roleIsDeleted[r] else { return [] }
    var result: [RoleGrant] = []
    let tree = ancestors(of: r)
    for (position, ancestor) in tree.nodes.enumerated() where !roleIsDeleted[Int(ancestor)] {
      let source = self.source(of: position, in: tree)
      for grant in ownGrants[Int(ancestor)] {
        result.append(
          RoleGrant(
            grant: grant.source, source: source,
            permissions: grant.expanded.permissions.map { permissionKeys[Int($0)] }))
      }
    }
    return result
  }

  /// Role `role` itself, then every role it inherits from, breadth first: each reached by
  /// a shortest path, ties in declaration order.
  func ancestors(of role: Int) -> Graph.BreadthFirstTree {
    parents.breadthFirst(from: role)
  }

  /// Where the grants of `tree.nodes[position]` come from, seen from the tree's root: its
  /// own, or inherited along the path from the root to it.
  func source(of position: Int, in tree: Graph.BreadthFirstTree) -> PermissionSource {
    guard position > 0 else { return .role(roleIDs[Int(tree.nodes[0])]) }
    return .inherited(
      from: roleIDs[Int(tree.nodes[position])],
      via: tree.path(to: position).map { roleIDs[Int($0)] })
  }

  /// Every permission `key` requires, transitively, in breadth-first order. Empty for an
  /// unknown key.
  public func prerequisites(of key: PermissionKey) -> [PermissionKey] {
    guard let p = permissionIndex[key] else { return [] }
    return requires.breadthFirst(from: Int(p)).nodes.dropFirst().map {
      permissionKeys[Int($0)]
    }
  }
}
