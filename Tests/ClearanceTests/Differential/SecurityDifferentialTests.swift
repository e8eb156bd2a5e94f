import Clearance
import ClearanceTestSupport
import Testing

/// The engine against the reference with security settings, API keys and request
/// contexts: the existing corpora, each given random settings from its own generator.
@Suite("Differential: security checks against the reference evaluator")
struct SecurityDifferentialTests {
  static let seeds: [UInt64] = (1...40).map { 7_000_000 + $0 }

  @Test("can with a context, can without one and explain agree with the reference")
  func randomContexts() throws {
    var outcomes: Set<String> = []
    for seed in Self.seeds {
      var generator = CorpusGenerator(seed: seed)
      var corpus = generator.corpus()
      var security = CorpusGenerator(seed: seed ^ 0x5EC_0A11)
      let secrets = security.secure(&corpus)
      let snapshot: Snapshot
      do {
        snapshot = try Snapshot(policy: CompiledPolicy(corpus.policy), directory: corpus.directory)
      } catch {
        Issue.record("seed \(seed): invalid secured corpus: \(error)")
        continue
      }
      let reference = ReferenceEvaluator(policy: corpus.policy, directory: corpus.directory)
      var stream = CorpusGenerator(seed: DifferentialConfig.requestSeed(seed))
      for index in 0..<300 {
        let probe = stream.probe(in: corpus)
        let context = security.context(secrets: secrets)
        let expected = Self.referenceDecision(reference, probe, context)
        let actual = Self.engineDecision(snapshot, probe, context)
        outcomes.insert(expected.description)
        guard expected == actual else {
          let detail = "probe \(probe)\ncontext \(String(describing: context))"
          Issue.record(
            Comment(
              rawValue: "seed \(seed) request \(index): reference \(expected), engine \(actual)\n"
                + detail))
          break
        }
        if probe.host == nil {
          let explained =
            context.map { snapshot.explain(probe.user, probe.action, probe.resource, context: $0) }
            ?? snapshot.explain(probe.user, probe.action, probe.resource)
          #expect(explained.decision == actual, "seed \(seed) request \(index): explain differs")
        }
      }
    }
    // Every security reason is reached somewhere in the corpora.
    for reason in [
      "deny(apiKeyInvalid)", "deny(ipNotAllowed)", "deny(mfaRequired)", "deny(apiKeyScope)",
      "allow",
    ] {
      #expect(outcomes.contains(reason), "no corpus reached \(reason)")
    }
  }

  static func referenceDecision(
    _ reference: ReferenceEvaluator, _ probe: Probe, _ context: RequestContext?
  ) -> Decision {
    var who = reference.principal(probe.user)
    if let host = probe.host {
      who = ReferencePrincipal(
        id: probe.user, exists: true, isActive: host.isActive, memberships: host.memberships)
    }
    guard who.exists && who.isActive else { return .deny(.principalInactive) }
    guard let action = reference.action(parsing: probe.action) else {
      return .deny(.unknownAction)
    }
    return reference.decide(who, action, probe.resource, context: context)
  }

  static func engineDecision(_ snapshot: Snapshot, _ probe: Probe, _ context: RequestContext?)
    -> Decision
  {
    guard let host = probe.host else {
      return context.map { snapshot.can(probe.user, probe.action, probe.resource, context: $0) }
        ?? snapshot.can(probe.user, probe.action, probe.resource)
    }
    guard
      let principal = try? snapshot.principal(
        user: probe.user, isActive: host.isActive, memberships: host.memberships)
    else { return .deny(.handleMismatch) }
    guard principal.isActive else { return .deny(.principalInactive) }
    let action = snapshot.action(parsing: probe.action)
    let resource = snapshot.resolve(probe.resource)
    return context.map { snapshot.can(principal, action, resource, context: $0) }
      ?? snapshot.can(principal, action, resource)
  }
}
