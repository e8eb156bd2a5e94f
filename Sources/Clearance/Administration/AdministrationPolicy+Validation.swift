// The `administration` section checked against the rest of the policy when the policy is
// compiled.

extension AdministrationPolicy {
  /// Reports every permission and role the section names that the policy does not
  /// declare, with its path (`administration.owner.role: unknown role "OWNR"`).
  func validate(
    permissions index: [PermissionKey: Int32], roles: [RoleID: Int32],
    issues: inout IssueCollector
  ) {
    let base = "administration"
    for (kind, key) in permissions.sorted(by: { $0.key < $1.key }) where index[key] == nil {
      issues.add(
        .unknownReference(path: "\(base).permissions.\(kind)", kind: "permission", name: key))
    }
    func role(_ id: RoleID, _ path: String, star: Bool = false) {
      if star && id.rawValue.utf8.elementsEqual("*".utf8) { return }
      if roles[id] == nil { issues.add(.unknownReference(path: path, kind: "role", name: id)) }
    }
    let tables = [("invite", assignable?.invite), ("changeRole", assignable?.changeRole)]
    for (name, table) in tables {
      for (actor, given) in (table ?? [:]).sorted(by: { $0.key < $1.key }) {
        let path = "\(base).assignable.\(name).\(actor)"
        role(actor, path)
        for (i, id) in given.enumerated() { role(id, "\(path)[\(i)]", star: true) }
      }
    }
    if let owner {
      role(owner.role, "\(base).owner.role")
      if let former = owner.formerOwnerRole { role(former, "\(base).owner.formerOwnerRole") }
    }
    for (i, id) in (restore?.superAdminRoles ?? []).enumerated() {
      role(id, "\(base).restore.superAdminRoles[\(i)]")
    }
  }
}
