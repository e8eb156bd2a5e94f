// The policy laws over random corpora, one law per test, through the reusable checker
// `checkPolicyLaws` (ClearanceTestSupport/PolicyLaws.swift), and every law over each
// interesting corpus; then the laws of incremental updates and foreign handles.

import Clearance
import ClearanceTestSupport
import Testing

/// Law checks over random corpora.
@Suite("Differential: policy laws")
struct PolicyLawTests {
  /// The requests of a law check.
  static func probes(_ seed: UInt64, _ corpus: Corpus) -> [Probe] {
    var stream = CorpusGenerator(seed: DifferentialConfig.requestSeed(seed))
    return (0..<DifferentialConfig.lawRequests).map { _ in stream.probe(in: corpus) }
  }

  /// Checks `law` on the corpus of every law seed, recording each violation with how to
  /// replay it.
  static func check(_ law: PolicyLaw) {
    for seed in DifferentialConfig.lawSeeds {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
      let violations = checkPolicyLaws(
        corpus, probes: probes(seed, corpus), seed: seed, generator: &generator, laws: [law])
      for violation in violations {
        Issue.record(
          Comment(
            rawValue:
              "\(violation)\nReplay: CLEARANCE_DIFF_SEED=\(seed) swift test --filter PolicyLawTests"
          ))
      }
    }
  }

  @Test("Compiling the same policy twice gives identical decisions")
  func compilingIsDeterministic() { Self.check(.compilingIsDeterministic) }

  @Test("JSON encode then decode gives equal values and identical decisions")
  func jsonRoundTrip() { Self.check(.jsonRoundTrip) }

  @Test("Declaration order does not change any decision")
  func declarationOrderIsIrrelevant() { Self.check(.declarationOrderIsIrrelevant) }

  @Test("Adding a grant never turns an allow into a deny")
  func grantsAreMonotone() { Self.check(.grantsAreMonotone) }

  @Test("Inheritance is transitive: naming every ancestor explicitly changes nothing")
  func inheritanceIsTransitive() { Self.check(.inheritanceIsTransitive) }

  @Test("A role allows at least everything each of its ancestors allows")
  func inheritingRolesAllowMore() { Self.check(.inheritingRolesAllowMore) }

  @Test("Deactivating users or organizations revokes access at once")
  func deactivationRevokesAccess() { Self.check(.deactivationRevokesAccess) }

  @Test("Effective permissions agree with can for every membership")
  func effectivePermissionsMatchCan() { Self.check(.effectivePermissionsMatchCan) }

  @Test("Every interesting corpus obeys every law", arguments: InterestingCorpora.all)
  func interestingCorpusObeysEveryLaw(_ interesting: InterestingCorpus) {
    let violations = checkPolicyLaws(
      interesting.corpus, seed: interesting.seed, requests: DifferentialConfig.lawRequests)
    for violation in violations {
      Issue.record(Comment(rawValue: "\(interesting.name): \(violation)"))
    }
  }

  /// Feature switches, plans, overrides and org activity changed on a live snapshot decide
  /// exactly like the reference over the same changes made to the plain values; handles
  /// resolved before the change stay valid.
  @Test("Incremental snapshot updates decide like the reference on the updated values")
  func incrementalUpdates() throws {
    for seed in DifferentialConfig.lawSeeds {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
      let probes = Array(Self.probes(seed, corpus).filter { $0.host == nil }.prefix(200))
      var policy = corpus.policy
      var directory = corpus.directory
      var snapshot = try PolicyLaws.snapshot(policy, directory)
      var origin = snapshot
      var steps: [String] = []
      for _ in 0..<8 {
        let step = try Self.randomUpdate(
          &snapshot, &origin, &policy, &directory, rng: &generator.rng)
        steps.append(step)
        if snapshot.directory != directory || snapshot.currentPolicy != policy {
          Issue.record("seed \(seed) after \(steps): the snapshot's values differ from the edits")
          return
        }
        let reference = ReferenceEvaluator(policy: policy, directory: directory)
        for probe in probes {
          let expected = reference.decide(
            user: probe.user, action: probe.action, resource: probe.resource)
          let actual = snapshot.can(probe.user, ActionName(probe.action), probe.resource)
          var viaOldHandles = expected
          let action = origin.action(named: ActionName(probe.action))
          if action.isDeclared {
            viaOldHandles = snapshot.can(
              origin.principal(probe.user), action, origin.resolve(probe.resource))
          }
          if actual != expected || viaOldHandles != expected {
            Issue.record(
              """
              seed \(seed) after \(steps): reference \(expected), engine \(actual), \
              engine with handles from before the updates \(viaOldHandles), for \(probe)
              """)
            return
          }
        }
      }
    }
  }

