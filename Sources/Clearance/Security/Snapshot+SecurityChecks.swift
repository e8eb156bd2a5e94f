extension Snapshot {
  /// Checks 2 to 8 with the security checks, for requests that need them. `context` nil
  /// stands for a request made without one: no time, no address, no verification.
  @usableFromInline
  func decideSecured(
    _ principal: Principal, _ action: Action, _ resource: ResolvedResource,
    context: RequestContext?
  ) -> SecurityOutcome {
    var outcome = SecurityOutcome()
    // 2. The API key, if one is presented.
    var key: SecurityState.KeyRecord?
    if let presented = context?.apiKey, let now = context?.time {
      switch presentedKey(presented, user: principal.user, now: now) {
      case .failure(let failure):
        outcome.key = .refused(failure)
        return outcome.denied(.apiKeyInvalid)
      case .success(let record):
        key = record
        outcome.key = .valid(
          id: presented.idDigits, uppercase: presented.idUppercase, scope: record.key.scope)
      }
    }
    // 3. The organization is live (the memberships follow).
    let org = Int(resource.org)
    guard hot.isLive(org) else { return outcome.denied(.notMember) }
    // 4. The allowlist: the same for every membership.
    let list = Int(security.orgAllowlist[org])
    if list >= 0 {
      let owner = Int(security.allowlistOwner[org])
      let inside = context?.clientIP.map { security.allowlists[list].contains($0) } ?? false
      outcome.ip = .checked(ip: context?.clientIP, inside: inside, listOf: Int32(owner))
    }
    let view = memberRange(principal)
    if key == nil, security.orgMFA[org] == nil, !(hot.hasStepUp && isStepUp(action)) {
      outcome.decision = onlyAllowlist(principal, action, resource, view, ip: outcome.ip)
      return outcome
    }
    var best: (reason: DenyReason, level: Int, depth: Int32, mfa: MFAFacts)?
    var request: DenyReason?? = nil
    for m in view.range {
      let membership = view.members[m]
      let level = relation(
        of: membership, user: assigneeHandle(of: principal, against: resource), shops: view.shops,
        to: resource)
      if level < 0 { continue }
      if let key, membership.org != key.org { continue }
      let mfa = mfaFacts(role: Int(membership.role), org: org, action: action, context: context)
      let reason: DenyReason
      if case .checked(_, false, _) = outcome.ip {
        reason = .ipNotAllowed
      } else if mfa.failed {
        reason = .mfaRequired
      } else if let failure = request
        ?? {
          let computed = requestFailure(action, resource)
          request = .some(computed)
          return computed
        }()
      {
        reason = failure
      } else if !permits(
        action, membership, { view.direct }, level: level, state: Int(resource.state))
      {
        reason = .notPermitted
      } else if let key, !scope(key.scope, reaches: action) {
        reason = .apiKeyScope
      } else {
        outcome.mfa = mfa
        return outcome.allowed()
      }
      let depth = hot.intervals[Int(membership.org) &* 2]
      let closer = best.map { level < $0.level || (level == $0.level && depth > $0.depth) }
      if closer ?? true { best = (reason, level, depth, mfa) }
    }
    guard let best else { return outcome.denied(.notMember) }
    if best.reason != .ipNotAllowed { outcome.mfa = best.mfa }
    return outcome.denied(best.reason)
  }

  /// Checks 3 to 8 where check 4 is the only security check that applies (no key, no MFA
  /// enforcement, no step-up): the context-free checks over the memberships, after the
  /// allowlist. Outside the list, every related membership fails check 4, so the reason
  /// is `ipNotAllowed` where one relates and `notMember` where none does, as the general
  /// path finds.
  @inline(__always)
  private func onlyAllowlist(
    _ principal: Principal, _ action: Action, _ resource: ResolvedResource, _ view: MemberView,
    ip: SecurityOutcome.IPFact
  ) -> Decision {
    let decision = decide(
      assigneeHandle(of: principal, against: resource), view.range, action, resource,
      member: { view.members[$0] }, shops: view.shops, direct: { view.direct })
    guard case .checked(_, false, _) = ip else { return decision }
    return decision == .deny(.notMember) ? decision : .deny(.ipNotAllowed)
  }

  /// A principal's memberships as the evaluator reads them.
  private func memberRange(_ principal: Principal) -> MemberView {
    if let host = principal.host {
      return MemberView(
        range: 0..<Int(principal.count), members: host.frozenMembers.base,
        shops: host.frozenShops.base, direct: host.direct)
    }
    let start = Int(principal.start)
    // A directory principal's records are in its block (the caller checked its stamp).
    let block = hot.blocks[Int(principal.user) &>> BlockEntry.shift]
    return MemberView(
      range: start..<(start &+ Int(principal.count)), members: block.records,
      shops: block.shops, direct: structure.direct)
  }

  /// Whether every permission the action needs is in the key's scope.
  func scope(_ scope: Int, reaches action: Action) -> Bool {
    transitionPermissions(action).allSatisfy { p in
      p < 0 || policy.security.scope(scope, reaches: p, wordCount: policy.wordCount)
    }
  }

  /// Check 5 for one membership: the organization's enforcement for its role, and the
  /// step-up window for step-up actions.
  ///
  /// Enforcement concerns people signing in, so a request made with a valid API key is
  /// not held to it (the key was issued from a session that was); step-up applies to
  /// every request, so a key alone can never pass it.
  func mfaFacts(role: Int, org: Int, action: Action, context: RequestContext?) -> MFAFacts {
    let enforced = context?.apiKey == nil ? security.orgMFA[org] : nil
    let stepUp = hot.hasStepUp && isStepUp(action)
    var facts = MFAFacts()
    if enforced == nil && !stepUp { return facts }
    let settings = policy.security.settings ?? SecuritySettings()
    let now = context?.time
    let verified = context?.mfaVerifiedAt.flatMap { v in now.map { v <= $0 } } ?? false
    if let enforcement = enforced,
      enforcement.level == .required
        || (enforcement.level == .admins && policy.security.adminRole[role])
    {
      let graceEnd = enforcement.since.adding(
        seconds: Int64(settings.mfaGracePeriodDays) * secondsPerDay)
      let trusted =
        context?.deviceTrustedAt.flatMap { t in
          now.map {
            t <= $0 && $0 < t.adding(seconds: Int64(settings.trustedDeviceDays) * secondsPerDay)
          }
        } ?? false
      facts.enforcement = enforcement.level
      if let now, now < graceEnd {
        facts.met = .gracePeriod(until: graceEnd)
      } else if verified {
        facts.met = .verified
      } else if trusted {
        facts.met = .trustedDevice
      } else {
        facts.met = .unmet
      }
    }
    if stepUp {
      let window = settings.stepUpWindowSeconds
      let fresh =
        verified
        && (context?.mfaVerifiedAt).map { v in
          now.map { $0.nanoseconds(since: v) <= Timestamp(seconds: window).nanoseconds } ?? false
        } ?? false
      facts.stepUp = .needed(windowSeconds: window, fresh: fresh)
    }
    return facts
  }
}

