// One snapshot and its reference evaluator, and how to compare them on one request
// through each API path.

import Clearance

/// The API path a request is checked through.
package enum CheckPath: String, Codable, Sendable, CaseIterable {
  /// `snapshot.can(user, "action", resource)`.
  case string
  /// `principal(_:)`, `action(named:)`, `resolve(_:)`, then `can` on handles.
  case handle
  /// A principal the host built with `principal(user:isActive:memberships:)`.
  case host
  /// `allowedTargets(for:moving:in:)`.
  case targets
  /// `explain(user, "action", resource)`: the decision, the failed check, and each
  /// membership's relation, grants, coverage and missing prerequisites.
  case explain
  /// `effectivePermissions(of:in:)` for the request's user and organization.
  case effective
}

/// How the engine and the reference disagree on one request.
package struct Disagreement: Hashable, Codable, Sendable {
  /// What kind of disagreement, so shrinking keeps chasing the same one.
  package var kind: String
  package var expected: String
  package var actual: String

  package init(kind: String, expected: String, actual: String) {
    self.kind = kind
    self.expected = expected
    self.actual = actual
  }
}

/// One snapshot and its reference, with small caches for the handle paths.
package final class Harness {
  /// The kind of disagreement where the engine refuses a host principal built from valid
  /// data.
  package static let hostRejected = "host principal refused"

  package let snapshot: Snapshot
  package let reference: ReferenceEvaluator
  private var principals: [UserID: Principal] = [:]
  private var actions: [String: Action] = [:]
  private var hostPrincipals: [UserID: Result<Principal, ValidationError>] = [:]

  package init(snapshot: Snapshot, reference: ReferenceEvaluator) {
    self.snapshot = snapshot
    self.reference = reference
  }

  /// A harness for a corpus, or nil when the engine rejects it.
  package convenience init?(_ corpus: Corpus) {
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
  package func expectedDecision(_ probe: Probe) -> Decision {
    reference.decide(user: probe.user, action: probe.action, resource: probe.resource)
  }

  /// Checks one request through one path; nil when engine and reference agree.
  /// `known` is the reference's string-path decision, when already computed.
  package func disagreement(_ path: CheckPath, _ probe: Probe, known: Decision? = nil)
    -> Disagreement?
  {
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
  package func disagreements(_ probe: Probe, index: Int) -> [(CheckPath, Disagreement)] {
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

  // MARK: Law checks

  /// The engine's decision through the path a law check uses: the string API for
  /// directory users, the host principal for requests that carry one.
  package static func engineDecision(_ snapshot: Snapshot, _ probe: Probe) -> Decision {
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
