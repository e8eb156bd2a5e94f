// Direct grants (with "grant the prerequisites too"), plans and feature overrides.

extension AdministrationContext {
  func grantDirect(_ user: UserID, _ org: OrgID, _ grant: Grant, withPrerequisites: Bool)
    throws(AdministrationRejection) -> Snapshot
  {
    let current = try membership(of: user, in: org)
    var added = [grant]
    if withPrerequisites {
      added += missingPrerequisites(of: grant, for: user, in: org)
    }
    if rules.grantOnlyHeld {
      // What each added grant gives, matched against the whole catalog: only when the rule
      // needs it.
      let catalog = snapshot.policy.source.permissions.map(\.key)
      try checkWithinOwnAccess(
        added.map { grant in (catalog.filter { Self.matches(grant.permission, $0) }, grant.scope) },
        in: org)
    }
    return try validated { () throws(ValidationError) in
      try snapshot.settingDirectGrants(current.grants + added, for: user, in: org)
    }
  }

  func revokeDirect(_ user: UserID, _ org: OrgID, _ permission: PermissionPattern, _ scope: Scope?)
    throws(AdministrationRejection) -> Snapshot
  {
    let current = try membership(of: user, in: org)
    let kept = current.grants.filter { grant in
      !(grant.permission.isSame(as: permission) && (scope == nil || grant.scope == scope))
    }
    guard kept.count < current.grants.count else {
      throw AdministrationRejection(
        .unknownTarget, "\(user) holds no direct grant \(permission) in \(org)")
    }
    return try validated { () throws(ValidationError) in
      try snapshot.settingDirectGrants(kept, for: user, in: org)
    }
  }

  func setPlan(_ org: OrgID, _ plan: PlanID?) throws(AdministrationRejection) -> Snapshot {
    if let plan, !snapshot.policy.source.plans.contains(where: { $0.id.isSame(as: plan) }) {
      throw AdministrationRejection(.unknownTarget, "unknown plan \"\(plan)\"")
    }
    return try validated { () throws(ValidationError) in try snapshot.settingPlan(plan, for: org) }
  }

  func setFeature(_ org: OrgID, _ feature: FeatureID, _ enabled: Bool?)
    throws(AdministrationRejection) -> Snapshot
  {
    let children = snapshot.policy.source.features.flatMap(\.children)
    guard children.contains(where: { $0.id.isSame(as: feature) }) else {
      throw AdministrationRejection(.unknownTarget, "unknown child feature \"\(feature)\"")
    }
    return try validated { () throws(ValidationError) in
      try snapshot.settingOverride(feature, to: enabled, for: org)
    }
  }

  /// Grants, at `grant`'s scope and states, for every permission that `grant` matches,
  /// each transitive prerequisite that the member does not already hold at that scope
  /// without a state condition; in catalog order.
  private func missingPrerequisites(of grant: Grant, for user: UserID, in org: OrgID) -> [Grant] {
    let catalog = snapshot.policy.source.permissions
    var needed: [PermissionKey] = []
    var queue = catalog.map(\.key).filter { Self.matches(grant.permission, $0) }
    while let key = queue.popLast() {
      let requires = catalog.first { $0.key.isSame(as: key) }?.requires ?? []
      for required in requires where !needed.contains(where: { $0.isSame(as: required) }) {
        needed.append(required)
        queue.append(required)
      }
    }
    let held = snapshot.effectivePermissions(of: user, in: org)
    let missing = needed.filter { key in
      guard let entry = held.first(where: { $0.permission.isSame(as: key) }) else { return true }
      return !entry.sources.contains { $0.grant.states == nil && $0.grant.scope >= grant.scope }
    }
    return catalog.map(\.key).filter { key in missing.contains { $0.isSame(as: key) } }.map {
      Grant(PermissionPattern($0.rawValue), scope: grant.scope, states: grant.states)
    }
  }

  /// Whether `pattern` (segments, `*` for any; `*` alone for all) matches `key`.
  static func matches(_ pattern: PermissionPattern, _ key: PermissionKey) -> Bool {
    if pattern.rawValue.utf8.elementsEqual("*".utf8) { return true }
    let wanted = pattern.rawValue.split(separator: "::", omittingEmptySubsequences: false)
    let actual = key.rawValue.split(separator: "::", omittingEmptySubsequences: false)
    guard wanted.count == actual.count else { return false }
    return zip(wanted, actual).allSatisfy { want, have in
      want.utf8.elementsEqual("*".utf8) || want.utf8.elementsEqual(have.utf8)
    }
  }

  /// Refuses, when ``AdministrationPolicy/grantOnlyHeld`` is on, any permission given at a
  /// scope wider than the one at which it is active for the actor (through their
  /// membership in `org` or the nearest ancestor they are a member of).
  func checkWithinOwnAccess(_ given: [(keys: [PermissionKey], scope: Scope)], in org: OrgID)
    throws(AdministrationRejection)
  {
    guard rules.grantOnlyHeld else { return }
    var held: [EffectivePermission] = []
    var current: OrgID? = org
    var steps = 0
    while let here = current, held.isEmpty, steps <= snapshot.adminOrganizationCount {
      held = snapshot.effectivePermissions(of: actor, in: here)
      current = snapshot.adminParent(of: here)
      steps += 1
    }
    for (keys, scope) in given {
      for key in keys {
        let reach = held.first { $0.permission.isSame(as: key) }?.scope
        guard let reach, reach >= scope else {
          throw AdministrationRejection(
            .beyondOwnAccess,
            "\(actor) may not give \(key) at \(scope): it is "
              + (reach.map { "theirs only at \($0)" } ?? "not theirs") + " in \(org)")
        }
      }
    }
  }
}
