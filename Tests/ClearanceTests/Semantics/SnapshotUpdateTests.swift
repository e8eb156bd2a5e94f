import Clearance
import Testing

/// docs/SEMANTICS.md section 1, policy, directory and snapshots: every change produces a
/// new snapshot that decides like one built from the changed values; the old one keeps
/// its answers.
@Suite("Semantics 1 — a directory update decides like a rebuilt snapshot")
struct DirectoryUpdateTests {
  /// Every request of a small grid, decided on two snapshots.
  func decisions(_ s: Snapshot) -> [Decision] {
    var result: [Decision] = []
    for user: UserID in ["olga", "max", "tina", "cash", "sam", "gone"] {
      for action in [
        "tickets::ticket::read", "tickets::ticket::edit", "payments::payment::record",
        "ticket:VOIDED",
      ] {
        for org: OrgID in ["hq", "east", "west"] {
          result.append(
            s.can(user, ActionName(action), Resource(org: org, shop: "north", state: "INTAKE")))
        }
      }
    }
    return result
  }

  @Test func changingARoleDecidesLikeRebuildingTheDirectory() throws {
    let s = try Shop.snapshot()
    var edited = Shop.directory
    edited.memberships[4].role = "MANAGER"  // cash in hq
    let changed = try s.changingRole(of: "cash", in: "hq", to: "MANAGER")
    #expect(changed.directory == edited)
    #expect(decisions(changed) == decisions(try Shop.snapshot(edited)))
    #expect(decisions(changed) != decisions(s))
  }

  @Test func addingADirectGrantDecidesLikeRebuildingTheDirectory() throws {
    let s = try Shop.snapshot()
    var edited = Shop.directory
    edited.memberships[6].grants.append(Grant("tickets::ticket::read", scope: .tree))  // sam
    let changed = try s.addingDirectGrant(
      Grant("tickets::ticket::read", scope: .tree), for: "sam", in: "hq")
    #expect(changed.directory == edited)
    #expect(decisions(changed) == decisions(try Shop.snapshot(edited)))
    #expect(changed.can("sam", "tickets::ticket::read", Resource(org: "east")) == .allow)
  }

  @Test func deactivatingAUserRevokesAccessInTheNextSnapshotOnly() throws {
    let s = try Shop.snapshot()
    let olga = s.principal("olga")
    let read = s.action("tickets::ticket::read")
    let changed = try s.settingUser("olga", isActive: false)
    #expect(
      changed.can("olga", "tickets::ticket::read", Resource(org: "hq")) == .deny(.principalInactive)
    )
    #expect(s.can(olga, read, s.resolve(Resource(org: "hq"))) == .allow)
    // A principal resolved before the change is refused, not trusted.
    #expect(changed.can(olga, read, changed.resolve(Resource(org: "hq"))) == .deny(.handleMismatch))
  }

  @Test func updatesNameWhatIsUnknown() throws {
    let s = try Shop.snapshot()
    #expect(throws: ValidationError.self) { try s.changingRole(of: "olga", in: "east", to: "TECH") }
    #expect(throws: ValidationError.self) { try s.changingRole(of: "olga", in: "hq", to: "KING") }
    #expect(throws: ValidationError.self) {
      try s.addingDirectGrant(Grant("nothing::*::*"), for: "olga", in: "hq")
    }
    #expect(throws: ValidationError.self) { try s.settingUser("ghost", isActive: false) }
  }
}

@Suite("Semantics 1 — directory updates when memberships are not declared user by user")
struct InterleavedMembershipUpdateTests {
  // Memberships declared org by org, so their order differs from the user-grouped order
  // the structure keeps.
  static let directory = Directory(
    organizations: [
      Organization("hq", plan: "pro", shops: ["north"]), Organization("east", parent: "hq"),
    ],
    users: ["ann", "bob"],
    memberships: [
      Membership(user: "ann", org: "hq", role: "TECH"),
      Membership(user: "bob", org: "hq", role: "CASHIER", grants: [Grant("tickets::ticket::read")]),
      Membership(user: "ann", org: "east", role: "CASHIER"),
    ])

  @Test func changingARoleEditsThatMembershipOfTheSourceDirectory() throws {
    let s = try Shop.snapshot(Self.directory)
    let changed = try s.changingRole(of: "bob", in: "hq", to: "OWNER")
    var edited = Self.directory
    edited.memberships[1].role = "OWNER"
    #expect(changed.directory == edited)
  }

  @Test func addingADirectGrantKeepsThatMembershipsOwnGrants() throws {
    let s = try Shop.snapshot(Self.directory)
    let changed = try s.addingDirectGrant(Grant("payments::payment::record"), for: "bob", in: "hq")
    var edited = Self.directory
    edited.memberships[1].grants.append(Grant("payments::payment::record"))
    #expect(changed.directory == edited)
    #expect(changed.can("bob", "tickets::ticket::read", Resource(org: "hq")) == .allow)
    let rebuilt = try Shop.snapshot(edited)
    #expect(
      changed.can("ann", "payments::payment::record", Resource(org: "east"))
        == rebuilt.can("ann", "payments::payment::record", Resource(org: "east")))
  }
}