  /// Applies one random update to the snapshot and the same change to the plain values.
  /// Returns what it did.
  static func randomUpdate(
    _ snapshot: inout Snapshot, _ origin: inout Snapshot, _ policy: inout Policy,
    _ directory: inout Directory, rng: inout SplitMix64
  ) throws -> String {
    let children = policy.features.flatMap(\.children).map(\.id)
    let o = rng.below(directory.organizations.count)
    let org = directory.organizations[o].id
    switch rng.below(6) {
    case 0 where !children.isEmpty:
      let feature = rng.pick(children)
      let value = rng.pick([true, false, nil])
      snapshot =
        try value.map { try snapshot.settingFeatureOverride(feature, to: $0, for: org) }
        ?? snapshot.removingFeatureOverride(feature, for: org)
      directory.organizations[o].featureOverrides[feature] = value
      return "override \(feature)=\(value.map(String.init) ?? "nil") on \(org)"
    case 1 where !children.isEmpty:
      let feature = rng.pick(children)
      let value = rng.percent(50)
      snapshot = try snapshot.settingGlobalSwitch(of: feature, to: value)
      for p in policy.features.indices {
        for c in policy.features[p].children.indices
        where policy.features[p].children[c].id == feature {
          policy.features[p].children[c].isEnabled = value
        }
      }
      return "global \(feature)=\(value)"
    case 2:
      let plan = rng.pick(policy.plans.map { Optional($0.id) } + [nil])
      snapshot = try snapshot.settingPlan(plan, for: org)
      directory.organizations[o].plan = plan
      return "plan \(plan?.rawValue ?? "nil") on \(org)"
    case 3:
      let value = rng.percent(60)
      snapshot = try snapshot.settingOrganization(org, isActive: value)
      directory.organizations[o].isActive = value
      return "org \(org) active=\(value)"
    default:
      // A directory change: a user (de)activated, a membership removed or re-roled.
      var note = "directory unchanged"
      if let u = rng.pickIfAny(Array(directory.users.indices)), rng.percent(40) {
        directory.users[u].isActive.toggle()
        note = "user \(directory.users[u].id) active=\(directory.users[u].isActive)"
      } else if let m = rng.pickIfAny(Array(directory.memberships.indices)) {
        if rng.percent(50) {
          note =
            "removed membership \(directory.memberships[m].user)@\(directory.memberships[m].org)"
          directory.memberships.remove(at: m)
        } else {
          directory.memberships[m].role = rng.pick(policy.roles).id
          note =
            "membership \(directory.memberships[m].user)@\(directory.memberships[m].org) role \(directory.memberships[m].role)"
        }
      }
      snapshot = try snapshot.replacingDirectory(directory)
      origin = snapshot
      return note
    }
  }

  @Test("Handles from another snapshot are refused, never guessed at")
  func foreignHandlesAreRefused() throws {
    var generator = CorpusGenerator(seed: 42)
    let corpus = generator.corpus()
    let a = try PolicyLaws.snapshot(corpus.policy, corpus.directory)
    let b = try PolicyLaws.snapshot(corpus.policy, corpus.directory)
    let user = try #require(corpus.directory.users.first).id
    let key = try #require(corpus.policy.permissions.first).key
    let org = try #require(corpus.directory.organizations.first).id
    let action = a.action(named: ActionName(key.rawValue))
    let resource = a.resolve(Resource(org: org))
    #expect(b.can(a.principal(user), action, resource) == .deny(.handleMismatch))
    #expect(b.can(b.principal(user), action, resource) == .deny(.handleMismatch))
    #expect(
      b.can(b.principal(user), action, b.resolve(Resource(org: org))) == .deny(.handleMismatch))
    #expect(
      b.allowedTargets(for: b.principal(user), moving: b.resolve(Resource(org: org)), in: "nope")
        .isEmpty)
  }
}
