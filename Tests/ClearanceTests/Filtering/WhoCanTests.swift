import Clearance
import ClearanceJSON
import ClearanceTestSupport
import Testing

/// Compares `users(whoCan:on:)` with `can` asked user by user over a universe.
func whoCanMismatches(_ snapshot: Snapshot, _ universe: Universe, actions: [String]) -> [String] {
  let users = snapshot.directory.users.map(\.id)
  let principals = users.map { snapshot.principal($0) }
  var mismatches: [String] = []
  for text in actions {
    let action = snapshot.action(parsing: text)
    for resource in universe.resources {
      let resolved = snapshot.resolve(resource)
      let expected = users.indices.filter {
        snapshot.can(principals[$0], action, resolved).isAllowed
      }.map { users[$0] }
      let grantees = snapshot.users(whoCan: action, on: resolved)
      let listed = grantees.map(\.user)
      if listed != expected || grantees.contains(where: \.memberships.isEmpty) {
        mismatches.append("\(text) \(resource): can allows \(expected), who-can lists \(listed)")
        if mismatches.count >= 3 { return mismatches }
      }
    }
  }
  return mismatches
}

@Suite("Who can")
struct WhoCanTests {
  @Test(arguments: FilterTests.seedBatches)
  func whoCanListsExactlyTheUsersCanAllowsOnRandomCorpora(_ seeds: [UInt64]) throws {
    for seed in seeds {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
      let snapshot = try Snapshot(
        policy: CompiledPolicy(corpus.policy), directory: corpus.directory)
      let universe = Universe(snapshot)
      var rng = SplitMix64(seed: seed ^ 0x3C0)
      let mismatches = whoCanMismatches(
        snapshot, universe, actions: rng.sample(universe.actions, count: 6))
      #expect(
        mismatches.isEmpty,
        "seed \(seed) (CLEARANCE_DIFF_SEED=\(seed)): \(mismatches.joined(separator: "\n"))")
    }
  }

  @Test(arguments: ["example", "repairops", "garageos", "refritrak", "opsos"])
  func whoCanListsExactlyTheUsersCanAllowsOnFixtures(_ name: String) throws {
    let snapshot = try loadFixture(named: name).snapshot
    let universe = Universe(snapshot)
    var rng = SplitMix64(seed: 77)
    let mismatches = whoCanMismatches(
      snapshot, universe, actions: rng.sample(universe.actions, count: 8))
    #expect(mismatches.isEmpty, "\(name): \(mismatches.joined(separator: "\n"))")
  }

  @Test func whoCanNamesTheMembershipsAndTheirRelation() throws {
    let snapshot = try Shop.snapshot()
    let grantees = snapshot.users(
      whoCan: "tickets::ticket::read", on: Resource(org: "east", shop: "harbor"))
    #expect(grantees.map(\.user) == ["tina", "reg"])
    #expect(
      grantees.map { $0.memberships.map { "\($0.org)/\($0.role)/\($0.relation)" } } == [
        ["east/MANAGER/shop"], ["hq/REGIONAL/tree"],
      ])
    #expect(snapshot.users(whoCan: "tickets::ticket::nope", on: Resource(org: "hq")).isEmpty)
    #expect(snapshot.users(whoCan: "tickets::ticket::read", on: Resource(org: "closed")).isEmpty)
  }
}
