// Differential tests: the compiled engine against the reference evaluator over a seeded
// random corpus, plus law checks (monotone grants, transitive inheritance, determinism,
// JSON round trips, declaration order, incremental updates) in the spirit of
// swift-collections' `checkHashable`.
//
// Environment:
// - `CLEARANCE_DIFF_SCALE=N` multiplies the number of corpora (default 1).
// - `CLEARANCE_DIFF_SEED=S` replays the corpus of seed `S` alone (decimal or 0x-hex).

import Clearance
import Foundation
import Testing

// MARK: Configuration

enum DifferentialConfig {
  /// Corpora per run at scale 1 (each a random policy and directory).
  static let corpusCount = 64
  /// Random requests per corpus; each one is checked through every API path.
  static let requestsPerCorpus = 3_200
  /// Corpora per law check at scale 1.
  static let lawCorpusCount = 24
  /// Requests per corpus in a law check.
  static let lawRequests = 600
  /// Test cases the corpus is split into, so Swift Testing can run them in parallel.
  static let batchCount = 8

  static let scale: Int = {
    let text = ProcessInfo.processInfo.environment["CLEARANCE_DIFF_SCALE"] ?? ""
    return max(Int(text) ?? 1, 1)
  }()

  static let replaySeed: UInt64? = {
    guard let text = ProcessInfo.processInfo.environment["CLEARANCE_DIFF_SEED"] else {
      return nil
    }
    if text.hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) }
    return UInt64(text)
  }()

  /// The corpus seeds of this run.
  static var seeds: [UInt64] {
    if let replaySeed { return [replaySeed] }
    return Array(1...UInt64(corpusCount * scale))
  }

  /// The seeds split into batches for parameterised tests.
  static var batches: [[UInt64]] {
    let all = seeds
    let count = min(batchCount, all.count)
    return (0..<count).map { batch in
      stride(from: batch, to: all.count, by: count).map { all[$0] }
    }
  }

  /// Seeds for law checks: a disjoint range, so the laws see other corpora too.
  static var lawSeeds: [UInt64] {
    if let replaySeed { return [replaySeed] }
    return (1...UInt64(lawCorpusCount * scale)).map { 1_000_000 + $0 }
  }

  /// The request stream of a corpus: its own generator, derived from the corpus seed.
  static func requestSeed(_ seed: UInt64) -> UInt64 { seed ^ 0x5EED_0F4E_90E5_7000 }
}

// MARK: Running a corpus

enum DifferentialRun {
  /// Generates corpus `seed`, checks `requests` random requests through every path, and
  /// records one issue per failing corpus, with a shrunk case.
  static func check(seed: UInt64, requests: Int) {
    var generator = CorpusGenerator(seed: seed)
    let corpus = generator.corpus()
    guard let harness = Harness(corpus) else {
      var message = "?"
      do {
        _ = try Snapshot(policy: CompiledPolicy(corpus.policy), directory: corpus.directory)
      } catch {
        message = "\(error)"
      }
      Issue.record("seed \(seed): the generator produced an invalid corpus: \(message)")
      return
    }
    var stream = CorpusGenerator(seed: DifferentialConfig.requestSeed(seed))
    var first: (path: CheckPath, probe: Probe, found: Disagreement)?
    var failures = 0
    for index in 0..<requests {
      let probe = stream.probe(in: corpus)
      for (path, found) in harness.disagreements(probe, index: index) {
        failures += 1
        if first == nil { first = (path, probe, found) }
      }
    }
    if let first {
      report(
        seed: seed, corpus: corpus, path: first.path, probe: first.probe, found: first.found,
        total: failures)
    }
  }

  static func report(
    seed: UInt64, corpus: Corpus, path: CheckPath, probe: Probe, found: Disagreement, total: Int
  ) {
    let original = FailingCase(
      seed: seed, path: path, policy: corpus.policy, directory: corpus.directory, probe: probe,
      expected: found.expected, actual: found.actual)
    let shrunk = Shrinker.shrink(original, kind: found.kind)
    Issue.record(
      """
      Differential mismatch, seed \(seed) (\(total) disagreeing checks in this corpus).
      First: path \(path.rawValue), \(found.kind):
      reference: \(found.expected)
      engine:    \(found.actual)
      Replay: CLEARANCE_DIFF_SEED=\(seed) swift test --filter Differential
      Shrunk case (reference \(shrunk.expected); engine \(shrunk.actual)):
      \(shrunk.json)
      """)
  }
}

