// One snapshot and its reference evaluator, and how to compare them on one request
// through each API path.

import Clearance

/// The API path a request is checked through.
enum CheckPath: String, Codable, Sendable, CaseIterable {
  /// `snapshot.can(user, "action", resource)`.
  case string
  /// `principal(_:)`, `action(named:)`, `resolve(_:)`, then `can` on handles.
  case handle
  /// A principal the host built with `principal(user:isActive:memberships:)`.
  case host
  /// `allowedTargets(_:moving:in:)`.
  case targets
  /// `explain(user, "action", resource)`: the decision, the failed check, and each
  /// membership's relation, grants, coverage and missing prerequisites.
  case explain
  /// `effectivePermissions(of:in:)` for the request's user and organization.
  case effective
}

/// How the engine and the reference disagree on one request.
struct Disagreement: Hashable, Codable, Sendable {
  /// What kind of disagreement, so shrinking keeps chasing the same one.
  var kind: String
  var expected: String
  var actual: String
}

/// One snapshot and its reference, with small caches for the handle paths.
final class Harness {
  /// The kind of disagreement where the engine refuses a host principal built from valid
  /// data.
  static let hostRejected = "host principal refused"

  let snapshot: Snapshot
  let reference: ReferenceEvaluator
  private var principals: [UserID: Principal] = [:]
  private var actions: [String: Action] = [:]
  private var hostPrincipals: [UserID: Result<Principal, ValidationError>] = [:]

  init(snapshot: Snapshot, reference: ReferenceEvaluator) {
    self.snapshot = snapshot
    self.reference = reference
  }

  /// A harness for a corpus, or nil when the engine rejects it.
  convenience init?(_ corpus: Corpus) {
    guard let compiled = try? CompiledPolicy(corpus.policy),
      let snapshot = try? Snapshot(policy: compiled, directory: corpus.directory)
    else { return nil }
    self.init(
      snapshot: snapshot,
      reference: ReferenceEvaluator(policy: corpus.policy, directory: corpus.directory))
  }

  private func principal(_ user: UserID) -> Principal {
    if let cached = principals[user] { return cached }
    let principal = snapshot.principal(user)
    principals[user] = principal
    return principal
  }

  private func action(_ text: String) -> Action {
    if let cached = actions[text] { return cached }
    let action = snapshot.action(named: ActionName(text))
    actions[text] = action
    return action
  }

  /// The host-built principal of a request, with its reference twin: the request's own
  /// host data when it has some, else the directory's data for a directory user.
  private func hostPrincipal(_ probe: Probe)
    -> (built: Result<Principal, ValidationError>, twin: ReferencePrincipal)?
  {
    if let host = probe.host {
      let twin = ReferencePrincipal(
        id: probe.user, exists: true, isActive: host.isActive, memberships: host.memberships)
      let built = Result { () throws(ValidationError) -> Principal in
        try snapshot.principal(
          user: probe.user, isActive: host.isActive, memberships: host.memberships)
      }
      return (built, twin)
    }
    let twin = reference.principal(probe.user)
    guard twin.exists else { return nil }
    if let cached = hostPrincipals[probe.user] { return (cached, twin) }
    let built = Result { () throws(ValidationError) -> Principal in
      try snapshot.principal(
        user: probe.user, isActive: twin.isActive, memberships: twin.memberships)
    }
    hostPrincipals[probe.user] = built
    return (built, twin)
  }

  /// The reference's decision on the string path.
  func expectedDecision(_ probe: Probe) -> Decision {
    reference.decide(user: probe.user, action: probe.action, resource: probe.resource)
  }

