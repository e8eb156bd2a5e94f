extension Snapshot {
  /// Decides whether `principal` may perform `action` on `resource`.
  ///
  /// The hot path: no allocation, no lock, no string hashing. The checks of SPEC section 7
  /// run in order and the first that fails is the reason; with several related
  /// memberships the request is allowed if any one of them allows it. Handles resolved
  /// against another snapshot are denied with ``DenyReason/handleMismatch``.
  ///
  /// Complexity: O(memberships × prerequisite words), in practice a few loads per
  /// membership.
  @inlinable
  public func can(_ principal: Principal, _ action: Action, _ resource: ResolvedResource)
    -> Decision
  {
    guard
      principal.policyToken == policy.token, action.policyToken == policy.token,
      resource.policyToken == policy.token, principal.structureToken == structure.token,
      resource.structureToken == structure.token
    else { return .deny(.handleMismatch) }
    // 1. The user exists and is active.
    guard principal.status == .active else { return .deny(.principalInactive) }
    // 2. API key: a place for the security settings; passes while none are configured.
    // 3. The resource's organization is live and some membership relates to it.
    let org = Int(resource.org)
    guard org >= 0, orgState.isLive[org] else { return .deny(.notMember) }
    var related = false
    for membership in principal.memberships {
      let level = relation(of: membership, in: principal, to: resource)
      if level < 0 { continue }
      if !related {
        related = true
        // 4, 5. IP allowlist and MFA: places for the security settings; they pass while
        // none are configured.
        // 6, 7. Feature gates and workflow rules are the same for every membership, so
        // they are checked once, at the first related membership.
        if let failure = requestFailure(action, resource) { return .deny(failure) }
      }
      // 8. The permission is active at this membership's relation.
      if permits(action, membership, in: principal, level: level, state: Int(resource.state)) {
        return .allow
      }
    }
    return .deny(related ? .notPermitted : .notMember)
  }

  /// Decides a request given by names: a convenience for tools and tests. Resolves every
  /// name first, so it costs hashing; use handles on hot paths.
  ///
  /// An unknown user is denied with ``DenyReason/principalInactive``; an action the policy
  /// does not declare with ``DenyReason/unknownAction``.
  public func can(_ user: UserID, _ action: String, _ resource: Resource) -> Decision {
    let principal = principal(user)
    guard principal.status == .active else { return .deny(.principalInactive) }
    guard let resolved = try? self.action(parsing: action) else { return .deny(.unknownAction) }
    return can(principal, resolved, resolve(resource))
  }

  /// The target states `principal` may move `resource` into, in the workflow's
  /// declaration order. Empty when the resource's state is not a state of the workflow.
  ///
  /// - Throws: ``ValidationError`` when the policy declares no such workflow.
  public func allowedTargets(
    _ principal: Principal, moving resource: ResolvedResource, in workflow: WorkflowID
  ) throws(ValidationError) -> [StateName] {
    guard let w = policy.workflowIndex[workflow] else {
      throw ValidationError([
        ValidationIssue(
          path: "workflow", code: .unknownReference, message: "unknown workflow \"\(workflow)\"")
      ])
    }
    let compiled = policy.workflows[Int(w)]
    var targets: [StateName] = []
    for target in 0..<compiled.states.count {
      let action = Action(
        policyToken: policy.token, permission: -1, workflow: w, target: Int32(target))
      if can(principal, action, resource).isAllowed {
        targets.append(policy.stateNames[Int(compiled.states[target])])
      }
    }
    return targets
  }

  // MARK: Internals of the hot path

  /// The relation level (0 assigned … 3 tree) of a membership to a resource, or -1.
  @inlinable @inline(__always)
  func relation(of membership: MemberRecord, in principal: Principal, to resource: ResolvedResource)
    -> Int
  {
    let org = Int(membership.org)
    let target = Int(resource.org)
    if org == target {
      if resource.assignee >= 0 {
        if resource.assignee == principal.user { return 0 }
      } else if resource.assignee == -2 && principal.user < 0
        && resource.foreignAssignee == principal.userID
      {
        return 0
      }
      if resource.shop >= 0 {
        let start = Int(membership.shopStart)
        for i in start..<(start &+ Int(membership.shopCount))
        where principal.shops[i] == resource.shop {
          return 1
        }
      }
      return 2
    }
    return structure.isProperDescendant(target, of: org) ? 3 : -1
  }

  /// The first request-level failure (checks 6 and 7), if any.
  @inlinable @inline(__always)
  func requestFailure(_ action: Action, _ resource: ResolvedResource) -> DenyReason? {
    let org = Int(resource.org)
    let words = policy.featureWordCount
    if action.workflow < 0 {
      let gate = Int(policy.gate[Int(action.permission)])
      if gate >= 0 && !orgState.isEnabled(feature: gate, org: org, words: words) {
        return .featureDisabled
      }
      return nil
    }
    let workflow = policy.workflows[Int(action.workflow)]
    let target = Int(action.target)
    let enter = Int(workflow.enter[target])
    if enter >= 0 {
      let gate = Int(policy.gate[enter])
      if gate >= 0 && !orgState.isEnabled(feature: gate, org: org, words: words) {
        return .featureDisabled
      }
    }
    if workflow.base >= 0 {
      let gate = Int(policy.gate[Int(workflow.base)])
      if gate >= 0 && !orgState.isEnabled(feature: gate, org: org, words: words) {
        return .featureDisabled
      }
    }
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
    _ action: Action, _ membership: MemberRecord, in principal: Principal, level: Int, state: Int
  ) -> Bool {
    if action.workflow < 0 {
      return isActive(Int(action.permission), membership, in: principal, level: level, state: state)
    }
    let workflow = policy.workflows[Int(action.workflow)]
    let enter = Int(workflow.enter[Int(action.target)])
    guard enter >= 0, isActive(enter, membership, in: principal, level: level, state: state) else {
      return false
    }
    return workflow.base < 0
      || isActive(Int(workflow.base), membership, in: principal, level: level, state: state)
  }

  /// SPEC section 4: permission `p` and all it transitively requires are covered by the
  /// membership's grants at `level` for a resource in `state`.
  @inlinable @inline(__always)
  func isActive(
    _ p: Int, _ membership: MemberRecord, in principal: Principal, level: Int, state: Int
  ) -> Bool {
    let role = Int(membership.role)
    let direct = Int(membership.direct)
    var i = Int(policy.needStart[p])
    let end = Int(policy.needStart[p &+ 1])
    while i < end {
      let word = Int(policy.needWord[i])
      let need = policy.needBits[i]
      var covered = policy.roleGrants.covered(set: role, level: level, word: word, state: state)
      if direct >= 0 {
        covered |= principal.direct.covered(set: direct, level: level, word: word, state: state)
      }
      if covered & need != need { return false }
      i &+= 1
    }
    return true
  }
}