// MARK: Tests

@Suite("Differential: engine against the reference evaluator")
struct DifferentialTests {
  @Test(
    "Every API path agrees with the reference on random requests",
    arguments: DifferentialConfig.batches)
  func corpusBatch(seeds: [UInt64]) {
    for seed in seeds {
      DifferentialRun.check(seed: seed, requests: DifferentialConfig.requestsPerCorpus)
    }
  }

  @Test("The run covers at least 50 corpora and 200,000 requests")
  func corpusSize() {
    guard DifferentialConfig.replaySeed == nil else { return }
    #expect(DifferentialConfig.seeds.count >= 50)
    #expect(DifferentialConfig.seeds.count * DifferentialConfig.requestsPerCorpus >= 200_000)
  }

  /// Guards the generator against drifting into noise: every outcome the engine can give
  /// (with the checks implemented today) shows up, and allows are not rare.
  @Test("The corpus reaches every decision")
  func corpusCoverage() {
    guard DifferentialConfig.replaySeed == nil else { return }
    var counts: [String: Int] = [:]
    var total = 0
    for seed in DifferentialConfig.seeds.prefix(16) {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
      let reference = ReferenceEvaluator(policy: corpus.policy, directory: corpus.directory)
      var stream = CorpusGenerator(seed: DifferentialConfig.requestSeed(seed))
      for _ in 0..<500 {
        let probe = stream.probe(in: corpus)
        let decision = reference.decide(
          user: probe.user, action: probe.action, resource: probe.resource)
        counts[decision.description, default: 0] += 1
        total += 1
      }
    }
    let wanted: [Decision] = [
      .allow, .deny(.principalInactive), .deny(.unknownAction), .deny(.notMember),
      .deny(.featureDisabled), .deny(.unknownState), .deny(.illegalTransition),
      .deny(.notPermitted),
    ]
    for decision in wanted {
      #expect((counts[decision.description] ?? 0) * 100 >= total, "rare: \(decision) in \(counts)")
    }
    #expect((counts["allow"] ?? 0) * 10 >= total, "allows are rare: \(counts)")
  }

  @Test("A failing case survives a JSON round trip, and shrinking never crashes")
  func failingCasesReplay() throws {
    var generator = CorpusGenerator(seed: 7)
    let corpus = generator.corpus()
    var stream = CorpusGenerator(seed: 8)
    let probe = stream.probe(in: corpus)
    let failing = FailingCase(
      seed: 7, path: .string, policy: corpus.policy, directory: corpus.directory, probe: probe)
    let data = try #require(failing.json.data(using: .utf8))
    let decoded = try JSONDecoder().decode(FailingCase.self, from: data)
    #expect(decoded.policy == corpus.policy)
    #expect(decoded.directory == corpus.directory)
    #expect(decoded.probe == probe)
    // Every candidate either compiles or is skipped; none crashes the engine, and none
    // disagrees (the engine and the reference agree on this corpus).
    for candidate in Shrinker.candidates(failing) {
      #expect(Shrinker.disagreement(candidate) == nil)
    }
  }

  @Test("The generator is deterministic")
  func generatorIsDeterministic() {
    for seed: UInt64 in [1, 2, 99] {
      var a = CorpusGenerator(seed: seed)
      var b = CorpusGenerator(seed: seed)
      let left = a.corpus()
      let right = b.corpus()
      #expect(left.policy == right.policy)
      #expect(left.directory == right.directory)
      #expect(a.probe(in: left) == b.probe(in: right))
    }
    // Pinned: the first outputs of SplitMix64 seeded with 0 (from the reference
    // implementation), so a replayed seed means the same corpus on every machine.
    var rng = SplitMix64(seed: 0)
    #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
    #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
  }
}

