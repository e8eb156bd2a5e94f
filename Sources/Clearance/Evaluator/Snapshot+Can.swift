extension Snapshot {
  /// Decides whether `principal` may perform `action` on `resource`.
  ///
  /// The hot path: no allocation, no lock, no string hashing, no reference counting for a
  /// directory principal. The checks of docs/SEMANTICS.md section 7 run in order and the first that
  /// fails is the reason; with several related memberships the request is allowed if any
  /// one of them allows it. Handles resolved against another snapshot are denied with
  /// ``DenyReason/handleMismatch``; an undeclared action (see ``Action/isDeclared``) with
  /// ``DenyReason/unknownAction`` (or ``DenyReason/principalInactive``, which comes first).
  ///
  /// Complexity: O(memberships), in practice a few loads per membership.
  @inlinable
  public func can(_ principal: Principal, _ action: Action, _ resource: ResolvedResource)
    -> Decision
  {
    decide(principal, action, resource, context: { nil })
  }

  /// `can` with or without a request context that presents no API key: the checks in
  /// order, the security checks (with `context`) only where the organization or the
  /// action needs them. Every handle is checked once. The context is read only on the
  /// security path, so the path without settings never copies it.
  @inlinable @inline(__always)
  func decide(
    _ principal: Principal, _ action: Action, _ resource: ResolvedResource,
    context: () -> RequestContext?
  ) -> Decision {
    guard
      principal.policyToken == hot.policyToken, action.policyToken == hot.policyToken,
      resource.policyToken == hot.policyToken, resource.structureToken == hot.structureToken
    else { return undeclaredOrMismatch(principal, action, resource) }
    let user = Int(principal.user)
    if user < 0 || principal.host != nil {
      // An unknown user, or a host-built principal: tied to the structure's names.
      guard principal.structureToken == hot.structureToken else { return .deny(.handleMismatch) }
      guard principal.status == .active else { return .deny(.principalInactive) }
      let org = Int(resource.org)
      let flags = hot.flags(ofOrg: org)
      guard flags & HotTables.liveFlag != 0 else { return .deny(.notMember) }
      if needsSecurity(action, flags: flags),
        !passesOnlyAllowlist(action, org: org, clientIP: context()?.clientIP)
      {
        return decideSecured(principal, action, resource, context: context()).decision
      }
      return decideForHost(principal, action, resource)
    }
    // A directory user: its block must be the one it was resolved on (same stamp).
    let b = user &>> BlockEntry.shift
    guard b < hot.blockCount else { return .deny(.handleMismatch) }
    let block = hot.blocks[b]
    guard block.stamp == principal.structureToken else { return .deny(.handleMismatch) }
    // 1. The user exists and is active.
    guard principal.status == .active else { return .deny(.principalInactive) }
    // 2. API key: none is presented (the caller sent requests with one elsewhere).
    // 3. The resource's organization is live (and, below, some membership relates to it).
    let org = Int(resource.org)
    let flags = hot.flags(ofOrg: org)
    guard flags & HotTables.liveFlag != 0 else { return .deny(.notMember) }
    // 4, 5. An allowlist, MFA enforcement or a step-up permission: checked with the
    // context; without one the request lacks what they need. An address inside the
    // allowlist where nothing else applies leaves the context-free checks.
    if needsSecurity(action, flags: flags),
      !passesOnlyAllowlist(action, org: org, clientIP: context()?.clientIP)
    {
      return decideSecured(principal, action, resource, context: context()).decision
    }
    let members = block.records
    let start = Int(principal.start)
    return decide(
      principal.user, start..<(start &+ Int(principal.count)), action, resource,
      member: { members[$0] }, shops: block.shops,
      direct: { structure.direct })
  }

  /// The decision when the handles' tokens are not all this snapshot's: check 1 and
  /// ``DenyReason/unknownAction`` for an undeclared action of this policy with valid
  /// principal and resource, else ``DenyReason/handleMismatch``. Off the hot path.
  @usableFromInline
  func undeclaredOrMismatch(
    _ principal: Principal, _ action: Action, _ resource: ResolvedResource
  ) -> Decision {
    guard action.policyToken == policy.token | Action.undeclaredBit, isValid(principal),
      isValid(resource)
    else { return .deny(.handleMismatch) }
    return .deny(principal.status == .active ? .unknownAction : .principalInactive)
  }

  /// `can` for a host-built principal: the same checks over its own memberships.
  @usableFromInline
  func decideForHost(_ principal: Principal, _ action: Action, _ resource: ResolvedResource)
    -> Decision
  {
    guard let host = principal.host else { return .deny(.handleMismatch) }
    let members = host.frozenMembers.base
    return decide(
      assigneeHandle(of: principal, against: resource), 0..<Int(principal.count), action,
      resource, member: { members[$0] },
      shops: host.frozenShops.base, direct: { host.direct })
  }

  /// Decides a request given by names: the user id from the session, the action as text,
  /// the resource as the host names it.
  ///
  /// Every name is looked up by its exact UTF-8 bytes in tables built with the snapshot
  /// (action texts are cached whole), so this allocates nothing, takes no lock and costs a
  /// few hash probes more than ``can(_:_:_:)`` on handles. An unknown user is denied with
  /// ``DenyReason/principalInactive``; an action the policy does not declare with
  /// ``DenyReason/unknownAction``: the same decisions as resolving each name to a handle
  /// (``principal(_:)``, ``action(named:)``, ``resolve(_:)``) and deciding on those.
  public func can(_ user: UserID, _ action: ActionName, _ resource: Resource) -> Decision {
    let principal = hot.principal(user)
    guard principal.status == .active else { return .deny(.principalInactive) }
    guard let resolved = hot.action(named: action.rawValue) else { return .deny(.unknownAction) }
    return can(principal, resolved, hot.resolve(resource))
  }

  /// The target states `principal` may move `resource` into, in the workflow's
  /// declaration order: the targets `t` for which `can(principal,
  /// transition(in: workflow, to: t), resource)` allows. Empty when the resource's state is
  /// not a state of the workflow, and for a workflow the policy does not declare (every
  /// move in it is an ``DenyReason/unknownAction``).
  public func allowedTargets(
    for principal: Principal, moving resource: ResolvedResource, in workflow: WorkflowID
  ) -> [StateName] {
    targets(in: workflow) { can(principal, $0, resource).isAllowed }
  }

  /// The target states of `workflow`, in declaration order, whose transition `allows`
  /// admits; empty for a workflow the policy does not declare.
  func targets(in workflow: WorkflowID, allowedBy allows: (Action) -> Bool) -> [StateName] {
    guard let w = policy.workflowIndex[workflow] else { return [] }
    let compiled = policy.workflows[Int(w)]
    var targets: [StateName] = []
    for target in 0..<compiled.states.count {
      let action = Action(
        policyToken: policy.token, permission: -1, workflow: w, target: Int32(target))
      if allows(action) { targets.append(policy.stateNames[Int(compiled.states[target])]) }
    }
    return targets
  }

  // MARK: Internals of the hot path

  /// The user handle to compare with `resource`'s assignee: the principal's own, except
  /// for a host-built principal of a user the directory does not list, whose id matches a
  /// foreign assignee only when their fingerprints are equal (and matches nothing else).
  @usableFromInline
  func assigneeHandle(of principal: Principal, against resource: ResolvedResource) -> Int32 {
    guard principal.user == ResolvedResource.foreignUser, let host = principal.host else {
      return principal.user
    }
    return resource.assigneeKey == host.fingerprint ? ResolvedResource.foreignUser : -4
  }

  /// Checks 3 (a membership relates) to 8 over the principal's memberships `range`.
  @inlinable @inline(__always)
  func decide(
    _ user: Int32, _ range: Range<Int>, _ action: Action, _ resource: ResolvedResource,
    member: (Int) -> MemberRecord, shops: UnsafePointer<Int32>, direct: () -> DirectGrants
  ) -> Decision {
    var related = false
    for m in range {
      let membership = member(m)
      let level = relation(of: membership, user: user, shops: shops, to: resource)
      if level < 0 { continue }
      if !related {
        related = true
        // 4, 5. IP allowlist and MFA: nothing applies here (checked by the caller).
        // 6, 7. Feature gates and workflow rules are the same for every membership, so
        // they are checked once, at the first related membership.
        if let failure = requestFailure(action, resource) { return .deny(failure) }
      }
      // 8. The permission is active at this membership's relation.
      if permits(action, membership, direct, level: level, state: Int(resource.state)) {
        return .allow
      }
    }
    return .deny(related ? .notPermitted : .notMember)
  }

  /// The relation level (0 assigned … 3 tree) of a membership to a resource, or -1.
  @inlinable @inline(__always)
  func relation(
    of membership: MemberRecord, user: Int32, shops: UnsafePointer<Int32>,
    to resource: ResolvedResource
  ) -> Int {
    let org = Int(membership.org)
    let target = Int(resource.org)
    if org == target {
      if resource.assignee == user && user != -1 { return 0 }
      if resource.shop >= 0 {
        let start = Int(membership.shopStart)
        for i in start..<(start &+ Int(membership.shopCount)) where shops[i] == resource.shop {
          return 1
        }
      }
      return 2
    }
    let intervals = hot.intervals
    let isDescendant =
      intervals[org &* 2] < intervals[target &* 2]
      && intervals[target &* 2 &+ 1] <= intervals[org &* 2 &+ 1]
    return isDescendant ? 3 : -1
  }

  /// The first request-level failure (checks 6 and 7), if any.
  @inlinable @inline(__always)
  func requestFailure(_ action: Action, _ resource: ResolvedResource) -> DenyReason? {
    if action.workflow < 0 {
      return isGatedOff(Int(action.permission), org: Int(resource.org)) ? .featureDisabled : nil
    }
    return transitionFailure(action, resource)
  }

  /// Whether permission `p`'s feature is disabled for organization `org`.
  @inlinable @inline(__always)
  func isGatedOff(_ p: Int, org: Int) -> Bool {
    let gate = Int(hot.gate[p])
    if gate < 0 { return false }
    let word = Bits.word(gate)
    let enabled =
      hot.global[word] & hot.tenant[org &* hot.featureWords &+ word]
    return enabled & Bits.mask(gate) == 0
  }

  /// Checks 6 and 7 for a transition.
  @usableFromInline
  func transitionFailure(_ action: Action, _ resource: ResolvedResource) -> DenyReason? {
    let workflow = policy.workflows[Int(action.workflow)]
    let target = Int(action.target)
    let org = Int(resource.org)
    let enter = Int(workflow.enter[target])
    if enter >= 0 && isGatedOff(enter, org: org) { return .featureDisabled }
    if workflow.base >= 0 && isGatedOff(Int(workflow.base), org: org) { return .featureDisabled }
    let state = Int(resource.state)
    guard state >= 0 else { return .unknownState }
    let current = Int(workflow.localOfGlobal[state])
    guard current >= 0 else { return .unknownState }
    guard workflow.hasEdge(from: current, to: target) else { return .illegalTransition }
    return nil
  }

  /// Whether a membership has everything the action needs active at `level`.
  @inlinable @inline(__always)
  func permits(
    _ action: Action, _ membership: MemberRecord, _ direct: () -> DirectGrants, level: Int,
    state: Int
  ) -> Bool {
    if action.workflow < 0 {
      let p = Int(action.permission)
      if let settled = settledByRole(p, membership, level: level) { return settled }
      return isActiveInFull(p, membership, direct(), level: level, state: state)
    }
    return transitionPermitted(action, membership, direct(), level: level, state: state)
  }

  /// Whether a membership may make a transition at `level`: the target's enter permission
  /// and the base permission, if any, are both active.
  @usableFromInline
  func transitionPermitted(
    _ action: Action, _ membership: MemberRecord, _ direct: DirectGrants, level: Int, state: Int
  ) -> Bool {
    let workflow = policy.workflows[Int(action.workflow)]
    let enter = Int(workflow.enter[Int(action.target)])
    guard enter >= 0, isActive(enter, membership, direct, level: level, state: state) else {
      return false
    }
    return workflow.base < 0
      || isActive(Int(workflow.base), membership, direct, level: level, state: state)
  }

  /// docs/SEMANTICS.md section 4: permission `p` and all it transitively requires are covered by the
  /// membership's grants at `level` for a resource in `state`.
  ///
  /// The role's own unconditional activity is precompiled into one bit; only a membership
  /// with direct grants, or a role with state-conditional grants, needs the full check.
  @inlinable @inline(__always)
  func isActive(
    _ p: Int, _ membership: MemberRecord, _ direct: DirectGrants, level: Int, state: Int
  ) -> Bool {
    if let settled = settledByRole(p, membership, level: level) { return settled }
    return isActiveInFull(p, membership, direct, level: level, state: state)
  }

  /// The answer of the role's precompiled activity bit when it settles the question:
  /// true when the role alone has `p` active at `level`, false when nothing else could
  /// add to it (no direct grants, no state conditions); nil when the full check is needed.
  @inlinable @inline(__always)
  func settledByRole(_ p: Int, _ membership: MemberRecord, level: Int) -> Bool? {
    let role = Int(membership.role)
    let word = hot.roleActive[(role &* 4 &+ level) &* hot.wordCount &+ Bits.word(p)]
    if word & Bits.mask(p) != 0 { return true }
    if membership.direct < 0 && !hot.roleHasConditions[role] { return false }
    return nil
  }

  /// The full check: the covered words of role and direct grants, conditions applied,
  /// against the permission's prerequisite mask.
  @usableFromInline
  func isActiveInFull(
    _ p: Int, _ membership: MemberRecord, _ direct: DirectGrants, level: Int, state: Int
  ) -> Bool {
    let role = Int(membership.role)
    let directSet = Int(membership.direct)
    var i = Int(policy.needStart[p])
    let end = Int(policy.needStart[p &+ 1])
    while i < end {
      let word = Int(policy.needWord[i])
      let need = policy.needBits[i]
      var covered = policy.roleGrants.covered(set: role, level: level, word: word, state: state)
      if directSet >= 0 {
        covered |= direct.covered(set: directSet, level: level, word: word, state: state)
      }
      if covered & need != need { return false }
      i &+= 1
    }
    return true
  }
}