  /// Checks one request through one path; nil when engine and reference agree.
  /// `known` is the reference's string-path decision, when already computed.
  func disagreement(_ path: CheckPath, _ probe: Probe, known: Decision? = nil) -> Disagreement? {
    switch path {
    case .string:
      let expected = known ?? expectedDecision(probe)
      let actual = snapshot.can(probe.user, ActionName(probe.action), probe.resource)
      return compare(expected, actual)

    case .handle:
      let parsed = reference.action(parsing: probe.action)
      let resolved = action(probe.action)
      if (parsed != nil) != resolved.isDeclared {
        return Disagreement(
          kind: "action(named:)", expected: parsed == nil ? "undeclared" : "declared",
          actual: resolved.isDeclared ? "declared" : "undeclared")
      }
      // Declared or not, the handle path decides like the string path.
      let expected =
        known
        ?? parsed.map { reference.decide(reference.principal(probe.user), $0, probe.resource) }
        ?? expectedDecision(probe)
      let actual = snapshot.can(principal(probe.user), resolved, snapshot.resolve(probe.resource))
      return compare(expected, actual)

    case .host:
      guard let (built, twin) = hostPrincipal(probe) else { return nil }
      let host: Principal
      switch built {
      case .success(let principal): host = principal
      case .failure(let error):
        return Disagreement(kind: Self.hostRejected, expected: "accepted", actual: "\(error)")
      }
      guard let parsed = reference.action(parsing: probe.action) else { return nil }
      let resolved = action(probe.action)
      let expected: Decision
      if probe.host == nil, let known {
        expected = known
      } else {
        expected = reference.decide(twin, parsed, probe.resource)
      }
      let actual = snapshot.can(host, resolved, snapshot.resolve(probe.resource))
      return compare(expected, actual)

    case .targets:
      guard let workflow = probe.workflow else { return nil }
      var who = principal(probe.user)
      var twin = reference.principal(probe.user)
      if probe.host != nil, let (built, hostTwin) = hostPrincipal(probe) {
        guard case .success(let host) = built else { return nil }
        who = host
        twin = hostTwin
      }
      let expected = reference.allowedTargets(twin, moving: probe.resource, in: workflow)
      let actual = snapshot.allowedTargets(
        for: who, moving: snapshot.resolve(probe.resource), in: workflow)
      if expected == actual { return nil }
      return Disagreement(kind: "allowedTargets", expected: "\(expected)", actual: "\(actual)")

    case .explain:
      return explainDisagreement(probe, expected: known ?? expectedDecision(probe))

    case .effective:
      return effectiveDisagreement(probe)
    }
  }

  private func compare(_ expected: Decision, _ actual: Decision) -> Disagreement? {
    expected == actual
      ? nil : Disagreement(kind: "decision", expected: "\(expected)", actual: "\(actual)")
  }

  /// Every path for one request, the reference asked once. Explain and effective
  /// permissions are slower, so they run on every fourth request each.
  func disagreements(_ probe: Probe, index: Int) -> [(CheckPath, Disagreement)] {
    let expected = expectedDecision(probe)
    var paths: [CheckPath] = [.string, .handle, .host, .targets]
    if index % 4 == 0 { paths.append(.explain) }
    if index % 4 == 2 { paths.append(.effective) }
    var result: [(CheckPath, Disagreement)] = []
    for path in paths {
      if let found = disagreement(path, probe, known: path == .targets ? nil : expected) {
        result.append((path, found))
      }
    }
    return result
  }

  // MARK: Explain

