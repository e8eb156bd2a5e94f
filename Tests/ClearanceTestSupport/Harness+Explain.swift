// Comparing explain with the reference: the decision, the failed check, and each
// membership's relation, grants, coverage and missing prerequisites, in words.

import Clearance

extension Harness {
  /// The check of docs/SEMANTICS.md section 7 that a deny reason comes from.
  package static func step(for reason: DenyReason) -> CheckTrace.Step {
    switch reason {
    case .principalInactive, .handleMismatch: .principal
    case .unknownAction: .action
    case .apiKeyInvalid: .apiKey
    case .notMember: .membership
    case .ipNotAllowed: .ipAllowlist
    case .mfaRequired: .mfa
    case .featureDisabled: .feature
    case .unknownState, .illegalTransition: .workflow
    case .notPermitted, .apiKeyScope: .permission
    }
  }

  func explainDisagreement(_ probe: Probe, expected: Decision) -> Disagreement? {
    let explanation = snapshot.explain(probe.user, ActionName(probe.action), probe.resource)
    if explanation.decision != expected {
      return Disagreement(
        kind: "explain.decision", expected: "\(expected)", actual: "\(explanation.decision)")
    }
    let failed = explanation.checks.filter { $0.outcome == .failed }.map(\.step.rawValue)
    let wanted = expected.denyReason.map { [Self.step(for: $0).rawValue] } ?? []
    if failed != wanted {
      return Disagreement(kind: "explain.checks", expected: "\(wanted)", actual: "\(failed)")
    }
    // The memberships: one trace each when the user is known and the action parses.
    let twin = reference.principal(probe.user)
    var expectedTraces: [String] = []
    if twin.exists, let parsed = reference.action(parsing: probe.action) {
      expectedTraces = twin.memberships.map { trace($0, twin, parsed, probe.resource) }.sorted()
    }
    var actualTraces: [String] = []
    for membership in explanation.memberships {
      if let broken = brokenInheritancePath(membership) { return broken }
      actualTraces.append(trace(membership))
    }
    actualTraces.sort()
    if expectedTraces != actualTraces {
      return Disagreement(
        kind: "explain.memberships", expected: expectedTraces.joined(separator: "\n"),
        actual: actualTraces.joined(separator: "\n"))
    }
    return nil
  }

  /// A membership trace in words, from the reference.
  func trace(
    _ membership: Membership, _ who: ReferencePrincipal, _ action: ReferenceAction,
    _ resource: Resource
  ) -> String {
    let relation = reference.relation(of: membership, user: who.id, to: resource)
    let deleted = reference.policy.roles.first { $0.id == membership.role }?.isDeleted ?? false
    let allows = reference.membershipPermits(
      action, membership, relation: relation, state: resource.state)
    var lines = [
      "\(membership.org) as \(membership.role) deleted=\(deleted) "
        + "relation=\(relation?.description ?? "none") allows=\(allows)"
    ]
    // Permission traces are compared for related memberships; for unrelated ones nothing
    // may be covered and every grant must miss (whether they are listed at all is left
    // open).
    guard let relation else { return lines[0] + " nothing covered" }
    let state = resource.state
    let covered = reference.covered(membership, relation: relation, state: state)
    for key in reference.neededPermissions(action) {
      let isCovered = covered.contains(key)
      let missing =
        isCovered ? reference.prerequisites(of: key).subtracting(covered).map(\.rawValue) : []
      let grants = reference.sourcedGrants(of: membership)
        .filter { reference.expand($0.grant.permission).contains(key) }
        .map { source, grant in
          "\(source) \(Self.words(grant)) covers=\(reference.covers(grant, relation: relation, state: state))"
        }
      lines.append(
        "  \(key) covered=\(isCovered) missing=\(missing.sorted()) grants=\(grants.sorted())")
    }
    return lines.joined(separator: "\n")
  }

  /// A membership trace in words, from the engine.
  func trace(_ membership: MembershipTrace) -> String {
    var lines = [
      "\(membership.org) as \(membership.role) deleted=\(membership.roleIsDeleted) "
        + "relation=\(membership.relation?.description ?? "none") allows=\(membership.allows)"
    ]
    guard membership.relation != nil else {
      let clean = membership.permissions.allSatisfy { permission in
        !permission.isCovered && permission.grants.allSatisfy { !$0.covers }
      }
      return lines[0] + (clean ? " nothing covered" : " covers something")
    }
    for permission in membership.permissions {
      let grants = permission.grants.map { match in
        "\(Self.words(match.source)) \(Self.words(match.grant)) covers=\(match.covers)"
      }
      lines.append(
        "  \(permission.permission) covered=\(permission.isCovered) "
          + "missing=\(permission.missingPrerequisites.map(\.rawValue).sorted()) "
          + "grants=\(grants.sorted())")
    }
    return lines.joined(separator: "\n")
  }

  /// An `inherited(from: P, via: [R, …, P])` source must name a real inheritance path.
  func brokenInheritancePath(_ membership: MembershipTrace) -> Disagreement? {
    for permission in membership.permissions {
      for match in permission.grants {
        guard case .inherited(let from, let via) = match.source else { continue }
        var valid = via.first == membership.role && via.last == from && via.count >= 2
        for (child, parent) in zip(via, via.dropFirst()) {
          let inherits = reference.policy.roles.first { $0.id == child }?.inherits ?? []
          valid = valid && inherits.contains(parent)
        }
        if !valid {
          return Disagreement(
            kind: "explain.via", expected: "a path \(membership.role) → … → \(from)",
            actual: "\(via)")
        }
      }
    }
    return nil
  }

  static func words(_ grant: Grant) -> String {
    let states = grant.states.map { " when \($0.map(\.rawValue))" } ?? ""
    return "\(grant.permission)@\(grant.scope)\(states)"
  }

  static func words(_ source: PermissionSource) -> String {
    switch source {
    case .role(let role): "\(ReferenceSource.role(role))"
    case .inherited(let from, _): "\(ReferenceSource.inherited(from: from))"
    case .direct: "\(ReferenceSource.direct)"
    }
  }
}
