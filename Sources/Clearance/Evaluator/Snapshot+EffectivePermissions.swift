extension Snapshot {
  /// Every permission a user holds in an organization, with the widest scope at which it
  /// is active and all of its sources; granted-but-inactive permissions are listed too,
  /// with their missing prerequisites.
  ///
  /// Agrees with `can`: empty when the user is unknown or not active, when the
  /// organization is unknown or not live (it or an ancestor is deactivated), or when the
  /// user has no membership there (docs/SEMANTICS.md section 12).
  public func effectivePermissions(of user: UserID, in org: OrgID) -> [EffectivePermission] {
    effectivePermissions(of: principal(user), in: org)
  }

  /// The effective permissions of a principal (from the directory or built by the host)
  /// in an organization; see ``effectivePermissions(of:in:)-(UserID,_)``. Empty for a
  /// principal resolved on another snapshot.
  public func effectivePermissions(of principal: Principal, in org: OrgID)
    -> [EffectivePermission]
  {
    guard isValid(principal),
      principal.status == .active, let o = structure.orgIndex[org], orgState.isLive[Int(o)]
    else { return [] }
    let view = memberships(of: principal)
    guard let membership = view.members.first(where: { $0.org == o }) else { return [] }
    var result: [EffectivePermission] = []
    for p in 0..<policy.permissionCount {
      let matches = grantMatches(p, membership, view, level: nil, state: -1)
      if matches.isEmpty { continue }
      var scope: Scope?
      var coveredLevel: Int?
      for level in stride(from: 3, through: 0, by: -1) {
        if coveredLevel == nil && isCovered(p, membership, view, level: level, state: -1) {
          coveredLevel = level
        }
        if isActive(p, membership, view.direct, level: level, state: -1) {
          scope = Scope(rawValue: level)
          break
        }
      }
      // Not active without a state: the states in which it is active thanks to a state
      // condition (on it or on a prerequisite).
      var states: [StateName] = []
      if scope == nil {
        for state in 0..<policy.stateNames.count
        where (0...3).contains(where: {
          isActive(p, membership, view.direct, level: $0, state: state)
        }) {
          states.append(policy.stateNames[state])
        }
      }
      let missing =
        scope == nil && states.isEmpty
        ? missingPrerequisites(p, membership, view, level: coveredLevel ?? 0, state: -1) : []
      let gate = Int(policy.gate[p])
      result.append(
        EffectivePermission(
          permission: policy.permissionKeys[p], scope: scope,
          sources: matches.map {
            GrantMatch(source: $0.source, grant: $0.grant, covers: $0.grant.states == nil)
          },
          missingPrerequisites: missing, conditionStates: states,
          isFeatureEnabled: gate < 0
            || orgState.isEnabled(feature: gate, org: Int(o), words: policy.featureWordCount)))
    }
    return result
  }
}
