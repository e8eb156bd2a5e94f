// Role operations: create, edit (rename, grants, inheritance), soft delete, restore.

extension AdministrationContext {
  func createRole(_ role: Role) throws(AdministrationRejection) -> Snapshot {
    if snapshot.adminRole(role.id) != nil {
      throw AdministrationRejection(.alreadyExists, "role \(role.id) already exists")
    }
    if role.isSystem || role.isDeleted {
      throw AdministrationRejection(
        .invalid, "role \(role.id): an operation creates a live custom role only")
    }
    try checkParents(role.inherits, of: role.id)
    let next = try replacingPolicy { $0.roles.append(role) }
    try checkRoleWithinOwnAccess(role.id, in: next)
    return next
  }

  /// Refuses a created or edited role that gives, with what it inherits, more than the
  /// actor holds (when ``AdministrationPolicy/grantOnlyHeld`` is on).
  private func checkRoleWithinOwnAccess(_ id: RoleID, in next: Snapshot)
    throws(AdministrationRejection)
  {
    guard rules.grantOnlyHeld, let org = operation.org else { return }
    let given = next.policy.grants(of: id).map { ($0.permissions, $0.grant.scope) }
    try checkWithinOwnAccess(given, in: org)
  }

  func editRole(_ id: RoleID, name: String?, grants: [Grant]?, inherits: [RoleID]?)
    throws(AdministrationRejection) -> Snapshot
  {
    let current = try role(id, live: true)
    if name == nil && grants == nil && inherits == nil {
      throw AdministrationRejection(.invalid, "editRole \(id) changes nothing")
    }
    if rules.systemRolesImmutable && current.isSystem {
      throw AdministrationRejection(.systemRoleImmutable, "\(id) is a system role: immutable")
    }
    if let inherits {
      try checkParents(inherits, of: id)
      try checkNoCycle(id, inherits: inherits)
    }
    let next = try replacingPolicy { policy in
      guard let i = policy.roles.firstIndex(where: { $0.id.isSame(as: id) }) else { return }
      if let name { policy.roles[i].name = name }
      if let grants { policy.roles[i].grants = grants }
      if let inherits { policy.roles[i].inherits = inherits }
    }
    if grants != nil || inherits != nil { try checkRoleWithinOwnAccess(id, in: next) }
    return next
  }

  func deleteRole(_ id: RoleID) throws(AdministrationRejection) -> Snapshot {
    let current = try role(id, live: false)
    if current.isDeleted {
      throw AdministrationRejection(.roleDeleted, "role \(id) is already deleted")
    }
    if rules.systemRolesImmutable && current.isSystem {
      throw AdministrationRejection(.systemRoleImmutable, "\(id) is a system role: immutable")
    }
    if rules.deleteOnlyUnusedRoles {
      let holders = snapshot.activeHolders(of: id)
      if !holders.isEmpty {
        throw AdministrationRejection(
          .roleInUse, "role \(id) is held by active users: \(Self.list(holders))")
      }
      let heirs = snapshot.policy.source.roles.filter { role in
        !role.isDeleted && role.inherits.contains { $0.isSame(as: id) }
      }.map(\.id)
      if !heirs.isEmpty {
        throw AdministrationRejection(
          .roleInUse, "role \(id) is inherited by live roles: \(Self.list(heirs))")
      }
    }
    return try replacingPolicy { policy in
      for i in policy.roles.indices where policy.roles[i].id.isSame(as: id) {
        policy.roles[i].isDeleted = true
      }
    }
  }

  func restoreRole(_ id: RoleID, _ org: OrgID) throws(AdministrationRejection) -> Snapshot {
    let current = try role(id, live: false)
    if let restore = rules.restore {
      let acting = snapshot.actingRole(of: actor, in: org)
      let isSuperAdmin =
        acting.map { acting in
          restore.superAdminRoles.contains { $0.isSame(as: acting) }
        } ?? false
      guard isSuperAdmin else {
        throw AdministrationRejection(
          .notSuperAdmin, "only a super admin restores a role; \(actor) is not one in \(org)")
      }
      guard operation.activeMode || !restore.requiresActiveMode else {
        throw AdministrationRejection(
          .notSuperAdmin, "\(actor) must enter \(org) in Super Admin Active mode to restore")
      }
    }
    guard current.isDeleted else {
      throw AdministrationRejection(.invalid, "role \(id) is not deleted")
    }
    try checkParents(current.inherits, of: id)
    return try replacingPolicy { policy in
      for i in policy.roles.indices where policy.roles[i].id.isSame(as: id) {
        policy.roles[i].isDeleted = false
      }
    }
  }

  /// Refuses parents that are unknown or deleted (a live role may not inherit a deleted
  /// one).
  private func checkParents(_ parents: [RoleID], of id: RoleID) throws(AdministrationRejection) {
    for parent in parents {
      guard let role = snapshot.adminRole(parent) else {
        throw AdministrationRejection(
          .unknownTarget, "role \(id) would inherit from unknown role \"\(parent)\"")
      }
      if role.isDeleted {
        throw AdministrationRejection(
          .roleDeleted, "role \(id) would inherit from the deleted role \(parent)")
      }
    }
  }

  /// Refuses new parents of `id` through which `id` would inherit from itself, naming the
  /// cycle (`a -> b -> a`).
  private func checkNoCycle(_ id: RoleID, inherits: [RoleID]) throws(AdministrationRejection) {
    let roles = snapshot.policy.source.roles
    func parents(_ role: RoleID) -> [RoleID] {
      role.isSame(as: id) ? inherits : roles.first { $0.id.isSame(as: role) }?.inherits ?? []
    }
    // Depth-first from each new parent, looking for `id`; `path` is the chain so far.
    var seen: [RoleID] = []
    var stack: [(role: RoleID, path: [RoleID])] = inherits.map { ($0, [id, $0]) }
    while let (role, path) = stack.popLast() {
      if role.isSame(as: id) {
        throw AdministrationRejection(
          .wouldCreateCycle,
          "role \(id) would inherit from itself: \(path.map(\.rawValue).joined(separator: " -> "))")
      }
      if seen.contains(where: { $0.isSame(as: role) }) { continue }
      seen.append(role)
      for parent in parents(role).reversed() { stack.append((parent, path + [parent])) }
    }
  }

  /// Up to five names, then how many more.
  static func list<T: StringIdentifier>(_ names: [T]) -> String {
    let shown = names.prefix(5).map(\.rawValue).joined(separator: ", ")
    return names.count > 5 ? "\(shown) and \(names.count - 5) more" : shown
  }
}
