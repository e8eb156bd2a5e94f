import Clearance
import ClearanceJSON
import ClearanceTestSupport
import Foundation
import Testing

/// Model-based tests of the directory's update primitives: random sequences of updates on
/// random directories, each mirrored on a plain `Directory` value (the model). After every
/// step the updated snapshot's directory equals the model, it is written to the same bytes
/// as a fresh snapshot built from it, every sampled decision equals the fresh snapshot's,
/// and a principal resolved before the step either decides like a fresh one or, when the
/// snapshot says it is no longer valid, is denied with handleMismatch.
@Suite("Differential: directory update sequences")
struct UpdateSequenceTests {
  static let steps = 30

  @Test("Random update sequences decide like a fresh snapshot of the updated directory")
  func randomSequences() throws {
    for seed in DifferentialConfig.lawSeeds {
      try Self.run(seed: seed)
    }
  }

  static func run(seed: UInt64) throws {
    var generator = CorpusGenerator(seed: seed)
    let corpus = generator.corpus()
    let compiled = try CompiledPolicy(corpus.policy)
    var model = corpus.directory
    var snapshot = try Snapshot(policy: compiled, directory: model)
    var rng = SplitMix64(seed: seed ^ 0xAD_0123)
    var log: [String] = []
    for step in 0..<steps {
      let before = snapshot
      let update = RandomUpdate.make(model, policy: corpus.policy, rng: &rng, step: step)
      log.append(update.name)
      do {
        snapshot = try update.apply(snapshot)
        update.edit(&model)
      } catch {
        if update.isValid {
          Issue.record("seed \(seed) after \(log): a valid update was refused: \(error)")
          return
        }
        continue
      }
      if !update.isValid {
        Issue.record("seed \(seed) after \(log): an invalid update was accepted")
        return
      }
      guard check(snapshot, before: before, model: model, compiled: compiled, seed: seed, log: log)
      else { return }
    }
  }

  /// The checks after one step; false (with an issue recorded) on the first failure.
  static func check(
    _ snapshot: Snapshot, before: Snapshot, model: Directory, compiled: CompiledPolicy,
    seed: UInt64, log: [String]
  ) -> Bool {
    let written = snapshot.directory
    guard written == model else {
      Issue.record("seed \(seed) after \(log): the snapshot's directory differs from the model")
      return false
    }
    guard let fresh = try? Snapshot(policy: compiled, directory: written) else {
      Issue.record("seed \(seed) after \(log): the written directory does not load")
      return false
    }
    guard (try? JSONDocuments.encode(written)) == (try? JSONDocuments.encode(fresh.directory))
    else {
      Issue.record("seed \(seed) after \(log): written bytes differ from a fresh snapshot's")
      return false
    }
    var stream = CorpusGenerator(seed: DifferentialConfig.requestSeed(seed) ^ UInt64(log.count))
    let corpus = Corpus(policy: compiled.source, directory: model)
    for _ in 0..<100 {
      let probe = stream.probe(in: corpus)
      let expected = Harness.engineDecision(fresh, probe)
      let actual = Harness.engineDecision(snapshot, probe)
      guard actual == expected else {
        Issue.record("seed \(seed) after \(log): \(actual), fresh \(expected), for \(probe)")
        return false
      }
      guard probe.host == nil else { continue }
      let action = snapshot.action(parsing: probe.action)
      let old = before.principal(probe.user)
      let viaOld = snapshot.can(old, action, snapshot.resolve(probe.resource))
      let want = snapshot.isValid(old) ? expected : .deny(.handleMismatch)
      guard viaOld == want else {
        Issue.record(
          "seed \(seed) after \(log): principal from before the step decided \(viaOld), want \(want) (valid: \(snapshot.isValid(old))) for \(probe)"
        )
        return false
      }
    }
    return true
  }
}

/// One random update: how to apply it to a snapshot, how to make the same edit to a
/// `Directory` value, and whether it is valid input.
struct RandomUpdate {
  var name: String
  var isValid: Bool
  var apply: (Snapshot) throws -> Snapshot
  var edit: (inout Directory) -> Void

