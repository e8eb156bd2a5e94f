// Exactness of `filter`: over the whole universe of a snapshot (see Universe.swift), the
// filter matches a resource iff `can` allows it, for every principal and action, on
// seeded random corpora and on every fixture.
//
// Environment: `CLEARANCE_DIFF_SEED=S` replays one corpus (as the differential suite).

import Clearance
import ClearanceJSON
import ClearanceTestSupport
import Testing

/// Compares `filter` with `can` over a universe; returns a description of the first
/// mismatches (at most `limit`), and the number of checks made.
func filterMismatches(
  _ snapshot: Snapshot, _ universe: Universe, actions: [String]? = nil, limit: Int = 3
) -> (mismatches: [String], checks: Int) {
  var mismatches: [String] = []
  var checks = 0
  for who in universe.principals {
    guard let principal = who.resolve(on: snapshot) else { continue }
    let resources = universe.resources(for: who.user)
    let resolved = resources.map { snapshot.resolve($0) }
    for text in actions ?? universe.actions {
      let action = snapshot.action(parsing: text)
      guard action.isDeclared else {
        if snapshot.filter(principal, action) != .never { mismatches.append("\(text): not never") }
        if snapshot.filter(who.user, text) != .never { mismatches.append("\(text): not never") }
        continue
      }
      let filter = snapshot.filter(principal, action)
      if who.host == nil && snapshot.filter(who.user, text) != filter {
        mismatches.append("\(who.user) \(text): by-name filter differs from by-handle filter")
      }
      for (i, resource) in resources.enumerated() {
        checks += 1
        let allowed = snapshot.can(principal, action, resolved[i]).isAllowed
        if allowed != filter.matches(resource) && mismatches.count < limit {
          mismatches.append(
            "\(who.user)\(who.host == nil ? "" : " (host)") \(text) \(resource): can "
              + "\(allowed ? "allows" : "denies"), filter \(filter)")
        }
      }
    }
  }
  return (mismatches, checks)
}

@Suite("Filter exactness")
struct FilterTests {
  static var seedBatches: [[UInt64]] {
    if let replay = DifferentialConfig.replaySeed { return [[replay]] }
    let seeds = Array(UInt64(1)...UInt64(24 * DifferentialConfig.scale))
    return (0..<4).map { b in stride(from: b, to: seeds.count, by: 4).map { seeds[$0] } }
  }

