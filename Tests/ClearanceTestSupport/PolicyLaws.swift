// The laws every policy and directory obey, as one reusable checker in the spirit of
// swift-collections' `checkHashable`: hand it a corpus and requests, get back every law
// it breaks. The law tests run it over random corpora one law at a time; the interesting
// policies run it with every law.

import Clearance
import Foundation

/// One law of docs/SEMANTICS.md that holds for every policy, directory and request.
package enum PolicyLaw: String, CaseIterable, Sendable {
  /// Every API path (by name, by handle, host-built principal, allowed targets, explain,
  /// effective permissions) decides like the reference evaluator.
  case compiledMatchesReference
  /// For every membership, effective permissions list a permission as active at a scope
  /// exactly when `can` allows it at that relation (section 12).
  case effectivePermissionsMatchCan
  /// Compiling the same policy twice gives identical decisions.
  case compilingIsDeterministic
  /// JSON encode then decode gives equal values, the same bytes again, and identical
  /// decisions.
  case jsonRoundTrip
  /// Declaration order (of permissions, roles, grants, features, workflows, orgs, users
  /// and memberships) changes no decision.
  case declarationOrderIsIrrelevant
  /// Adding a grant never turns an allow into a deny (section 4: grants are additive).
  case grantsAreMonotone
  /// Naming every ancestor in `inherits` changes nothing (section 4: inheritance is
  /// transitive).
  case inheritanceIsTransitive
  /// A member moved to a live role that inherits their role keeps every allow.
  case inheritingRolesAllowMore
  /// With every user, or every organization, inactive nothing is allowed (sections 1, 7).
  case deactivationRevokesAccess
}

/// A law a corpus breaks, with the request that shows it.
package struct PolicyLawViolation: Sendable, CustomStringConvertible {
  package var law: PolicyLaw
  package var seed: UInt64
  package var message: String

  package init(law: PolicyLaw, seed: UInt64, message: String) {
    self.law = law
    self.seed = seed
    self.message = message
  }

  package var description: String { "\(law.rawValue), seed \(seed): \(message)" }
}

/// Checks `laws` on `corpus` with `requests` random requests, all drawn from `seed`;
/// returns every law broken, or nothing when all hold.
package func checkPolicyLaws(
  _ corpus: Corpus, seed: UInt64, requests: Int = 600, laws: [PolicyLaw] = PolicyLaw.allCases
) -> [PolicyLawViolation] {
  var stream = CorpusGenerator(seed: CorpusGenerator.requestSeed(seed))
  let probes = (0..<requests).map { _ in stream.probe(in: corpus) }
  var generator = CorpusGenerator(seed: seed)
  return checkPolicyLaws(corpus, probes: probes, seed: seed, generator: &generator, laws: laws)
}

/// Checks `laws` on `corpus` with `probes`; returns every law broken (each law reports
/// the first counterexample it finds in each variant of the corpus it tries), or nothing
/// when all hold. `generator` supplies the random grants and roles some laws add; `seed`
/// is only named in the messages, so a failure says how to replay it.
package func checkPolicyLaws(
  _ corpus: Corpus, probes: [Probe], seed: UInt64, generator: inout CorpusGenerator,
  laws: [PolicyLaw] = PolicyLaw.allCases
) -> [PolicyLawViolation] {
  let original: Snapshot
  do {
    original = try PolicyLaws.snapshot(corpus.policy, corpus.directory)
  } catch {
    let law = laws.first ?? .compiledMatchesReference
    return [PolicyLawViolation(law: law, seed: seed, message: "the corpus is invalid: \(error)")]
  }
  var checker = PolicyLaws(
    corpus: corpus, probes: probes, seed: seed, original: original, generator: generator)
  for law in laws { checker.check(law) }
  generator = checker.generator
  return checker.violations
}

/// The laws, one method each.
package struct PolicyLaws {
  let corpus: Corpus
  let probes: [Probe]
  let seed: UInt64
  let original: Snapshot
  var generator: CorpusGenerator
  var violations: [PolicyLawViolation] = []

  /// A snapshot of `policy` and `directory`.
  package static func snapshot(_ policy: Policy, _ directory: Directory) throws -> Snapshot {
    try Snapshot(policy: CompiledPolicy(policy), directory: directory)
  }

  /// The decision of every probe (see `Harness.engineDecision`).
  package static func decisions(_ snapshot: Snapshot, _ probes: [Probe]) -> [Decision] {
    probes.map { Harness.engineDecision(snapshot, $0) }
  }

  mutating func check(_ law: PolicyLaw) {
    do {
      switch law {
      case .compiledMatchesReference: compiledMatchesReference()
      case .effectivePermissionsMatchCan: effectivePermissionsMatchCan()
      case .compilingIsDeterministic: try compilingIsDeterministic()
      case .jsonRoundTrip: try jsonRoundTrip()
      case .declarationOrderIsIrrelevant: try declarationOrderIsIrrelevant()
      case .grantsAreMonotone: try grantsAreMonotone()
      case .inheritanceIsTransitive: try inheritanceIsTransitive()
      case .inheritingRolesAllowMore: try inheritingRolesAllowMore()
      case .deactivationRevokesAccess: try deactivationRevokesAccess()
      }
    } catch {
      record(law, "a changed corpus no longer compiles: \(error)")
    }
  }

  mutating func record(_ law: PolicyLaw, _ message: String) {
    violations.append(PolicyLawViolation(law: law, seed: seed, message: message))
  }

  /// Records the first probe two snapshots decide differently (or list different allowed
  /// targets for), if any.
  mutating func expectSameDecisions(
    _ a: Snapshot, _ b: Snapshot, _ probes: [Probe], law: PolicyLaw
  ) {
    for probe in probes {
      let left = Harness.engineDecision(a, probe)
      let right = Harness.engineDecision(b, probe)
      if left != right {
        record(law, "\(left) vs \(right) for \(probe)")
        return
      }
      guard let workflow = probe.workflow else { continue }
      let x = a.allowedTargets(
        for: a.principal(probe.user), moving: a.resolve(probe.resource), in: workflow)
      let y = b.allowedTargets(
        for: b.principal(probe.user), moving: b.resolve(probe.resource), in: workflow)
      if x != y {
        record(law, "allowedTargets \(x) vs \(y) for \(probe)")
        return
      }
    }
  }
}