  static func make(_ directory: Directory, policy: Policy, rng: inout SplitMix64, step: Int)
    -> RandomUpdate
  {
    let roles = policy.roles.map(\.id)
    let keys = policy.permissions.map(\.key)
    var grants = CorpusGenerator(seed: rng.next())
    let roll = rng.below(12)
    if (3...8).contains(roll), let member = rng.pickIfAny(directory.memberships) {
      return membershipUpdate(roll, member, directory, policy: policy, rng: &rng)
    }
    switch roll {
    case 0:
      let id = UserID(rng.percent(15) ? "u0" : "added\(step)")
      let user = User(id, isActive: !rng.percent(10))
      return RandomUpdate(
        name: "addingUser(\(id))", isValid: !directory.users.contains { $0.id == id },
        apply: { try $0.addingUser(user) }, edit: { $0.users.append(user) })
    case 1, 2:
      let user = rng.pickIfAny(directory.users)?.id ?? "ghost"
      let org = rng.pick(directory.organizations)
      var membership = Membership(
        user: user, org: org.id, role: rng.pick(roles), shops: rng.subset(org.shops, percent: 50))
      if rng.percent(30) {
        membership.grants = [
          grants.grant(keys: keys, states: CorpusGenerator.knownStates(of: policy))
        ]
      }
      if rng.percent(10) { membership.role = "NO_SUCH_ROLE" }
      let valid =
        directory.users.contains { $0.id == user } && membership.role != "NO_SUCH_ROLE"
        && !directory.memberships.contains { $0.user == user && $0.org == org.id }
      return RandomUpdate(
        name: "addingMembership(\(user), \(org.id))", isValid: valid,
        apply: { try $0.addingMembership(membership) },
        edit: { $0.memberships.append(membership) })
    case 9:
      guard let user = rng.pickIfAny(directory.users) else { return none }
      let active = rng.percent(50)
      return RandomUpdate(
        name: "settingUser(\(user.id), \(active))", isValid: true,
        apply: { try $0.settingUser(user.id, isActive: active) },
        edit: { d in
          if let i = d.users.firstIndex(where: { $0.id == user.id }) {
            d.users[i].isActive = active
          }
        })
    case 10:
      let parent = rng.percent(70) ? rng.pick(directory.organizations).id : nil
      let org = Organization(
        OrgID("new\(step)"), parent: parent, plan: rng.pickIfAny(policy.plans)?.id,
        shops: rng.sample(CorpusGenerator.shopNames, count: rng.int(in: 0...2)).map(ShopID.init),
        isActive: !rng.percent(10))
      return RandomUpdate(
        name: "addingOrganization(\(org.id))", isValid: true,
        apply: { try $0.addingOrganization(org) }, edit: { $0.organizations.append(org) })
    default:
      let org = rng.pick(directory.organizations)
      let active = rng.percent(70)
      return RandomUpdate(
        name: "settingOrganization(\(org.id), \(active))", isValid: true,
        apply: { try $0.settingOrganization(org.id, isActive: active) },
        edit: { d in
          if let i = d.organizations.firstIndex(where: { $0.id == org.id }) {
            d.organizations[i].isActive = active
          }
        })
    }
  }

  /// An update of the existing membership `member` (kinds 3 to 8).
  static func membershipUpdate(
    _ kind: Int, _ member: Membership, _ directory: Directory, policy: Policy,
    rng: inout SplitMix64
  ) -> RandomUpdate {
    let roles = policy.roles.map(\.id)
    let keys = policy.permissions.map(\.key)
    var grants = CorpusGenerator(seed: rng.next())
    switch kind {
    case 3:
      return RandomUpdate(
        name: "removingMembership(\(member.user), \(member.org))", isValid: true,
        apply: { try $0.removingMembership(of: member.user, in: member.org) },
        edit: { $0.memberships.removeAll { $0.user == member.user && $0.org == member.org } })
    case 4:
      let role = rng.pick(roles)
      return update(member, "changingRole(\(role))") {
        try $0.changingRole(of: member.user, in: member.org, to: role)
      } edit: {
        $0.role = role
      }
    case 5:
      let grant = grants.grant(keys: keys, states: CorpusGenerator.knownStates(of: policy))
      return update(member, "addingDirectGrant") {
        try $0.addingDirectGrant(grant, for: member.user, in: member.org)
      } edit: {
        $0.grants.append(grant)
      }
    case 6:
      guard let grant = rng.pickIfAny(member.grants) else { return none }
      return update(member, "removingDirectGrant") {
        try $0.removingDirectGrant(grant, for: member.user, in: member.org)
      } edit: {
        $0.grants.removeAll { $0 == grant }
      }
    case 7:
      let list =
        rng.percent(30)
        ? [] : [grants.grant(keys: keys, states: CorpusGenerator.knownStates(of: policy))]
      return update(member, "settingDirectGrants(\(list.count))") {
        try $0.settingDirectGrants(list, for: member.user, in: member.org)
      } edit: {
        $0.grants = list
      }
    default:
      guard let org = directory.organizations.first(where: { $0.id == member.org }) else {
        return none
      }
      let shops = rng.subset(org.shops, percent: 60)
      return update(member, "settingShops(\(shops))") {
        try $0.settingShops(shops, for: member.user, in: member.org)
      } edit: {
        $0.shops = shops
      }
    }
  }

  /// A valid update of one existing membership.
  static func update(
    _ member: Membership, _ name: String, _ apply: @escaping (Snapshot) throws -> Snapshot,
    edit: @escaping (inout Membership) -> Void
  ) -> RandomUpdate {
    RandomUpdate(
      name: "\(name) of \(member.user) in \(member.org)", isValid: true, apply: apply,
      edit: { d in
        if let i = d.memberships.firstIndex(where: {
          $0.user == member.user && $0.org == member.org
        }) {
          edit(&d.memberships[i])
        }
      })
  }

  /// No update (nothing to apply it to).
  static var none: RandomUpdate {
    RandomUpdate(name: "none", isValid: true, apply: { $0 }, edit: { _ in })
  }
}