  /// The check of docs/SEMANTICS.md section 7 that a deny reason comes from.
  static func step(for reason: DenyReason) -> CheckTrace.Step {
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

  private func explainDisagreement(_ probe: Probe, expected: Decision) -> Disagreement? {
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
  private func trace(
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
  private func trace(_ membership: MembershipTrace) -> String {
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
  private func brokenInheritancePath(_ membership: MembershipTrace) -> Disagreement? {
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

  private static func words(_ grant: Grant) -> String {
    let states = grant.states.map { " when \($0.map(\.rawValue))" } ?? ""
    return "\(grant.permission)@\(grant.scope)\(states)"
  }

  private static func words(_ source: PermissionSource) -> String {
    switch source {
    case .role(let role): "\(ReferenceSource.role(role))"
    case .inherited(let from, _): "\(ReferenceSource.inherited(from: from))"
    case .direct: "\(ReferenceSource.direct)"
    }
  }

  // MARK: Effective permissions

  private func effectiveDisagreement(_ probe: Probe) -> Disagreement? {
    let org = probe.resource.org
    let actual = snapshot.effectivePermissions(of: probe.user, in: org).map { entry in
      let sources = entry.sources.map {
        "\(Self.words($0.source)) \(Self.words($0.grant)) covers=\($0.covers)"
      }
      return "\(entry.permission) scope=\(entry.scope?.description ?? "none") "
        + "states=\(entry.conditionStates.map(\.rawValue).sorted()) "
        + "missing=\(entry.missingPrerequisites.map(\.rawValue).sorted()) "
        + "feature=\(entry.isFeatureEnabled) sources=\(sources.sorted())"
    }
    let twin = reference.principal(probe.user)
    var expected: [String] = []
    // Nothing is effective for a user who is not active or in an organization that is
    // not live: `can` denies all of it.
    if twin.exists && twin.isActive && reference.isLive(org),
      let membership = twin.memberships.first(where: { $0.org == org })
    {
      expected = effective(membership)
    }
    if expected.sorted() != actual.sorted() {
      return Disagreement(
        kind: "effectivePermissions", expected: expected.sorted().joined(separator: "\n"),
        actual: actual.sorted().joined(separator: "\n"))
    }
    return effectiveAgreesWithCan(probe.user, org, twin)
  }

  /// Effective permissions agree with `can` for every permission: a permission is allowed
  /// at a relation (assigned, shop, org) to a resource without a state exactly when it is
  /// listed as active at that scope or wider and its feature is enabled. `can` is asked
  /// through a host principal holding only the membership in `org`, so that other
  /// memberships (a parent organization's, say) do not take part.
  private func effectiveAgreesWithCan(_ user: UserID, _ org: OrgID, _ twin: ReferencePrincipal)
    -> Disagreement?
  {
    guard twin.exists, let membership = twin.memberships.first(where: { $0.org == org }),
      let principal = try? snapshot.principal(
        user: user, isActive: twin.isActive, memberships: [membership])
    else { return nil }
    let entries = snapshot.effectivePermissions(of: user, in: org)
    var resources: [(Scope, Resource)] = [
      (.assigned, Resource(org: org, assignee: user)), (.org, Resource(org: org)),
    ]
    if let shop = membership.shops.first {
      resources.append((.shop, Resource(org: org, shop: shop)))
    }
    for key in reference.policy.permissions.map(\.key) {
      let action = snapshot.action(key)
      let entry = entries.first { $0.permission == key }
      for (relation, resource) in resources {
        let listed = entry.map { ($0.scope.map { $0 >= relation } ?? false) && $0.isFeatureEnabled }
        let allowed = snapshot.can(principal, action, snapshot.resolve(resource)).isAllowed
        if allowed != (listed ?? false) {
          return Disagreement(
            kind: "effectivePermissions vs can",
            expected: "\(key) at \(relation): can \(allowed ? "allows" : "denies")",
            actual:
              "listed \(entry.map { "scope=\($0.scope?.description ?? "none") feature=\($0.isFeatureEnabled)" } ?? "not at all")"
          )
        }
      }
    }
    return nil
  }

  /// docs/SEMANTICS.md section 12's effective permissions of one membership, from the reference: every
  /// permission some grant matches, its widest active scope for a resource with no state,
  /// else the states in which a state condition makes it active, else the prerequisites
  /// missing at the widest scope it is covered.
  private func effective(_ membership: Membership) -> [String] {
    var result: [String] = []
    let sourced = reference.sourcedGrants(of: membership)
    for key in reference.policy.permissions.map(\.key) {
      let matching = sourced.filter { reference.expand($0.grant.permission).contains(key) }
      if matching.isEmpty { continue }
      let scope = reference.widestActive(key, membership, state: nil)
      var states: [String] = []
      if scope == nil {
        states = reference.knownStates.filter {
          reference.widestActive(key, membership, state: $0) != nil
        }.map(\.rawValue)
      }
      var missing: [String] = []
      if scope == nil && states.isEmpty {
        let widest =
          Scope.allCases.reversed().first {
            reference.covered(membership, relation: $0, state: nil).contains(key)
          } ?? .assigned
        let covered = reference.covered(membership, relation: widest, state: nil)
        missing = reference.prerequisites(of: key).subtracting(covered).map(\.rawValue)
      }
      let feature = reference.gate(of: key).map {
        reference.enabled(org: membership.org, feature: $0)
      }
      let sources = matching.map {
        "\($0.source) \(Self.words($0.grant)) covers=\($0.grant.states == nil)"
      }
      result.append(
        "\(key) scope=\(scope?.description ?? "none") states=\(states.sorted()) "
          + "missing=\(missing.sorted()) feature=\(feature ?? true) sources=\(sources.sorted())")
    }
    return result
  }

  // MARK: Law checks

  /// The engine's decision through the path a law check uses: the string API for
  /// directory users, the host principal for requests that carry one.
  static func engineDecision(_ snapshot: Snapshot, _ probe: Probe) -> Decision {
    guard let host = probe.host else {
      return snapshot.can(probe.user, ActionName(probe.action), probe.resource)
    }
    guard
      let principal = try? snapshot.principal(
        user: probe.user, isActive: host.isActive, memberships: host.memberships)
    else { return .deny(.handleMismatch) }
    return snapshot.can(
      principal, snapshot.action(named: ActionName(probe.action)), snapshot.resolve(probe.resource))
  }
}
