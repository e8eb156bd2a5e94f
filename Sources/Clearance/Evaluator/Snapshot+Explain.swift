extension Snapshot {
  /// Decides a request and explains the decision: every check of docs/SEMANTICS.md section 7 in order,
  /// and for each membership its relation and the grants that matched or almost matched,
  /// with their sources, scopes and missing prerequisites.
  ///
  /// Slower than ``can(_:_:_:)-(Principal,_,_)`` (it allocates the trace); the decision is
  /// always the same.
  public func explain(_ principal: Principal, _ action: Action, _ resource: ResolvedResource)
    -> Explanation
  {
    explain(
      principal, action, resource, user: userID(of: principal),
      description: names(of: resource))
  }

  /// Explains with the request's names as the host gave them (unknown names included);
  /// `actionText` is the action as the host wrote it, when it came by name.
  func explain(
    _ principal: Principal, _ action: Action, _ resource: ResolvedResource, user: UserID,
    description: Resource, context: RequestContext? = nil, actionText: String? = nil
  ) -> Explanation {
    let security = securityOutcome(principal, action, resource, context: context)
    let decision =
      security?.decision
      ?? (context.map { can(principal, action, resource, context: $0) }
        ?? can(principal, action, resource))
    let name = actionText ?? policy.name(of: action)
    guard
      principal.policyToken == policy.token, action.policyToken == policy.token,
      resource.policyToken == policy.token, isValid(principal),
      resource.structureToken == structure.token
    else {
      if !action.isDeclared && decision != .deny(.handleMismatch) {
        // Check 1a: the action names nothing the policy declares; nothing after it runs.
        var checks = ChecksBuilder()
        checks.add(.principal, principalCheck(principal.status, user))
        let why =
          actionText.map { policy.undeclaredAction($0).why } ?? policy.undeclaredReason(action)
        checks.add(.action, .failed, .text(why))
        return Explanation(
          decision: decision, user: user, action: name, resource: description,
          checks: checks.checks, memberships: [])
      }
      return Explanation(
        decision: decision, user: user, action: name, resource: description,
        checks: [
          CheckTrace(
            step: .principal, outcome: .failed,
            note: .text("a principal, action or resource was resolved against another snapshot"))
        ], memberships: [])
    }
    let view = memberships(of: principal)
    let needed = neededPermissions(action)
    let traces = view.members.map { membershipTrace($0, view, action, needed, resource) }
    var checks = ChecksBuilder()
    checks.add(.principal, principalCheck(principal.status, user))
    checks.add(.action, .passed, .text(name))
    checks.add(.apiKey, apiKeyCheck(security))
    if decision.denyReason == .notMember && security?.key != nil {
      checks.add(.membership, .failed, .text("no membership in the API key's organization relates"))
    } else {
      checks.add(.membership, membershipCheck(traces, user, resource, description))
    }
    checks.add(.ipAllowlist, ipAllowlistCheck(security))
    checks.add(.mfa, mfaCheck(security, decision))
    checks.add(.feature, featureCheck(needed, resource, description))
    checks.add(.workflow, workflowCheck(action, resource, description))
    if decision.isAllowed {
      checks.add(.permission, .passed, .activeFor(traces))
    } else if decision.denyReason == .apiKeyScope {
      checks.add(.permission, .failed, .text(keyScopeNote(security, action)))
    } else {
      checks.add(
        .permission, .failed,
        .notActive(
          needed.first.map { policy.permissionKeys[$0] },
          needed.dropFirst().first.map { policy.permissionKeys[$0] }))
    }
    return Explanation(
      decision: decision, user: user, action: name, resource: description,
      checks: checks.checks, memberships: traces)
  }

  /// Explains a request given by names (see ``explain(_:_:_:)-(Principal,_,_)``). An
  /// action the policy does not declare stops the trace at check 1a, whose note names the
  /// text and what it fails to name.
  public func explain(_ user: UserID, _ action: ActionName, _ resource: Resource) -> Explanation {
    explain(
      principal(user), self.action(named: action), resolve(resource), user: user,
      description: resource, actionText: action.rawValue)
  }

  // MARK: Building the trace

  private func principalCheck(_ status: Principal.Status, _ user: UserID) -> (
    CheckTrace.Outcome, CheckNote
  ) {
    switch status {
    case .active: (.passed, .userActive(user))
    case .inactive: (.failed, .userInactive(user))
    case .unknown: (.failed, .unknownUser(user))
    }
  }

  /// A principal's memberships with the tables they index into.
  struct MembershipsView {
    let user: Int32
    let members: [MemberRecord]
    let shops: [Int32]
    let direct: DirectGrants
    /// The fingerprint of a host-built principal's user the directory does not list.
    var fingerprint: NameFingerprint = .none
  }

  func memberships(of principal: Principal) -> MembershipsView {
    if let host = principal.host {
      return MembershipsView(
        user: principal.user, members: host.members, shops: host.shops, direct: host.direct,
        fingerprint: host.fingerprint)
    }
    guard principal.user >= 0, isValid(principal) else {
      return MembershipsView(user: principal.user, members: [], shops: [], direct: structure.direct)
    }
    // The principal's records, with their shops copied out of the block.
    let (block, _) = structure.place(of: Int(principal.user))
    var members: [MemberRecord] = []
    var shops: [Int32] = []
    for m in Int(principal.start)..<Int(principal.start + principal.count) {
      var record = block.records[m]
      let own = block.shops(of: record)
      record.shopStart = Int32(shops.count)
      shops += own
      members.append(record)
    }
    return MembershipsView(
      user: principal.user, members: members, shops: shops,
      direct: structure.direct)
  }

  private func relation(
    of membership: MemberRecord, in view: MembershipsView, to resource: ResolvedResource
  ) -> Int {
    var user = view.user
    if user == ResolvedResource.foreignUser && resource.assigneeKey != view.fingerprint {
      user = -4
    }
    return relation(of: membership, user: user, shops: view.shops, to: resource)
  }

  private func membershipCheck(
    _ traces: [MembershipTrace], _ user: UserID, _ resource: ResolvedResource,
    _ description: Resource
  ) -> (CheckTrace.Outcome, CheckNote) {
    let org = Int(resource.org)
    guard org >= 0 else { return (.failed, .unknownOrganization(description.org)) }
    if !orgState.isLive[org] {
      var node = org
      while node >= 0 && orgState.isActive[node] { node = Int(structure.orgParent[node]) }
      let inactive = node >= 0 ? structure.orgIDs[node] : description.org
      return (.failed, .notLive(description.org, inactive: inactive))
    }
    if !traces.contains(where: { $0.relation != nil }) {
      return (.failed, .noRelatedMembership(user, description.org))
    }
    return (.passed, .related(traces))
  }

  private func neededPermissions(_ action: Action) -> [Int] {
    if action.workflow < 0 { return [Int(action.permission)] }
    let workflow = policy.workflows[Int(action.workflow)]
    var needed: [Int] = []
    let enter = Int(workflow.enter[Int(action.target)])
    if enter >= 0 { needed.append(enter) }
    if workflow.base >= 0 && Int(workflow.base) != enter { needed.append(Int(workflow.base)) }
    return needed
  }

  private func featureCheck(
    _ needed: [Int], _ resource: ResolvedResource, _ description: Resource
  ) -> (CheckTrace.Outcome, CheckNote) {
    let org = Int(resource.org)
    guard org >= 0 else { return (.notApplicable, .text("unknown organization")) }
    var enabled: [FeatureID] = []
    for p in needed {
      let gate = Int(policy.gate[p])
      guard gate >= 0 else { continue }
      let feature = policy.childFeatures[gate]
      if !orgState.isEnabled(feature: gate, org: org, words: policy.featureWordCount) {
        let globally = !Bits.test(gate, in: orgState.globalFeatures)
        return (.failed, .featureDisabled(feature, description.org, globally: globally))
      }
      enabled.append(feature)
    }
    guard let first = enabled.first else { return (.notApplicable, .text("ungated")) }
    return (.passed, .featuresEnabled(first, enabled.dropFirst().first, description.org))
  }

  private func workflowCheck(
    _ action: Action, _ resource: ResolvedResource, _ description: Resource
  ) -> (CheckTrace.Outcome, CheckNote) {
    guard action.workflow >= 0 else { return (.notApplicable, .text("not a transition")) }
    let workflow = policy.workflows[Int(action.workflow)]
    let target = policy.stateNames[Int(workflow.states[Int(action.target)])]
    let state = Int(resource.state)
    guard state >= 0 else { return (.failed, .noCurrentState(description.state, workflow.id)) }
    let current = Int(workflow.localOfGlobal[state])
    guard current >= 0 else {
      return (.failed, .noCurrentState(policy.stateNames[state], workflow.id))
    }
    let from = policy.stateNames[state]
    guard workflow.hasEdge(from: current, to: Int(action.target)) else {
      return (.failed, .noTransition(from: from, to: target, workflow.id))
    }
    return (.passed, .transition(from: from, to: target))
  }

  private func membershipTrace(
    _ membership: MemberRecord, _ view: MembershipsView, _ action: Action, _ needed: [Int],
    _ resource: ResolvedResource
  ) -> MembershipTrace {
    let org = structure.orgIDs[Int(membership.org)]
    let role = policy.roleIDs[Int(membership.role)]
    let level = Int(resource.org) >= 0 ? relation(of: membership, in: view, to: resource) : -1
    let state = Int(resource.state)
    let permissions = needed.map { p in
      let matches = grantMatches(
        p, membership, view, level: level >= 0 ? level : nil, state: state)
      let covered = level >= 0 && isCovered(p, membership, view, level: level, state: state)
      return PermissionTrace(
        permission: policy.permissionKeys[p], grants: matches, isCovered: covered,
        missingPrerequisites: covered
          ? missingPrerequisites(p, membership, view, level: level, state: state) : [])
    }
    return MembershipTrace(
      org: org, role: role, roleIsDeleted: policy.roleIsDeleted[Int(membership.role)],
      relation: level >= 0 ? Scope(rawValue: level) : nil, permissions: permissions,
      allows: level >= 0 && permits(action, membership, { view.direct }, level: level, state: state)
    )
  }

  /// Every grant of a membership that matches permission `p`, with whether it covers a
  /// resource at `level` in `state` (never, when `level` is nil).
  func grantMatches(
    _ p: Int, _ membership: MemberRecord, _ view: MembershipsView, level: Int?, state: Int
  ) -> [GrantMatch] {
    var matches: [GrantMatch] = []
    func covers(_ grant: CompiledGrant) -> Bool {
      guard let level, grant.source.scope.rawValue >= level else { return false }
      guard let states = grant.expanded.states else { return true }
      return state >= 0 && states.contains(Int32(state))
    }
    let role = Int(membership.role)
    if !policy.roleIsDeleted[role] {
      let tree = policy.ancestors(of: role)
      for (position, ancestor) in tree.nodes.enumerated() {
        let source = policy.source(of: position, in: tree)
        for grant in policy.ownGrants[Int(ancestor)] where policy.matches(grant, permission: p) {
          matches.append(GrantMatch(source: source, grant: grant.source, covers: covers(grant)))
        }
      }
    }
    if membership.direct >= 0 {
      for grant in view.direct.compiled(Int(membership.direct))
      where policy.matches(grant, permission: p) {
        matches.append(GrantMatch(source: .direct, grant: grant.source, covers: covers(grant)))
      }
    }
    return matches
  }

  func isCovered(
    _ p: Int, _ membership: MemberRecord, _ view: MembershipsView, level: Int, state: Int
  ) -> Bool {
    let word = Bits.word(p)
    var covered = policy.roleGrants.covered(
      set: Int(membership.role), level: level, word: word, state: state)
    if membership.direct >= 0 {
      covered |= view.direct.covered(
        set: Int(membership.direct), level: level, word: word, state: state)
    }
    return covered & Bits.mask(p) != 0
  }

  /// Transitive prerequisites of `p` that are not covered, in breadth-first order.
  func missingPrerequisites(
    _ p: Int, _ membership: MemberRecord, _ view: MembershipsView, level: Int, state: Int
  ) -> [PermissionKey] {
    policy.requires.breadthFirst(from: p).nodes.dropFirst().compactMap { q in
      isCovered(Int(q), membership, view, level: level, state: state)
        ? nil : policy.permissionKeys[Int(q)]
    }
  }
}