// MARK: Laws

/// Law checks over random corpora.
@Suite("Differential: policy laws")
struct PolicyLawTests {
  /// The requests of a law check.
  static func probes(_ seed: UInt64, _ corpus: Corpus) -> [Probe] {
    var stream = CorpusGenerator(seed: DifferentialConfig.requestSeed(seed))
    return (0..<DifferentialConfig.lawRequests).map { _ in stream.probe(in: corpus) }
  }

  static func snapshot(_ policy: Policy, _ directory: Directory) throws -> Snapshot {
    try Snapshot(policy: CompiledPolicy(policy), directory: directory)
  }

  static func decisions(_ snapshot: Snapshot, _ probes: [Probe]) -> [Decision] {
    probes.map { Harness.engineDecision(snapshot, $0) }
  }

  /// Expects two snapshots to decide every probe alike (and list the same allowed
  /// targets), naming the first difference.
  static func expectSameDecisions(
    _ a: Snapshot, _ b: Snapshot, _ probes: [Probe], seed: UInt64, law: String
  ) {
    for probe in probes {
      let left = Harness.engineDecision(a, probe)
      let right = Harness.engineDecision(b, probe)
      if left != right {
        Issue.record("\(law), seed \(seed): \(left) vs \(right) for \(probe)")
        return
      }
      guard let workflow = probe.workflow else { continue }
      let x = a.allowedTargets(
        for: a.principal(probe.user), moving: a.resolve(probe.resource), in: workflow)
      let y = b.allowedTargets(
        for: b.principal(probe.user), moving: b.resolve(probe.resource), in: workflow)
      if x != y {
        Issue.record("\(law), seed \(seed): allowedTargets \(x) vs \(y) for \(probe)")
        return
      }
    }
  }

  @Test("Compiling the same policy twice gives identical decisions")
  func compilingIsDeterministic() throws {
    for seed in DifferentialConfig.lawSeeds {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
      let first = try Self.snapshot(corpus.policy, corpus.directory)
      let second = try Self.snapshot(corpus.policy, corpus.directory)
      Self.expectSameDecisions(
        first, second, Self.probes(seed, corpus), seed: seed, law: "compile twice")
    }
  }

