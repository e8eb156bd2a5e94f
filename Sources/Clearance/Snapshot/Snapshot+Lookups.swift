extension Snapshot {
  /// Resolves a permission key to an action. A key the policy does not declare gives an
  /// undeclared action (see ``Action/isDeclared``), denied with
  /// ``DenyReason/unknownAction``.
  public func action(_ key: PermissionKey) -> Action {
    policy.action(key)
  }

  /// Resolves a workflow transition into `target` to an action. An undeclared workflow, or
  /// a state that is not one of the workflow's, gives an undeclared action (see
  /// ``Action/isDeclared``), denied with ``DenyReason/unknownAction``.
  public func transition(in workflow: WorkflowID, to target: StateName) -> Action {
    policy.transition(in: workflow, to: target)
  }

  /// Resolves an action written as in case files: a permission key (`a::b::c`) or a
  /// transition (`workflow:TARGET`), as one lookup of the whole text. Text that names
  /// nothing the policy declares gives an undeclared action (see ``Action/isDeclared``),
  /// denied with ``DenyReason/unknownAction``: the same decision as the by-name `can`.
  public func action(named name: ActionName) -> Action {
    policy.action(named: name)
  }

  /// The principal of a directory user, with all of their memberships.
  ///
  /// An unknown user yields a principal that is denied everything
  /// (``DenyReason/principalInactive``): the engine fails closed. Costs one index lookup
  /// and allocates nothing. The principal stays usable on later snapshots that did not
  /// change its block of users (see ``isValid(_:)-(Principal)``).
  public func principal(_ user: UserID) -> Principal {
    hot.principal(user)
  }

  /// A principal built from the host's own data rather than the embedded directory.
  ///
  /// Its memberships name organizations, shops and roles of this snapshot; the user need
  /// not be in the directory (resources assigned to the same id, byte for byte, then
  /// relate at `assigned`). It decides exactly like a directory principal with the same
  /// data.
  ///
  /// - Throws: ``ValidationError`` when the user id is not a valid identifier (see
  ///   ``IdentifierRules``), naming each membership field that refers to something
  ///   unknown, or a second membership in the same organization.
  public func principal(user: UserID, isActive: Bool = true, memberships: [Membership])
    throws(ValidationError) -> Principal
  {
    var issues = IssueCollector()
    if let problem = IdentifierRules.problem(with: user.rawValue) {
      issues.add(
        "user", .illFormed,
        "ill-formed user id \(IdentifierRules.quoted(user.rawValue)): \(problem)")
    }
    var records: [MemberRecord] = []
    var shops: [Int32] = []
    var sources: [[CompiledGrant]] = []
    var orgs = Set<Int32>()
    let known = structure.userHandle(user)
    let u = known ?? ResolvedResource.foreignUser
    for (i, membership) in memberships.enumerated() {
      let path = "memberships[\(i)]"
      if membership.user != user {
        issues.add(
          path + ".user", .unknownReference,
          "membership of \"\(membership.user)\", not \"\(user)\"")
      }
      let org = structure.orgHandle(membership.org)
      let role = policy.roleIndex[membership.role]
      if org == nil {
        issues.add(
          path + ".org", .unknownReference, "unknown organization \"\(membership.org)\"")
      }
      if role == nil {
        issues.add(path + ".role", .unknownReference, "unknown role \"\(membership.role)\"")
      }
      guard let org, let role else { continue }
      if !orgs.insert(org).inserted {
        issues.add(
          path, .duplicate,
          "second membership in \"\(membership.org)\" (one role per organization)")
      }
      let start = shops.count
      for (j, shop) in membership.shops.enumerated() {
        if let s = structure.shopHandle(shop, in: org) {
          if !shops[start...].contains(s) { shops.append(s) }
        } else {
          issues.add(
            "\(path).shops[\(j)]", .unknownReference,
            "unknown shop \"\(shop)\" in organization \"\(membership.org)\"")
        }
      }
      var direct: Int32 = -1
      if !membership.grants.isEmpty {
        let compiled = policy.compileDirect(
          membership.grants, path: path + ".grants", issues: &issues)
        direct = Int32(sources.count)
        sources.append(compiled)
      }
      records.append(
        MemberRecord(
          user: u, org: org, role: role, direct: direct, shopStart: Int32(start),
          shopCount: Int32(shops.count - start)))
    }
    try issues.throwIfAny()
    let host = HostMemberships(
      members: records, shops: shops, direct: DirectGrants(sources, policy: policy),
      userID: user, fingerprint: known == nil ? NameFingerprint(of: user.rawValue) : .none)
    return Principal(
      policyToken: policy.token, structureToken: structure.token, user: u,
      status: isActive ? .active : .inactive, start: 0, count: Int32(records.count), host: host)
  }

  /// The user id of a principal resolved on this snapshot (empty for an unknown user).
  public func userID(of principal: Principal) -> UserID {
    guard isValid(principal) else { return UserID("") }
    if let host = principal.host { return host.userID }
    guard principal.user >= 0 else { return UserID("") }
    return structure.userID(of: principal.user)
  }

  /// Resolves a resource's names to handles, comparing exact UTF-8 bytes. Unknown names
  /// resolve to handles that never match (an unknown organization is denied with
  /// ``DenyReason/notMember``). An assignee the directory does not list keeps a
  /// fingerprint, so that a host-built principal with the same id relates to the resource
  /// at `assigned`; an ill-formed assignee (see ``IdentifierRules``) relates to no one.
  ///
  /// Allocates nothing, and remembers nothing of the names it is given.
  public func resolve(_ resource: Resource) -> ResolvedResource {
    hot.resolve(resource)
  }

  /// The names of a resolved resource; names that did not resolve are lost (an unknown
  /// organization, and an assignee the directory does not list, read as `?`).
  public func names(of resource: ResolvedResource) -> Resource {
    guard resource.structureToken == structure.token, resource.policyToken == policy.token
    else { return Resource(org: "?") }
    return Resource(
      org: resource.org >= 0 ? structure.orgIDs[Int(resource.org)] : OrgID("?"),
      shop: resource.shop >= 0 ? structure.shopIDs[Int(resource.shop)] : nil,
      assignee: resource.assignee >= 0
        ? structure.userID(of: resource.assignee)
        : resource.assignee == ResolvedResource.foreignUser ? UserID("?") : nil,
      state: resource.state >= 0
        ? policy.stateNames[Int(resource.state)] : resource.state == -2 ? StateName("?") : nil)
  }
}
