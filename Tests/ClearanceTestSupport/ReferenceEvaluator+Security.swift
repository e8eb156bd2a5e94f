// The reference's decision with a request context (docs/SEMANTICS.md sections 7 and 9).

import Clearance

extension ReferenceEvaluator {
  /// The decision with a request context (nil: a request made without one), following
  /// section 7's table row by row: check 2 the API key, 3 membership (the key's org only),
  /// 4 the allowlist, 5 MFA, 6 features, 7 workflow, 8 permission and key scope. Checks
  /// 4 to 8 are taken membership by membership; any membership passing all allows, else
  /// the reason is that of the membership with the closest relation (deepest org on ties).
  package func decide(
    _ who: ReferencePrincipal, _ action: ReferenceAction, _ resource: Resource,
    context: RequestContext?
  ) -> Decision {
    // 1. The user exists and is active.
    guard who.exists && who.isActive else { return .deny(.principalInactive) }
    // 2. The API key, if used: a stored key with this secret's digest, of this user, not
    // revoked, not expired.
    var key: APIKey?
    if let presented = context?.apiKey {
      // The secret as presented (nil for a text not shaped like a key), hashed here.
      guard let secret = presented.secret else { return .deny(.apiKeyInvalid) }
      let digest = SHA256.hash(Array(secret.utf8))
      guard
        let found = directory.apiKeys.first(where: {
          $0.digest == digest && secret.hasPrefix("clr_" + $0.id + "_")
        }),
        found.user == who.id, !found.isRevoked,
        let now = context?.time, found.expires.map({ now < $0 }) ?? true
      else { return .deny(.apiKeyInvalid) }
      key = found
    }
    // 3. The org is live and some live membership relates (the key's org only).
    guard !chain(from: resource.org).isEmpty, isLive(resource.org) else {
      return .deny(.notMember)
    }
    var related: [(membership: Membership, relation: Scope)] = []
    for membership in who.memberships where isLive(membership.org) {
      if let key, membership.org != key.org { continue }
      if let relation = relation(of: membership, user: who.id, to: resource) {
        related.append((membership, relation))
      }
    }
    if related.isEmpty { return .deny(.notMember) }
    var best: (reason: DenyReason, relation: Scope, depth: Int)?
    for (membership, relation) in related {
      guard
        let reason = firstFailure(
          membership, relation, action, resource, context: context, key: key)
      else { return .allow }
      let depth = chain(from: membership.org).count
      let closer = best.map {
        relation < $0.relation || (relation == $0.relation && depth > $0.depth)
      }
      if closer ?? true { best = (reason, relation, depth) }
    }
    return .deny(best?.reason ?? .notMember)
  }

  /// Checks 4 to 8 for one related membership: the first that fails, or nil.
  private func firstFailure(
    _ membership: Membership, _ relation: Scope, _ action: ReferenceAction,
    _ resource: Resource, context: RequestContext?, key: APIKey?
  ) -> DenyReason? {
    // 4. The nearest allowlist (the org's, else its nearest ancestor's) holds the IP.
    if let list = chain(from: resource.org).first(where: { $0.security.ipAllowlist != nil })?
      .security.ipAllowlist
    {
      guard let ip = context?.clientIP,
        list.contains(where: { (try? IPRange(parsing: $0))?.contains(ip) ?? false })
      else { return .ipNotAllowed }
    }
    // 5. MFA enforcement and step-up.
    if !mfaMet(membership, action, resource, context: context, key: key) { return .mfaRequired }
    // 6. Features.
    for needed in gatedPermissions(of: action) {
      if let feature = gate(of: needed), !enabled(org: resource.org, feature: feature) {
        return .featureDisabled
      }
    }
    // 7. Workflow.
    if case .transition(let workflowID, let target) = action {
      guard let workflow = policy.workflows.first(where: { $0.id == workflowID }),
        let current = resource.state,
        let currentState = workflow.states.first(where: { $0.name == current })
      else { return .unknownState }
      guard hasEdge(workflow, from: currentState, to: target) else { return .illegalTransition }
    }
    // 8. Active at the relation, and within the key's scope.
    guard
      decide(
        ReferencePrincipal(
          id: membership.user, exists: true, isActive: true,
          memberships: [membership]), action, resource) == .allow
    else { return .notPermitted }
    if let key {
      let reach = (policy.security?.apiKeyScopes[key.scope] ?? []).reduce(
        into: Set<PermissionKey>()
      ) { $0.formUnion(expand($1)) }
      guard gatedPermissions(of: action).allSatisfy(reach.contains) else { return .apiKeyScope }
    }
    return nil
  }

  /// Check 5: the org's enforcement (its own, else its nearest ancestor's), when it applies
  /// to the membership's role and no API key is used, is met by the grace period, an MFA
  /// verification, or a device trusted within its days; a step-up permission needs a
  /// verification no older than the window.
  private func mfaMet(
    _ membership: Membership, _ action: ReferenceAction, _ resource: Resource,
    context: RequestContext?, key: APIKey?
  ) -> Bool {
    let settings = policy.security ?? SecuritySettings()
    let now = context?.time
    let verifiedAt = context?.mfaVerifiedAt.flatMap { v in now.flatMap { v <= $0 ? v : nil } }
    if key == nil,
      let enforcement = chain(from: resource.org).first(where: { $0.security.mfa != nil })?
        .security.mfa,
      enforcement.level == .required
        || (enforcement.level == .admins && settings.mfaAdminRoles.contains(membership.role))
    {
      let day: Int64 = 86_400
      let inGrace =
        now.map {
          $0 < enforcement.since.adding(seconds: Int64(settings.mfaGracePeriodDays) * day)
        } ?? false
      let trusted =
        context?.deviceTrustedAt.flatMap { t in
          now.map { t <= $0 && $0 < t.adding(seconds: Int64(settings.trustedDeviceDays) * day) }
        } ?? false
      if !inGrace && verifiedAt == nil && !trusted { return false }
    }
    let stepUp = settings.stepUpPermissions.reduce(into: Set<PermissionKey>()) {
      $0.formUnion(expand($1))
    }
    if gatedPermissions(of: action).contains(where: stepUp.contains) {
      guard let now, let verifiedAt,
        now.nanoseconds - verifiedAt.nanoseconds <= settings.stepUpWindowSeconds * 1_000_000_000
      else { return false }
    }
    return true
  }
}
