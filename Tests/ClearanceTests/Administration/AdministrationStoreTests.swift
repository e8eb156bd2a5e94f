// The store and the log: replay gives byte-identical snapshots, a replica detects a gap,
// a request waits for the version it follows, decisions by names read one snapshot, and
// the JSON forms of operations, cases and the policy section round-trip.

import Clearance
import ClearanceJSON
import Foundation
import Testing

@Suite("Administration: store, log and replicas")
struct AdministrationStoreTests {
  /// A random log of operations (accepted and rejected) on a random corpus.
  static func randomLog(seed: UInt64, count: Int) -> (Snapshot, [AdministrationOperation])? {
    guard let model = AdministrationModel(seed: seed) else { return nil }
    var generator = OperationGenerator(seed: seed)
    _ = generator.start()
    var snapshot = model.start
    var log: [AdministrationOperation] = []
    for _ in 0..<count {
      let operation = generator.operation(on: snapshot)
      log.append(operation)
      snapshot = (try? snapshot.applying(operation)) ?? snapshot
    }
    return (model.start, log)
  }

  @Test(arguments: [UInt64(8_000_001), 8_000_002, 8_000_003, 8_000_004])
  func twoStoresFedTheSameLogEndByteIdentical(_ seed: UInt64) throws {
    let (start, log) = try #require(Self.randomLog(seed: seed, count: 80))
    // The second store starts from the files of the first, as another machine would.
    let policy = try JSONDocuments.decode(
      Policy.self, from: JSONDocuments.encode(start.currentPolicy))
    let directory = try JSONDocuments.decode(
      Directory.self, from: JSONDocuments.encode(start.directory))
    let first = SnapshotStore(start)
    let second = SnapshotStore(try Snapshot(policy: CompiledPolicy(policy), directory: directory))
    var decisions: [[Bool]] = [[], []]
    for operation in log {
      for (i, store) in [first, second].enumerated() {
        do {
          try store.apply(operation)
          decisions[i].append(true)
        } catch {
          decisions[i].append(false)
        }
      }
    }
    #expect(decisions[0] == decisions[1])
    #expect(first.current.version == second.current.version)
    #expect(first.current.version == UInt64(decisions[0].filter { $0 }.count))
    #expect(
      try JSONDocuments.encode(first.current.currentPolicy)
        == JSONDocuments.encode(second.current.currentPolicy))
    #expect(
      try JSONDocuments.encode(first.current.directory)
        == JSONDocuments.encode(second.current.directory))
  }

  @Test func aReplicaFollowsThePrimaryAndDetectsAGap() throws {
    let (start, log) = try #require(Self.randomLog(seed: 8_000_005, count: 60))
    let primary = SnapshotStore(start)
    var entries: [LoggedOperation] = []
    for (time, operation) in log.enumerated() {
      if let next = try? primary.apply(operation, at: Timestamp(seconds: Int64(time))) {
        entries.append(
          LoggedOperation(version: next.version, time: Int64(time), operation: operation))
      }
    }
    try #require(entries.count >= 3)
    let replica = SnapshotStore(start)
    #expect(try replica.replay(entries[0]))
    // Entry 1 is lost on the way: entry 2 reveals the gap, and nothing is applied.
    #expect(throws: ReplicationError.gap(current: 1, received: 3)) {
      try replica.replay(entries[2])
    }
    #expect(replica.current.version == 1)
    // A request that follows version 3 must not be decided on the replica yet.
    #expect(replica.current(atLeast: 3) == nil)
    for entry in entries.dropFirst() { try replica.replay(entry) }
    // Entries delivered twice are skipped.
    #expect(try replica.replay(entries[0]) == false)
    #expect(replica.current(atLeast: 3) != nil)
    #expect(replica.current.version == primary.current.version)
    #expect(
      try JSONDocuments.encode(replica.current.directory)
        == JSONDocuments.encode(primary.current.directory))
    // The log itself is JSON, one entry per line for a stream.
    let line = try JSONDocuments.encode(entries[1])
    #expect(try JSONDocuments.decode(LoggedOperation.self, from: line) == entries[1])
  }

  @Test func aReplicaOnAnotherStartDiverges() throws {
    let office = try Office.snapshot()
    let store = SnapshotStore(office)
    let removal = AdministrationOperation(actor: "ada", .removeMember(user: "sue", org: "acme"))
    try store.replay(LoggedOperation(version: 1, operation: removal))
    #expect(
      throws: ReplicationError.diverged(
        version: 2, AdministrationRejection(.unknownTarget, "sue is not a member of acme"))
    ) {
      try store.replay(LoggedOperation(version: 2, operation: removal))
    }
  }

  @Test func decisionsByNameReadTheCurrentSnapshot() throws {
    let store = SnapshotStore(try Office.snapshot())
    let read = Resource(org: "acme")
    #expect(store.can("sue", "tickets::ticket::read", read) == .allow)
    try store.apply(
      AdministrationOperation(actor: "ada", .deactivateUser(user: "sue", org: "acme")))
    #expect(store.can("sue", "tickets::ticket::read", read) == .deny(.principalInactive))
    #expect(store.current(atLeast: 1)?.version == 1)
  }

  @Test func anUpdateByMethodReferenceKeepsItsTypedError() throws {
    let store = SnapshotStore(try Office.snapshot())
    try store.update(Snapshot.changingRole(of:in:to:), "sue", "acme", "MANAGER")
    #expect(store.current.adminRoleForTests(of: "sue", in: "acme") == "MANAGER")
    // The error is a ValidationError without annotation, and nothing is published.
    do {
      try store.update(Snapshot.changingRole(of:in:to:), "ghost", "acme", "MANAGER")
      Issue.record("an unknown user was given a role")
    } catch {
      let typed: ValidationError = error
      #expect(!typed.issues.isEmpty)
    }
    #expect(store.current.adminRoleForTests(of: "sue", in: "acme") == "MANAGER")
  }

  @Test func everyOperationRoundTripsThroughJSON() throws {
    let grant = Grant("tickets::ticket::read", scope: .shop, states: ["OPEN"])
    let changes: [AdministrationOperation.Change] = [
      .invite(user: "u", org: "o", role: "R", shops: ["s"]),
      .changeRole(user: "u", org: "o", role: "R"),
      .removeMember(user: "u", org: "o"), .deactivateUser(user: "u", org: "o"),
      .reactivateUser(user: "u", org: "o"), .transferOwnership(user: "u", org: "o"),
      .deactivateOrg(org: "o"), .reactivateOrg(org: "o"),
      .createRole(org: "o", role: Role("R", inherits: ["P"], grants: [grant])),
      .editRole(org: "o", role: "R", name: "N", grants: [grant], inherits: []),
      .editRole(org: "o", role: "R", name: nil, grants: nil, inherits: ["P"]),
      .deleteRole(org: "o", role: "R"), .restoreRole(org: "o", role: "R"),
      .grantDirect(user: "u", org: "o", grant: grant, withPrerequisites: true),
      .revokeDirect(user: "u", org: "o", permission: "a::b::c", scope: .tree),
      .revokeDirect(user: "u", org: "o", permission: "a::b::*", scope: nil),
      .setPlan(org: "o", plan: "p"), .setPlan(org: "o", plan: nil),
      .setFeature(org: "o", feature: "f", enabled: false),
      .setFeature(org: "o", feature: "f", enabled: nil),
      .createAPIKey(
        NewAPIKey(
          user: "u", org: "o", scope: .write, expiry: .days90, created: Timestamp(seconds: 86_400),
          name: "Sync")),
      .createAPIKey(
        NewAPIKey(
          user: "u", org: "o", scope: .read, expiry: .never, created: Timestamp(seconds: 0),
          id: "0123456789abcdef", digest: SHA256.hash("secret".utf8))),
      .revokeAPIKey(org: "o", id: "0123456789abcdef"),
      .setAllowlist(org: "o", entries: ["10.0.0.0/8", "2001:db8::1"]),
      .setAllowlist(org: "o", entries: nil),
      .setMFA(org: "o", enforcement: MFAEnforcement(.admins, since: Timestamp(seconds: 60))),
      .setMFA(org: "o", enforcement: nil),
    ]
    var operations = changes.map { AdministrationOperation(actor: "a", activeMode: true, $0) }
    operations.append(AdministrationOperation(actor: "a", .batch(operations)))
    #expect(Set(operations.map(\.kind)) == Set(AdministrationOperation.Kind.allCases))
    for operation in operations {
      let data = try JSONDocuments.encode(operation)
      #expect(try JSONDocuments.decode(AdministrationOperation.self, from: data) == operation)
    }
    let text =
      #"{"op": "changeRole", "actor": "olivia", "user": "tom", "org": "fixit", "role": "MANAGER"}"#
    #expect(
      try JSONDocuments.decode(AdministrationOperation.self, from: Data(text.utf8))
        == AdministrationOperation(
          actor: "olivia", .changeRole(user: "tom", org: "fixit", role: "MANAGER")))
  }

  @Test func malformedOperationsNameTheirPlace() {
    let cases = [
      (#"{"op": "promote", "actor": "a"}"#, "op: unknown operation \"promote\""),
      (
        #"{"op": "removeMember", "actor": "a", "user": "u", "org": "o", "role": "R"}"#,
        "role: unknown field \"role\" for operation \"removeMember\""
      ),
      (#"{"op": "removeMember", "user": "u", "org": "o"}"#, "missing field \"actor\""),
    ]
    for (text, expected) in cases {
      var message = "decoded"
      do {
        _ = try JSONDocuments.decode(AdministrationOperation.self, from: Data(text.utf8))
      } catch {
        message = error.description
      }
      #expect(message.hasPrefix(expected), "\(message)")
    }
  }

  @Test func theAdministrationSectionRoundTripsAndIsValidated() throws {
    let policy = Office.policy()
    let data = try JSONDocuments.encode(policy)
    #expect(try JSONDocuments.decode(Policy.self, from: data) == policy)
    var wrong = Office.rules
    wrong.owner?.role = "OWNR"
    wrong.permissions[.invite] = "admin::members::invit"
    wrong.assignable?.invite?["MANAGER"] = ["STAF"]
    #expect(
      throws: ValidationError([
        ValidationIssue(
          path: "administration.permissions.invite", code: .unknownReference,
          message: "unknown permission \"admin::members::invit\""),
        ValidationIssue(
          path: "administration.assignable.invite.MANAGER[0]", code: .unknownReference,
          message: "unknown role \"STAF\""),
        ValidationIssue(
          path: "administration.owner.role", code: .unknownReference,
          message: "unknown role \"OWNR\""),
      ])
    ) {
      try CompiledPolicy(Office.policy(wrong))
    }
  }
}

@Suite("Administration: fixtures")
struct AdministrationFixtureTests {
  @Test(arguments: ["repairops", "garageos", "refritrak", "opsos"])
  func everyAdministrationCaseHolds(_ name: String) throws {
    let fixture = try Fixture(folder: packageRoot.appendingPathComponent("Fixtures/\(name)").path)
    let cases = try fixture.administrationCases()
    #expect(cases.count >= 30, "\(name) has \(cases.count) administration cases")
    for administrationCase in cases {
      let failures = administrationCase.failures(on: fixture.snapshot)
      #expect(failures.isEmpty, "\(name): \(administrationCase.name): \(failures)")
    }
    // Both outcomes are represented, and several rules.
    let rules = Set(cases.map(\.expect))
    #expect(rules.contains(.accepted) && rules.count >= 5)
  }
}

extension Snapshot {
  /// The role of `user` in `org`, read from the written directory.
  fileprivate func adminRoleForTests(of user: UserID, in org: OrgID) -> RoleID? {
    directory.memberships.first { $0.user == user && $0.org == org }?.role
  }
}
