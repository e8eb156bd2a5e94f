// The administration rules on grants, revocation, batches, versions and audit: the rest of
// `AdministrationRuleTests`, on the same `Office` policy.

import Clearance
import Testing

extension AdministrationRuleTests {
  @Test func grantingAPermissionCanGrantItsMissingPrerequisitesToo() throws {
    let plain = try office.applying(
      AdministrationOperation(
        actor: "ada",
        .grantDirect(
          user: "cy", org: "acme", grant: Grant("tickets::ticket::edit", scope: .tree),
          withPrerequisites: false)))
    // cy reads at org from the role; edit reaches the sub-organization, read does not.
    #expect(plain.can("cy", "tickets::ticket::edit", Resource(org: "east")) == .deny(.notPermitted))
    let full = try office.applying(
      AdministrationOperation(
        actor: "ada",
        .grantDirect(
          user: "max", org: "acme", grant: Grant("tickets::ticket::edit", scope: .tree),
          withPrerequisites: true)))
    let grants = full.directory.memberships.first { $0.user == "max" }?.grants
    #expect(
      grants == [
        Grant("tickets::ticket::edit", scope: .tree), Grant("tickets::ticket::read", scope: .tree),
      ])
    let already = try office.applying(
      AdministrationOperation(
        actor: "ada",
        .grantDirect(
          user: "max", org: "acme", grant: Grant("tickets::ticket::edit"), withPrerequisites: true))
    )
    #expect(
      already.directory.memberships.first { $0.user == "max" }?.grants == [
        Grant("tickets::ticket::edit")
      ])
    #expect(already.can("max", "tickets::ticket::edit", Resource(org: "acme")).isAllowed)
    #expect(
      outcome(
        full, "ada",
        .revokeDirect(user: "max", org: "acme", permission: "tickets::ticket::read", scope: .org))
        == .unknownTarget)
    #expect(
      outcome(
        full, "ada",
        .revokeDirect(user: "max", org: "acme", permission: "tickets::ticket::read", scope: .tree))
        == nil)
  }

  @Test func deactivatingAUserNeedsThePermissionWhereverTheyAreAMember() throws {
    // ed owns east only; sue also works in acme.
    #expect(outcome(office, "ed", .deactivateUser(user: "sue", org: "east")) == .notPermitted)
    #expect(outcome(office, "ed", .removeMember(user: "sue", org: "east")) == nil)
    #expect(outcome(office, "ada", .deactivateUser(user: "sue", org: "east")) == nil)
  }

  @Test func nobodyGrantsBeyondTheirOwnAccess() throws {
    let held = try without { $0.grantOnlyHeld = true }
    // max (MANAGER) holds ticket read at org, not edit; ada (ADMIN) holds no tickets at all.
    let read = Grant("tickets::ticket::read")
    #expect(
      outcome(
        held, "olga",
        .grantDirect(
          user: "sue", org: "acme", grant: Grant("tickets::ticket::edit"), withPrerequisites: false)
      ) == nil)
    #expect(
      outcome(
        held, "ada", .grantDirect(user: "sue", org: "acme", grant: read, withPrerequisites: false))
        == .beyondOwnAccess)
    #expect(
      outcome(held, "ada", .createRole(org: "acme", role: Role("X", inherits: ["STAFF"])))
        == .beyondOwnAccess)
    #expect(
      outcome(
        held, "ada",
        .createRole(org: "acme", role: Role("X", grants: [Grant("admin::members::invite")]))) == nil
    )
    #expect(
      outcome(
        held, "ada",
        .editRole(org: "acme", role: "CUSTOM", name: nil, grants: nil, inherits: ["MANAGER"]))
        == .beyondOwnAccess)
    // A grant at a wider scope than the actor's own is beyond it too.
    #expect(
      outcome(
        held, "ada",
        .grantDirect(
          user: "sue", org: "acme", grant: Grant("admin::members::invite", scope: .tree),
          withPrerequisites: false)) == nil)
    #expect(
      outcome(
        held, "ada",
        .grantDirect(
          user: "sue", org: "acme", grant: Grant("admin::org::deactivate", scope: .tree),
          withPrerequisites: false)) == .beyondOwnAccess)
    #expect(
      outcome(
        office, "ada", .grantDirect(user: "sue", org: "acme", grant: read, withPrerequisites: false)
      ) == nil)
  }

  @Test func removalAndDeactivationRevokeAllAccessInTheNextSnapshot() throws {
    let read = Resource(org: "acme")
    #expect(office.can("sue", "tickets::ticket::read", read).isAllowed)
    let removed = try office.applying(
      AdministrationOperation(actor: "ada", .removeMember(user: "sue", org: "acme")))
    #expect(removed.can("sue", "tickets::ticket::read", read) == .deny(.notMember))
    let deactivated = try office.applying(
      AdministrationOperation(actor: "ada", .deactivateUser(user: "sue", org: "acme")))
    #expect(deactivated.can("sue", "tickets::ticket::read", read) == .deny(.principalInactive))
    // History stays: the user and the membership are still in the directory.
    #expect(deactivated.directory.memberships.contains { $0.user == "sue" })
    // The old snapshot is untouched.
    #expect(office.can("sue", "tickets::ticket::read", read).isAllowed)
  }

  @Test func aBatchIsAllOrNothingAndCountsAsOneVersion() throws {
    let good = AdministrationOperation(
      actor: "ada", .invite(user: "new", org: "acme", role: "STAFF", shops: []))
    let bad = AdministrationOperation(
      actor: "max", .invite(user: "two", org: "acme", role: "OWNER", shops: []))
    #expect(
      throws: AdministrationRejection(
        .notAssignable, "operations[1] (invite): max (MANAGER) may not invite as OWNER in acme")
    ) {
      try office.applying(AdministrationOperation(actor: "ada", .batch([good, bad])))
    }
    let both = try office.applying(
      AdministrationOperation(actor: "ada", .batch([good, good.with(user: "two")])))
    #expect(both.version == office.version + 1)
    #expect(both.directory.memberships.count == office.directory.memberships.count + 2)
    let nested = AdministrationOperation(
      actor: "ada", .batch([AdministrationOperation(actor: "ada", .batch([good]))]))
    #expect(outcome(office, "ada", nested.change) == .invalid)
    let huge = Array(repeating: good, count: Snapshot.maximumBatchSize + 1)
    #expect(outcome(office, "ada", .batch(huge)) == .invalid)
  }

  @Test func versionsCountAppliedOperations() throws {
    #expect(office.version == 0)
    let one = try office.applying(
      AdministrationOperation(actor: "ada", .setPlan(org: "acme", plan: nil)))
    let two = try one.applying(
      AdministrationOperation(actor: "ada", .removeMember(user: "sue", org: "acme")))
    #expect((one.version, two.version) == (1, 2))
    // Updates that are not operations keep the version.
    #expect(try two.settingPlan(nil, for: "acme").version == 2)
    #expect(try two.replacingDirectory(two.directory).version == 2)
    #expect(try two.changingRole(of: "max", in: "acme", to: "STAFF").version == 2)
    #expect(outcome(two, "ada", .removeMember(user: "sue", org: "acme")) == .unknownTarget)
  }

  @Test func everyAttemptIsAudited() throws {
    let recorder = InMemoryAuditSink()
    let store = SnapshotStore(office)
    try store.apply(
      AdministrationOperation(actor: "ada", .removeMember(user: "sue", org: "acme")),
      at: Timestamp(seconds: 10), audit: recorder)
    #expect(throws: AdministrationRejection.self) {
      try store.apply(
        AdministrationOperation(actor: "ada", .removeMember(user: "ada", org: "acme")),
        at: Timestamp(seconds: 11), audit: recorder)
    }
    let events = recorder.events
    #expect(events.map(\.timestamp) == [Timestamp(seconds: 10), Timestamp(seconds: 11)])
    #expect(events.map(\.actor) == ["ada", "ada"])
    #expect(events.map(\.action) == ["removeMember", "removeMember"])
    #expect(events.map(\.resource) == ["user sue in acme", "user ada in acme"])
    #expect(events.map(\.isAccepted) == [true, false])
    #expect(events.map(\.rule) == [nil, .selfProtection])
    #expect(events.map(\.version) == [1, 1])
    #expect(events[1].summary == "rejected: selfProtection: ada may not remove themselves")
  }
}