  @Test("JSON encode then decode gives equal values and identical decisions")
  func jsonRoundTrip() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let decoder = JSONDecoder()
    for seed in DifferentialConfig.lawSeeds {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
      let policy = try decoder.decode(Policy.self, from: encoder.encode(corpus.policy))
      let directory = try decoder.decode(Directory.self, from: encoder.encode(corpus.directory))
      #expect(policy == corpus.policy, "seed \(seed): policy changed in a round trip")
      #expect(directory == corpus.directory, "seed \(seed): directory changed in a round trip")
      // Writing again gives the same bytes (sorted keys: a stable file format).
      #expect(try encoder.encode(policy) == encoder.encode(corpus.policy))
      #expect(try encoder.encode(directory) == encoder.encode(corpus.directory))
      Self.expectSameDecisions(
        try Self.snapshot(corpus.policy, corpus.directory), try Self.snapshot(policy, directory),
        Self.probes(seed, corpus), seed: seed, law: "JSON round trip")
    }
  }

  @Test("Declaration order does not change any decision")
  func declarationOrderIsIrrelevant() throws {
    for seed in DifferentialConfig.lawSeeds {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
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
      Self.expectSameDecisions(
        try Self.snapshot(corpus.policy, corpus.directory), try Self.snapshot(policy, directory),
        Self.probes(seed, corpus), seed: seed, law: "declaration order")
    }
  }

  @Test("Adding a grant never turns an allow into a deny")
  func grantsAreMonotone() throws {
    for seed in DifferentialConfig.lawSeeds {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
      let probes = Self.probes(seed, corpus)
      let before = Self.decisions(try Self.snapshot(corpus.policy, corpus.directory), probes)
      let keys = corpus.policy.permissions.map(\.key)
      for round in 0..<4 {
        var policy = corpus.policy
        var directory = corpus.directory
        if generator.rng.percent(40), !directory.memberships.isEmpty {
          let m = generator.rng.below(directory.memberships.count)
          directory.memberships[m].grants.append(
            generator.grant(keys: keys, states: CorpusGenerator.knownStates(of: policy)))
        } else {
          let r = generator.rng.below(policy.roles.count)
          policy.roles[r].grants.append(
            generator.grant(
              keys: keys,
              states: CorpusGenerator.stateNames + CorpusGenerator.conditionOnlyStates))
        }
        let after = Self.decisions(try Self.snapshot(policy, directory), probes)
        for (i, probe) in probes.enumerated() where before[i].isAllowed && !after[i].isAllowed {
          Issue.record("monotone, seed \(seed) round \(round): \(after[i]) after a grant: \(probe)")
          break
        }
      }
    }
  }

  @Test("Inheritance is transitive: naming every ancestor explicitly changes nothing")
  func inheritanceIsTransitive() throws {
    for seed in DifferentialConfig.lawSeeds {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
      let reference = ReferenceEvaluator(policy: corpus.policy, directory: corpus.directory)
      var policy = corpus.policy
      for r in policy.roles.indices {
        policy.roles[r].inherits = Array(reference.roleClosure(policy.roles[r].id).dropFirst())
          .sorted()
      }
      Self.expectSameDecisions(
        try Self.snapshot(corpus.policy, corpus.directory),
        try Self.snapshot(policy, corpus.directory), Self.probes(seed, corpus), seed: seed,
        law: "transitive inheritance")
    }
  }

  @Test("A role allows at least everything each of its ancestors allows")
  func inheritingRolesAllowMore() throws {
    for seed in DifferentialConfig.lawSeeds {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
      let reference = ReferenceEvaluator(policy: corpus.policy, directory: corpus.directory)
      let live = corpus.policy.roles.filter { !$0.isDeleted }
      let probes = Self.probes(seed, corpus).filter { $0.host == nil }
      let before = Self.decisions(try Self.snapshot(corpus.policy, corpus.directory), probes)
      for (m, membership) in corpus.directory.memberships.enumerated() {
        let heirs = live.filter { role in
          role.id != membership.role && reference.roleClosure(role.id).contains(membership.role)
        }
        guard let heir = generator.rng.pickIfAny(heirs) else { continue }
        var directory = corpus.directory
        directory.memberships[m].role = heir.id
        let after = Self.decisions(try Self.snapshot(corpus.policy, directory), probes)
        for (i, probe) in probes.enumerated()
        where probe.user == membership.user && before[i].isAllowed && !after[i].isAllowed {
          Issue.record(
            "inheritance, seed \(seed): \(membership.role) -> \(heir.id) denies \(probe)")
          break
        }
      }
    }
  }

  @Test("Deactivating users or organizations revokes access at once")
  func deactivationRevokesAccess() throws {
    for seed in DifferentialConfig.lawSeeds {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
      let probes = Self.probes(seed, corpus).filter { $0.host == nil }
      var directory = corpus.directory
      for u in directory.users.indices { directory.users[u].isActive = false }
      let snapshot = try Self.snapshot(corpus.policy, directory)
      for probe in probes
      where snapshot.can(probe.user, ActionName(probe.action), probe.resource)
        != .deny(.principalInactive)
      {
        Issue.record("seed \(seed): an inactive user is not denied: \(probe)")
        break
      }
      var dormant = corpus.directory
      for o in dormant.organizations.indices { dormant.organizations[o].isActive = false }
      let closed = try Self.snapshot(corpus.policy, dormant)
      for probe in probes
      where closed.can(probe.user, ActionName(probe.action), probe.resource).isAllowed {
        Issue.record("seed \(seed): allowed with every organization inactive: \(probe)")
        break
      }
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
      var snapshot = try Self.snapshot(policy, directory)
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
          let viaOldHandles = snapshot.can(
            origin.principal(probe.user), origin.action(named: ActionName(probe.action)),
            origin.resolve(probe.resource))
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
    let a = try Self.snapshot(corpus.policy, corpus.directory)
    let b = try Self.snapshot(corpus.policy, corpus.directory)
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
