// Model-based random testing of administration: long random sequences of operations by
// random actors against random policies and directories. After every step the invariants
// of docs/SEMANTICS.md section 8 must hold, and the new snapshot must decide exactly like a fresh compile of
// its written policy and directory, and like the reference evaluator.
//
// Environment:
// - `CLEARANCE_ADMIN_SCALE=N` multiplies the number of sequences (default 1).
// - `CLEARANCE_ADMIN_SEED=S` replays the sequence of seed `S` alone.
// A failure prints its seed and the shrunk operation log as JSON.

import Clearance
import ClearanceJSON
import ClearanceTestSupport
import Foundation
import Testing

enum AdministrationModelConfig {
  static let sequenceCount = 32
  static let steps = 60
  static let probesPerStep = 24
  static let batchCount = 4

  static let scale: Int = {
    let text = ProcessInfo.processInfo.environment["CLEARANCE_ADMIN_SCALE"] ?? ""
    return max(Int(text) ?? 1, 1)
  }()

  static var seeds: [UInt64] {
    if let text = ProcessInfo.processInfo.environment["CLEARANCE_ADMIN_SEED"],
      let seed = UInt64(text)
    {
      return [seed]
    }
    return (1...UInt64(sequenceCount * scale)).map { 7_000_000 + $0 }
  }

  static var batches: [[UInt64]] {
    let all = seeds
    let count = min(batchCount, all.count)
    return (0..<count).map { batch in stride(from: batch, to: all.count, by: count).map { all[$0] }
    }
  }
}

/// One run of the model: the start of a seed, and the check of each step.
struct AdministrationModel {
  let seed: UInt64
  let start: Snapshot
  let rules: AdministrationPolicy

  init?(seed: UInt64) {
    var generator = OperationGenerator(seed: seed)
    let corpus = generator.start()
    guard let policy = try? CompiledPolicy(corpus.policy),
      let snapshot = try? Snapshot(policy: policy, directory: corpus.directory)
    else { return nil }
    self.seed = seed
    start = snapshot
    rules = corpus.policy.administration ?? AdministrationPolicy()
  }

  /// Generates and applies `steps` random operations; returns the log and the first
  /// violation (with the log up to and including the step that showed it).
  func explore(steps: Int) -> (
    log: [AdministrationOperation], violation: String?, accepted: Int,
    kinds: Set<AdministrationOperation.Kind>
  ) {
    var generator = OperationGenerator(seed: seed)
    _ = generator.start()
    var snapshot = start
    var log: [AdministrationOperation] = []
    var accepted = 0
    var kinds: Set<AdministrationOperation.Kind> = []
    for step in 0..<steps {
      let operation = generator.operation(on: snapshot)
      log.append(operation)
      let (next, violation) = check(snapshot, operation, step: step)
      if let violation { return (log, violation, accepted, kinds) }
      if next !== snapshot {
        accepted += 1
        kinds.insert(operation.kind)
      }
      snapshot = next
    }
    return (log, nil, accepted, kinds)
  }

  /// Replays a fixed log; the first violation, if any.
  func replay(_ log: [AdministrationOperation]) -> String? {
    var snapshot = start
    for (step, operation) in log.enumerated() {
      let (next, violation) = check(snapshot, operation, step: step)
      if let violation { return violation }
      snapshot = next
    }
    return nil
  }