/// A principal's memberships for the security checks.
private struct MemberView {
  let range: Range<Int>
  let members: UnsafePointer<MemberRecord>
  let shops: UnsafePointer<Int32>
  let direct: DirectGrants
}

/// The decision of the security path, with the facts explain reports.
@usableFromInline
struct SecurityOutcome: Sendable {
  @usableFromInline var decision = Decision.allow
  var key = KeyFact.none
  var ip = IPFact.noList
  var mfa = MFAFacts()

  func denied(_ reason: DenyReason) -> SecurityOutcome {
    var copy = self
    copy.decision = .deny(reason)
    return copy
  }

  func allowed() -> SecurityOutcome {
    var copy = self
    copy.decision = .allow
    return copy
  }

  // The facts are plain values (handles, not names), so that the outcome is too: the
  // security path of `can` makes and drops one per request without reference counting.

  /// Check 2's facts.
  enum KeyFact: Sendable, Hashable {
    case none
    /// The key's id as ``PresentedAPIKey`` holds it (digits and letter case).
    case valid(id: UInt64, uppercase: UInt16, scope: APIKeyScope)
    case refused(Snapshot.KeyFailure)
  }

  /// Check 4's facts: the address, whether it is inside, and the organization (index)
  /// whose list applies.
  enum IPFact: Sendable, Hashable {
    case noList
    case checked(ip: IPAddress?, inside: Bool, listOf: Int32)
  }
}

/// Check 5's facts for one membership.
struct MFAFacts: Sendable, Hashable {
  /// The enforcement that applies to the membership's role, nil when none does.
  var enforcement: MFAEnforcement.Level?
  var met = Met.notEnforced
  var stepUp = StepUp.notNeeded

  /// Whether check 5 fails.
  var failed: Bool {
    if met == .unmet { return true }
    if case .needed(_, false) = stepUp { return true }
    return false
  }

  enum Met: Sendable, Hashable {
    case notEnforced
    case gracePeriod(until: Timestamp)
    case verified
    case trustedDevice
    case unmet
  }

  enum StepUp: Sendable, Hashable {
    case notNeeded
    case needed(windowSeconds: Int64, fresh: Bool)
  }
}