/// One entry of a user's effective permissions in an organization.
public struct EffectivePermission: Sendable, Hashable {
  /// The permission.
  public let permission: PermissionKey
  /// The widest scope at which it is active for a resource with no state; nil when it is
  /// not active without a state (inactive for a missing prerequisite, or granted only
  /// under a state condition).
  public let scope: Scope?
  /// Every grant that grants it, with its source; `covers` is true for grants without a
  /// state condition.
  public let sources: [GrantMatch]
  /// Prerequisites that keep it inactive (empty when it is active, with or without a
  /// state).
  public let missingPrerequisites: [PermissionKey]
  /// When it is not active without a state: the states in which it is active, thanks to
  /// a state condition on it or on a prerequisite.
  public let conditionStates: [StateName]
  /// Whether its feature is enabled for the organization (a disabled feature denies it
  /// with ``DenyReason/featureDisabled`` whatever the grants say).
  public let isFeatureEnabled: Bool
}

/// Accumulates the checks of a trace, marking those after the first failure not reached.
private struct ChecksBuilder {
  var checks: [CheckTrace]
  var failed = false

  init() {
    checks = []
    checks.reserveCapacity(CheckTrace.Step.allCases.count)
  }

  mutating func add(_ step: CheckTrace.Step, _ outcome: CheckTrace.Outcome, _ note: CheckNote) {
    if failed {
      checks.append(CheckTrace(step: step, outcome: .notReached, note: note))
      return
    }
    if outcome == .failed { failed = true }
    checks.append(CheckTrace(step: step, outcome: outcome, note: note))
  }

  mutating func add(_ step: CheckTrace.Step, _ result: (CheckTrace.Outcome, CheckNote)) {
    add(step, result.0, result.1)
  }
}