  /// Applies one operation and checks every invariant; returns the snapshot to go on with.
  func check(_ before: Snapshot, _ operation: AdministrationOperation, step: Int)
    -> (Snapshot, String?)
  {
    let bytesBefore = Self.bytes(before)
    let next: Snapshot
    let result: AppliedOperation
    do {
      var keys = SplitMix64(seed: seed &+ UInt64(step))
      result = try before.applied(operation, using: &keys)
      next = result.snapshot
    } catch {
      if Self.bytes(before) != bytesBefore {
        return (before, "a rejected operation changed the snapshot")
      }
      return (before, nil)
    }
    if next.version != before.version + 1 {
      return (next, "version \(next.version) after \(before.version)")
    }
    if let owner = rules.owner, owner.atLeastOne {
      for org in Self.orgsWithActiveHolder(owner.role, before.directory)
      where !Self.orgsWithActiveHolder(owner.role, next.directory).contains(org) {
        return (next, "\(org) lost its last active owner")
      }
    }
    if let violation = Self.keyViolation(before, result) { return (next, violation) }
    if let cycle = Self.inheritanceCycle(next.currentPolicy) {
      return (next, "inheritance cycle through \(cycle)")
    }
    if rules.deleteOnlyUnusedRoles {
      let added = Self.deletedRoleHolders(next).subtracting(Self.deletedRoleHolders(before))
      if let first = added.sorted().first {
        return (next, "a live membership holds a deleted role: \(first)")
      }
    }
    return (next, differential(next, step: step))
  }

  /// The API-key invariants of an accepted step: the logged operation replays to the same
  /// bytes, every issued secret is stored only as its digest and works for its user (or
  /// is refused for a reason other than the key), and a revoked key stays revoked.
  static func keyViolation(_ before: Snapshot, _ result: AppliedOperation) -> String? {
    guard let replayed = try? before.applying(result.operation),
      bytes(replayed) == bytes(result.snapshot)
    else { return "the logged operation does not replay to the same snapshot" }
    let written = String(decoding: bytes(result.snapshot), as: UTF8.self)
    for issued in result.issuedKeys {
      guard result.snapshot.apiKeys.contains(issued.key),
        issued.key.digest == SHA256.hash(issued.secret.utf8), !written.contains(issued.secret)
      else { return "issued key \(issued.key.id) is not stored as its digest alone" }
      let context = RequestContext(time: issued.key.created, apiKey: issued.secret)
      let action = ActionName(result.snapshot.currentPolicy.permissions[0].key.rawValue)
      let decision = result.snapshot.can(
        issued.key.user, action, Resource(org: issued.key.org), context: context)
      if decision == .deny(.apiKeyInvalid) { return "issued key \(issued.key.id) is refused" }
    }
    let revoked = before.apiKeys.filter(\.isRevoked).map(\.id)
    if result.snapshot.apiKeys.contains(where: { key in !key.isRevoked && revoked.contains(key.id) }
    ) {
      return "a revoked key works again"
    }
    return nil
  }

  /// Decisions of `snapshot`, of a fresh compile of its written files and of the reference
  /// evaluator, on random requests.
  func differential(_ snapshot: Snapshot, step: Int) -> String? {
    let policy = snapshot.currentPolicy
    let directory = snapshot.directory
    guard let policyData = try? JSONDocuments.encode(policy),
      let directoryData = try? JSONDocuments.encode(directory),
      let readPolicy = try? JSONDocuments.decode(Policy.self, from: policyData),
      let readDirectory = try? JSONDocuments.decode(Directory.self, from: directoryData),
      let compiled = try? CompiledPolicy(readPolicy),
      let fresh = try? Snapshot(policy: compiled, directory: readDirectory)
    else { return "the written policy and directory do not load again" }
    let reference = ReferenceEvaluator(policy: policy, directory: directory)
    var generator = CorpusGenerator(seed: seed &* 31 &+ UInt64(step))
    let corpus = Corpus(policy: policy, directory: directory)
    for _ in 0..<AdministrationModelConfig.probesPerStep {
      let probe = generator.probe(in: corpus)
      if probe.host != nil { continue }
      // Half the probes with a request context (no key), against the reference's checks.
      let context: RequestContext? =
        generator.rng.percent(50)
        ? RequestContext(
          time: OperationGenerator.epoch.adding(seconds: 9 * 86_400),
          clientIP: IPAddress(generator.rng.pick(OperationGenerator.addresses)),
          mfaVerifiedAt: generator.rng.percent(50)
            ? OperationGenerator.epoch.adding(seconds: 9 * 86_400 - 60) : nil)
        : nil
      let decided = SecurityDifferentialTests.engineDecision(snapshot, probe, context)
      let again = SecurityDifferentialTests.engineDecision(fresh, probe, context)
      let expected = SecurityDifferentialTests.referenceDecision(reference, probe, context)
      if decided != again || decided != expected {
        return
          "\(probe.user) \(probe.action) \(probe.resource): snapshot \(decided), fresh \(again), reference \(expected)"
      }
    }
    return nil
  }

