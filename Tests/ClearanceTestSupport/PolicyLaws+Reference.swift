// The laws that compare the engine with the reference evaluator and with itself.

import Clearance

extension PolicyLaws {
  /// Every request through every API path decides like the reference (explain and
  /// effective permissions on every fourth request each, as in the differential suite).
  mutating func compiledMatchesReference() {
    guard let harness = Harness(corpus) else {
      record(.compiledMatchesReference, "the engine refuses the corpus")
      return
    }
    for (index, probe) in probes.enumerated() {
      if let (path, found) = harness.disagreements(probe, index: index).first {
        record(
          .compiledMatchesReference,
          "path \(path.rawValue), \(found.kind): reference \(found.expected), "
            + "engine \(found.actual), for \(probe)")
        return
      }
    }
  }

  /// For every membership of the directory, effective permissions agree with `can` at
  /// every relation (docs/SEMANTICS.md section 12).
  mutating func effectivePermissionsMatchCan() {
    guard let harness = Harness(corpus) else {
      record(.effectivePermissionsMatchCan, "the engine refuses the corpus")
      return
    }
    for membership in corpus.directory.memberships {
      let twin = harness.reference.principal(membership.user)
      if let found = harness.effectiveAgreesWithCan(membership.user, membership.org, twin) {
        record(
          .effectivePermissionsMatchCan,
          "\(membership.user) in \(membership.org): \(found.expected); \(found.actual)")
        return
      }
    }
  }

  /// Compiling the same policy twice gives identical decisions.
  mutating func compilingIsDeterministic() throws {
    let second = try Self.snapshot(corpus.policy, corpus.directory)
    expectSameDecisions(original, second, probes, law: .compilingIsDeterministic)
  }

  /// Reversing every declaration list changes no decision.
  mutating func declarationOrderIsIrrelevant() throws {
    var policy = corpus.policy
    policy.permissions.reverse()
    policy.roles.reverse()
    for r in policy.roles.indices {
      policy.roles[r].grants.reverse()
      policy.roles[r].inherits.reverse()
    }
    policy.features.reverse()
    policy.plans.reverse()
    policy.workflows.reverse()
    for w in policy.workflows.indices { policy.workflows[w].transitions.reverse() }
    var directory = corpus.directory
    directory.organizations.reverse()
    directory.users.reverse()
    directory.memberships.reverse()
    expectSameDecisions(
      original, try Self.snapshot(policy, directory), probes, law: .declarationOrderIsIrrelevant)
  }
}