  @Test(arguments: seedBatches)
  func filterMatchesExactlyWhatCanAllowsOnRandomCorpora(_ seeds: [UInt64]) throws {
    for seed in seeds {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
      let snapshot = try Snapshot(
        policy: CompiledPolicy(corpus.policy), directory: corpus.directory)
      let universe = Universe(
        snapshot, extraPrincipals: Universe.hostPrincipals(for: corpus, seed: seed))
      // A sample of actions per corpus, plus one that the policy does not declare.
      var rng = SplitMix64(seed: seed ^ 0xAC71)
      let actions = rng.sample(universe.actions, count: 10) + ["ghostflow:OPEN"]
      let (mismatches, checks) = filterMismatches(snapshot, universe, actions: actions)
      #expect(checks > 0)
      #expect(
        mismatches.isEmpty,
        "seed \(seed) (replay: CLEARANCE_DIFF_SEED=\(seed)): \(mismatches.joined(separator: "\n"))")
    }
  }

  @Test(arguments: ["example", "repairops", "garageos", "refritrak", "opsos"])
  func filterMatchesExactlyWhatCanAllowsOnFixtures(_ name: String) throws {
    let snapshot = try loadFixture(named: name).snapshot
    let (mismatches, checks) = filterMismatches(snapshot, Universe(snapshot))
    #expect(checks > 0)
    #expect(mismatches.isEmpty, "\(name): \(mismatches.joined(separator: "\n"))")
  }

  @Test func aTechSeesAssignedTicketsAndAManagerTheirShops() throws {
    let snapshot = try Shop.snapshot()
    #expect(
      snapshot.filter("tina", "tickets::ticket::read")
        == .or([
          .and([.orgIn(["hq"]), .assigneeIs("tina")]),
          .and([.orgIn(["east"]), .or([.assigneeIs("tina"), .shopIn(["harbor"])])]),
        ]))
    #expect(
      snapshot.filter("max", "tickets::ticket::read")
        == .and([.orgIn(["hq"]), .or([.assigneeIs("max"), .shopIn(["north"])])]))
    // A state condition on the grant: only while QC_REVIEW.
    #expect(
      snapshot.filter("sam", "tickets::ticket::read")
        == .and([.orgIn(["hq"]), .stateIn(["QC_REVIEW"])]))
    // Tree scope: hq and every live sub-organization ("closed" and below are not live).
    #expect(
      snapshot.filter("reg", "tickets::ticket::read") == .orgIn(["hq", "east", "west"]))
  }

  @Test func transitionsListTheCurrentStatesWithAnEdgeIntoTheTarget() throws {
    let snapshot = try Shop.snapshot()
    #expect(
      snapshot.filter("olga", "ticket:VOIDED")
        == .and([.orgIn(["hq"]), .stateIn(["INTAKE", "IN_REPAIR", "QC_REVIEW"])]))
    #expect(
      snapshot.filter("max", "ticket:QC_REVIEW")
        == .and([
          .orgIn(["hq"]), .or([.assigneeIs("max"), .shopIn(["north"])]), .stateIn(["IN_REPAIR"]),
        ]))
  }

  /// A user with memberships in 60 organizations (a tree), with roles, shops and state
  /// conditions varied so that the organizations fall into more than 16 groups, and
  /// organizations whose shops have the same names (but are other shops) share a group.
  static func manyGroups() throws -> Snapshot {
    let shopNames: [ShopID] = ["s0", "s1", "s2", "s3", "s4", "s5", "s6"]
    let orgs = (0..<60).map { i in
      Organization(
        OrgID("o\(i)"), parent: i == 0 ? nil : OrgID("o\((i - 1) / 3)"), shops: shopNames,
        isActive: i % 13 != 12)
    }
    let roles: [RoleID] = ["TECH", "MANAGER", "SALES", "MANAGER", "MANAGER", "TECH"]
    let memberships = (0..<60).map { i in
      Membership(
        user: "many", org: OrgID("o\(i)"), role: i == 20 ? "REGIONAL" : roles[i % roles.count],
        shops: i % 4 == 0 ? [] : [shopNames[i % 7]] + (i % 3 == 0 ? [shopNames[(i / 3) % 7]] : []),
        grants: i % 5 == 1 ? [Grant("tickets::ticket::read", states: ["QC_REVIEW"])] : [])
    }
    return try Shop.snapshot(
      Directory(
        organizations: orgs, users: [User("many"), User("other")],
        memberships: memberships + [Membership(user: "other", org: "o3", role: "TECH")]))
  }

  @Test func manyGroupsOfOrganizationsAreExact() throws {
    let snapshot = try Self.manyGroups()
    let filter = snapshot.filter("many", "tickets::ticket::read")
    guard case .or(let groups) = filter else {
      Issue.record("expected a disjunction of groups, got \(filter)")
      return
    }
    #expect(groups.count > 16)
    let actions = ["tickets::ticket::read", "tickets::ticket::edit", "ticket:QC_REVIEW"]
    let (mismatches, checks) = filterMismatches(snapshot, Universe(snapshot), actions: actions)
    #expect(checks > 0)
    #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
  }

  @Test func deniedPrincipalsAndActionsGiveNever() throws {
    let snapshot = try Shop.snapshot()
    #expect(snapshot.filter("gone", "tickets::ticket::read") == .never)
    #expect(snapshot.filter("nobody", "tickets::ticket::read") == .never)
    #expect(snapshot.filter("olga", "tickets::ticket::nope") == .never)
    // Retired role grants nothing; its direct grant is gated by the plan (pro has money).
    #expect(snapshot.filter("ret", "payments::payment::record") == .orgIn(["hq"]))
  }
}
