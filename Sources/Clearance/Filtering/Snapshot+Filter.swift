extension Snapshot {
  /// The resources `principal` may perform `action` on, as an exact filter: for every
  /// resource, `can(principal, action, resource)` allows it if and only if the filter
  /// matches it.
  ///
  /// The filter is built from the principal's memberships, not by trying resources: each
  /// membership reaches its own organization (resources assigned to the user, in its
  /// shops, or anywhere in it, as its grants allow) and, with `tree` grants, every live
  /// sub-organization. Organizations that are not live and organizations where the
  /// action's feature is disabled are left out; state conditions of grants, prerequisites
  /// and, for a transition, the workflow edges into the target become conditions on the
  /// resource's state. Organizations with the same condition are listed together.
  ///
  /// An inactive or unknown principal, or handles of another snapshot, give ``ResourceFilter/never``.
  /// Like `can`, the filter does not look at a request context (IP allowlists, MFA).
  ///
  /// Complexity: O(memberships × relation levels × states) plus the organizations listed.
  public func filter(_ principal: Principal, _ action: Action) -> ResourceFilter {
    guard principal.policyToken == policy.token, action.policyToken == policy.token,
      isValid(principal), principal.status == .active
    else { return .never }
    if let host = principal.host {
      let members = host.frozenMembers.base
      return withExtendedLifetime(host) {
        filter(
          principal, action, 0..<Int(principal.count), member: { members[$0] },
          shops: host.frozenShops.base, direct: host.direct)
      }
    }
    guard principal.user >= 0 else { return .never }
    // The principal's records and shops, read in place from its block (kept alive here).
    let (block, _) = structure.place(of: Int(principal.user))
    let start = Int(principal.start)
    return withExtendedLifetime(block) {
      filter(
        principal, action, start..<(start + Int(principal.count)),
        member: { block.records[$0] }, shops: block.shops, direct: structure.direct)
    }
  }

  /// The filter of a request given by names: a convenience for tools and tests.
  ///
  /// An unknown or inactive user, or an action the policy does not declare, gives
  /// ``ResourceFilter/never`` (the engine fails closed, as `can` does).
  public func filter(_ user: UserID, _ action: ActionName) -> ResourceFilter {
    let principal = principal(user)
    guard principal.isActive else { return .never }
    return filter(principal, self.action(named: action))
  }

  /// The filter over the principal's memberships `range`, read through `member`, with
  /// their shops at `shops`.
  private func filter(
    _ principal: Principal, _ action: Action, _ range: Range<Int>,
    member: (Int) -> MemberRecord, shops: UnsafePointer<Int32>, direct: DirectGrants
  ) -> ResourceFilter {
    let entering = enteringStates(action)
    let hasUser = principal.user >= 0 || principal.user == ResolvedResource.foreignUser
    var terms: [FilterTerm] = []
    terms.reserveCapacity(range.count * 3)
    for m in range {
      let membership = member(m)
      let org = membership.org
      guard hot.isLive(Int(org)) else { continue }
      // Reach only narrows as the relation widens; once empty, it stays empty.
      var reach: (StateReach, StateReach, StateReach, StateReach) = (.none, .none, .none, .none)
      reach.0 = stateReach(action, membership, direct, level: 0, entering: entering)
      if !reach.0.isEmpty {
        reach.1 = stateReach(action, membership, direct, level: 1, entering: entering)
      }
      if !reach.1.isEmpty {
        reach.2 = stateReach(action, membership, direct, level: 2, entering: entering)
      }
      if !reach.2.isEmpty {
        reach.3 = stateReach(action, membership, direct, level: 3, entering: entering)
      }
      if !isBlocked(action, org: Int(org))
        && !securityBlocks(action, role: Int(membership.role), org: Int(org))
      {
        // Terms wholly inside a wider one of the same organization add nothing.
        if hasUser && !reach.0.isEmpty && !reach.0.isSubset(of: reach.2) {
          terms.append(FilterTerm(org: org, kind: 0, shopStart: 0, shopCount: 0, reach: reach.0))
        }
        if membership.shopCount > 0 && !reach.1.isEmpty && !reach.1.isSubset(of: reach.2) {
          terms.append(
            FilterTerm(
              org: org, kind: 1, shopStart: membership.shopStart,
              shopCount: membership.shopCount, reach: reach.1))
        }
        if !reach.2.isEmpty {
          terms.append(FilterTerm(org: org, kind: 2, shopStart: 0, shopCount: 0, reach: reach.2))
        }
      }
      if !reach.3.isEmpty {
        let tree = reach.3
        forEachLiveDescendant(of: org) { descendant in
          if !isBlocked(action, org: Int(descendant))
            && !securityBlocks(action, role: Int(membership.role), org: Int(descendant))
          {
            terms.append(
              FilterTerm(org: descendant, kind: 2, shopStart: 0, shopCount: 0, reach: tree))
          }
        }
      }
    }
    return merge(&terms, shops: shops, assignee: hasUser ? userID(of: principal) : nil)
  }

  /// For a transition, the global states with an edge into the target; empty otherwise.
  func enteringStates(_ action: Action) -> [Int32] {
    guard action.workflow >= 0 else { return [] }
    let workflow = policy.workflows[Int(action.workflow)]
    var result: [Int32] = []
    for from in 0..<workflow.states.count
    where workflow.hasEdge(from: from, to: Int(action.target)) {
      result.append(workflow.states[from])
    }
    return result
  }

  /// Whether the action's features are disabled for organization `org` (check 6 of
  /// docs/SEMANTICS.md section 7, which does not depend on the membership or the resource's state).
  /// Whether the security checks (4 and 5) deny a membership with `role` every request
  /// made without a context on a resource of `org`: an allowlist (no IP is outside it),
  /// MFA enforcement that applies to the role, or a step-up permission.
  func securityBlocks(_ action: Action, role: Int, org: Int) -> Bool {
    guard needsSecurity(action, org: org) else { return false }
    if security.orgAllowlist[org] >= 0 { return true }
    return mfaFacts(role: role, org: org, action: action, context: nil).failed
  }

  func isBlocked(_ action: Action, org: Int) -> Bool {
    if action.workflow < 0 { return isGatedOff(Int(action.permission), org: org) }
    let workflow = policy.workflows[Int(action.workflow)]
    let enter = Int(workflow.enter[Int(action.target)])
    if enter >= 0 && isGatedOff(enter, org: org) { return true }
    return workflow.base >= 0 && isGatedOff(Int(workflow.base), org: org)
  }

  /// Whether the answer of `permits` for a membership can depend on the resource's state:
  /// its role or its direct grant set has state-conditional grants.
  func dependsOnState(_ membership: MemberRecord, _ direct: DirectGrants) -> Bool {
    if membership.role >= 0 && hot.roleHasConditions[Int(membership.role)] { return true }
    let set = Int(membership.direct)
    return set >= 0 && direct.hasConditions(set)
  }

  /// The states at which a membership may perform `action` at relation `level`; for a
  /// transition only states with an edge into the target (`entering`) can be reached.
  func stateReach(
    _ action: Action, _ membership: MemberRecord, _ direct: DirectGrants, level: Int,
    entering: [Int32]
  ) -> StateReach {
    let dependent = dependsOnState(action, membership, direct, level: level)
    if action.workflow < 0 && !dependent {
      // The common case: one check decides every state.
      return permits(action, membership, { direct }, level: level, state: -1) ? .all : .none
    }
    let stateCount = policy.stateNames.count
    let check = { (state: Int) in
      self.permits(action, membership, { direct }, level: level, state: state)
    }
    // Allocated at the first state reached (or for `other` alone): none or all need none.
    let words = policy.stateWordCount
    var known: [UInt64] = []
    if action.workflow >= 0 {
      if !dependent && !check(-1) { return .none }
      for state in entering where !dependent || check(Int(state)) {
        if known.isEmpty { known = [UInt64](repeating: 0, count: words) }
        Bits.set(Int(state), in: &known)
      }
      return known.isEmpty ? .none : .make(other: false, known: known, stateCount: stateCount)
    }
    for state in 0..<stateCount where check(state) {
      if known.isEmpty { known = [UInt64](repeating: 0, count: words) }
      Bits.set(state, in: &known)
    }
    let other = check(-1)
    if known.isEmpty {
      if !other { return .none }
      known = [UInt64](repeating: 0, count: words)
    }
    return .make(other: other, known: known, stateCount: stateCount)
  }

  /// Calls `body` with every live proper descendant of `org`, parents before children.
  /// A sub-organization that is not live is skipped with all of its descendants.
  func forEachLiveDescendant(of org: Int32, _ body: (Int32) -> Void) {
    let children = structure.orgChildren
    if children[Int(org)].isEmpty { return }
    var stack = Array(children[Int(org)].reversed())
    while let next = stack.popLast() {
      guard hot.isLive(Int(next)) else { continue }
      body(next)
      stack.append(contentsOf: children[Int(next)].reversed())
    }
  }
}
