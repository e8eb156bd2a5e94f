import Clearance
import Testing

/// The directory's update primitives one by one: the edit each makes to the written
/// directory, the access it grants or revokes, which handles it keeps valid, and the
/// path and code of each refusal.
@Suite("Semantics 1 — directory update primitives")
struct DirectoryPrimitiveTests {
  /// The paths and codes of the issues `body` throws.
  func refusal(_ body: () throws -> Snapshot) -> [String] {
    do {
      _ = try body()
      return []
    } catch let error as ValidationError {
      return error.issues.map { "\($0.path) \($0.code)" }
    } catch {
      return ["\(error)"]
    }
  }

  @Test func addingAUserAppendsItAndInvalidatesResources() throws {
    let s = try Shop.snapshot()
    let hq = s.resolve(Resource(org: "hq"))
    let changed = try s.addingUser(User("nina"))
    var edited = Shop.directory
    edited.users.append(User("nina"))
    #expect(changed.directory == edited)
    #expect(changed.can("nina", "tickets::ticket::read", Resource(org: "hq")) == .deny(.notMember))
    #expect(!changed.isValid(hq))
    #expect(
      changed.can(changed.principal("olga"), s.action("tickets::ticket::read"), hq)
        == .deny(.handleMismatch))
    #expect(refusal { try s.addingUser(User("olga")) } == ["user.id duplicate"])
    #expect(refusal { try s.addingUser(User("")) } == ["user.id illFormed"])
  }

  @Test func invitingAMemberGrantsAccessAndIsWrittenLast() throws {
    let s = try Shop.snapshot(Self.withNewcomer)
    let invite = Membership(
      user: "nina", org: "hq", role: "MANAGER", shops: ["south"],
      grants: [Grant("payments::payment::record")])
    let changed = try s.addingMembership(invite)
    var edited = Self.withNewcomer
    edited.memberships.append(invite)
    #expect(changed.directory == edited)
    let ticket = Resource(org: "hq", shop: "south")
    #expect(s.can("nina", "tickets::ticket::edit", ticket) == .deny(.notMember))
    #expect(changed.can("nina", "tickets::ticket::edit", ticket) == .allow)
    #expect(changed.can("nina", "payments::payment::record", Resource(org: "hq")) == .allow)
    // The invitee's principal from before is refused; others' stay valid.
    #expect(!changed.isValid(s.principal("nina")))
    #expect(changed.isValid(s.resolve(ticket)))
  }

  @Test func invitingNamesEveryBadField() throws {
    let s = try Shop.snapshot()
    #expect(
      refusal {
        try s.addingMembership(
          Membership(
            user: "ghost", org: "nowhere", role: "KING", shops: ["north"],
            grants: [Grant("nothing::*::*")]))
      } == [
        "membership.user unknownReference", "membership.org unknownReference",
        "membership.role unknownReference", "membership.grants[0].permission matchesNothing",
      ])
    #expect(
      refusal {
        try s.addingMembership(Membership(user: "olga", org: "hq", role: "TECH"))
      } == ["membership duplicate"])
    #expect(
      refusal {
        try s.addingMembership(
          Membership(user: "olga", org: "east", role: "TECH", shops: ["north"]))
      } == ["membership.shops[0] unknownReference"])
  }

  @Test func removingAMemberRevokesAllAccessAtOnce() throws {
    let s = try Shop.snapshot()
    let tina = s.principal("tina")
    let read = s.action("tickets::ticket::read")
    let changed = try s.removingMembership(of: "tina", in: "east")
    var edited = Shop.directory
    edited.memberships.remove(at: 3)
    #expect(changed.directory == edited)
    let harbor = Resource(org: "east", shop: "harbor")
    #expect(s.can("tina", "tickets::ticket::read", harbor) == .allow)
    // Her membership in hq still relates to east (at tree), but grants nothing there.
    #expect(changed.can("tina", "tickets::ticket::read", harbor) == .deny(.notPermitted))
    let max = try s.removingMembership(of: "max", in: "hq")
    #expect(max.can("max", "tickets::ticket::read", Resource(org: "hq")) == .deny(.notMember))
    #expect(
      changed.can("tina", "tickets::ticket::read", Resource(org: "east"))
        == .deny(.notPermitted))
    #expect(
      changed.can(tina, read, changed.resolve(Resource(org: "east"))) == .deny(.handleMismatch))
    #expect(
      refusal { try s.removingMembership(of: "tina", in: "west") } == [
        "membership unknownReference"
      ])
  }

  @Test func changingARoleKeepsEveryHandleValid() throws {
    let s = try Shop.snapshot()
    let cash = s.principal("cash")
    let edit = s.action("tickets::ticket::edit")
    let north = s.resolve(Resource(org: "hq", shop: "north"))
    let changed = try s.changingRole(of: "cash", in: "hq", to: "OWNER")
    #expect(changed.isValid(cash) && changed.isValid(north) && changed.isValid(edit))
    #expect(s.can(cash, edit, north) == .deny(.notPermitted))
    #expect(changed.can(cash, edit, north) == .allow)
    #expect(changed.can(cash, edit, north) == changed.can(changed.principal("cash"), edit, north))
  }

  @Test func settingShopsReplacesThem() throws {
    let s = try Shop.snapshot()
    let changed = try s.settingShops(["south", "south"], for: "max", in: "hq")
    var edited = Shop.directory
    edited.memberships[1].shops = ["south", "south"]
    #expect(changed.directory == edited)
    #expect(
      changed.can("max", "tickets::ticket::edit", Resource(org: "hq", shop: "south")) == .allow)
    #expect(
      changed.can("max", "tickets::ticket::edit", Resource(org: "hq", shop: "north"))
        == .deny(.notPermitted))
    #expect(
      refusal { try s.settingShops(["harbor"], for: "max", in: "hq") } == [
        "shops[0] unknownReference"
      ])
    #expect(
      refusal { try s.settingShops([], for: "max", in: "east") } == ["membership unknownReference"])
  }

  @Test func directGrantsAreAddedRemovedAndSet() throws {
    let s = try Shop.snapshot()
    let grant = Grant("tickets::ticket::read", scope: .tree)
    let added = try s.addingDirectGrant(grant, for: "sam", in: "hq")
    #expect(added.can("sam", "tickets::ticket::read", Resource(org: "east")) == .allow)
    let removed = try added.removingDirectGrant(grant, for: "sam", in: "hq")
    #expect(removed.directory == Shop.directory)
    #expect(
      removed.can("sam", "tickets::ticket::read", Resource(org: "east")) == .deny(.notPermitted))
    let set = try s.settingDirectGrants([grant, grant], for: "ret", in: "hq")
    var edited = Shop.directory
    edited.memberships[8].grants = [grant, grant]
    #expect(set.directory == edited)
    let cleared = try s.settingDirectGrants([], for: "ret", in: "hq")
    edited.memberships[8].grants = []
    #expect(cleared.directory == edited)
    #expect(
      cleared.can("ret", "payments::payment::record", Resource(org: "hq")) == .deny(.notPermitted))
    #expect(
      refusal { try s.removingDirectGrant(grant, for: "sam", in: "hq") } == [
        "grant unknownReference"
      ])
    #expect(
      refusal { try s.settingDirectGrants([Grant("nothing::*::*")], for: "sam", in: "hq") }
        == ["grants[0].permission matchesNothing"])
  }

  @Test func deactivatingAndReactivatingAUser() throws {
    let s = try Shop.snapshot()
    let off = try s.settingUser("max", isActive: false)
    #expect(
      off.can("max", "tickets::ticket::read", Resource(org: "hq")) == .deny(.principalInactive))
    let on = try off.settingUser("max", isActive: true)
    #expect(on.directory == Shop.directory)
    #expect(refusal { try s.settingUser("ghost", isActive: true) } == ["user unknownReference"])
  }

  @Test func addingAnOrganizationMakesItALeafOfItsParent() throws {
    let s = try Shop.snapshot()
    let reg = s.principal("reg")
    let org = Organization("harbor-2", parent: "east", plan: "pro", shops: ["dock"])
    let changed = try s.addingOrganization(org)
    var edited = Shop.directory
    edited.organizations.append(org)
    #expect(changed.directory == edited)
    #expect(changed.isValid(reg))
    let read = changed.action("tickets::ticket::read")
    #expect(changed.can(reg, read, changed.resolve(Resource(org: "harbor-2"))) == .allow)
    #expect(
      refusal {
        try s.addingOrganization(
          Organization(
            "hq", parent: "nowhere", plan: "gold", featureOverrides: ["money": true],
            shops: ["a", "a", ""]))
      } == [
        "organization.id duplicate", "organization.parent unknownReference",
        "organization.plan unknownReference", "organization.features.money unknownReference",
        "organization.shops[1] duplicate", "organization.shops[2] illFormed",
      ])
  }

  @Test func handlesOfAnotherLineageAreNeverValid() throws {
    let a = try Shop.snapshot()
    let b = try Shop.snapshot()
    #expect(!b.isValid(a.principal("olga")))
    #expect(!b.isValid(a.principal("ghost")))
    #expect(!b.isValid(a.resolve(Resource(org: "hq"))))
    #expect(
      b.can(
        a.principal("olga"), b.action("tickets::ticket::read"), b.resolve(Resource(org: "hq")))
        == .deny(.handleMismatch))
  }

  @Test func aSnapshotKeepsNoCopyOfItsInputButWritesItBack() throws {
    var directory = Shop.directory
    directory.memberships[1].shops = ["north", "north"]
    let s = try Shop.snapshot(directory)
    #expect(s.directory == directory)
  }

  /// The shop directory with one more user, without memberships.
  static var withNewcomer: Directory {
    var directory = Shop.directory
    directory.users.append(User("nina"))
    return directory
  }
}