  /// Greedily drops operations from a failing log while some violation remains.
  func shrink(_ log: [AdministrationOperation]) -> [AdministrationOperation] {
    var current = log
    var progress = true
    var budget = 400
    while progress && budget > 0 {
      progress = false
      for i in current.indices.reversed() where budget > 0 {
        budget -= 1
        var candidate = current
        candidate.remove(at: i)
        if replay(candidate) != nil {
          current = candidate
          progress = true
          break
        }
      }
    }
    return current
  }

  // MARK: Independent views of the invariants

  static func bytes(_ snapshot: Snapshot) -> [UInt8] {
    var data = (try? JSONDocuments.encode(snapshot.currentPolicy)) ?? []
    data += (try? JSONDocuments.encode(snapshot.directory)) ?? []
    return data
  }

  static func orgsWithActiveHolder(_ role: RoleID, _ directory: Directory) -> Set<OrgID> {
    let active = Set(directory.users.filter(\.isActive).map(\.id))
    return Set(
      directory.memberships.filter { $0.role == role && active.contains($0.user) }.map(\.org))
  }

  static func deletedRoleHolders(_ snapshot: Snapshot) -> Set<String> {
    let deleted = Set(snapshot.currentPolicy.roles.filter(\.isDeleted).map(\.id))
    let active = Set(snapshot.directory.users.filter(\.isActive).map(\.id))
    return Set(
      snapshot.directory.memberships.filter {
        deleted.contains($0.role) && active.contains($0.user)
      }
      .map { "\($0.user) holds \($0.role) in \($0.org)" })
  }

  static func inheritanceCycle(_ policy: Policy) -> RoleID? {
    let parents = Dictionary(
      policy.roles.map { ($0.id, $0.inherits) }, uniquingKeysWith: { a, _ in a })
    for role in policy.roles {
      var seen: Set<RoleID> = []
      var stack = parents[role.id] ?? []
      while let next = stack.popLast() {
        if next == role.id { return role.id }
        if seen.insert(next).inserted { stack += parents[next] ?? [] }
      }
    }
    return nil
  }
}

@Suite("Administration: model-based random sequences")
struct AdministrationModelTests {
  @Test(arguments: AdministrationModelConfig.batches)
  func randomSequencesKeepEveryInvariant(_ seeds: [UInt64]) throws {
    var accepted = 0
    var kinds: Set<AdministrationOperation.Kind> = []
    for seed in seeds {
      guard let model = AdministrationModel(seed: seed) else {
        Issue.record("seed \(seed): the random corpus does not compile")
        continue
      }
      let run = model.explore(steps: AdministrationModelConfig.steps)
      accepted += run.accepted
      kinds.formUnion(run.kinds)
      guard let violation = run.violation else { continue }
      let shrunk = model.shrink(run.log)
      let json =
        (try? JSONDocuments.encode(shrunk)).map { String(decoding: $0, as: UTF8.self) } ?? ""
      Issue.record(
        "seed \(seed) (CLEARANCE_ADMIN_SEED=\(seed)): \(violation)\nshrunk log (\(shrunk.count) of \(run.log.count) operations):\n\(json)"
      )
    }
    // The sequences must exercise the rules, not only bounce off them.
    #expect(accepted >= seeds.count * 3, "only \(accepted) operations were accepted")
    if seeds.count >= 8 {
      let security: Set<AdministrationOperation.Kind> = [
        .createAPIKey, .revokeAPIKey, .setAllowlist, .setMFA,
      ]
      #expect(security.isSubset(of: kinds), "accepted kinds: \(kinds.sorted())")
    }
  }
}
