import Clearance
import Testing

/// docs/SEMANTICS.md section 3, grants, scope and relation: a grant covers a resource when
/// the membership's relation to it is within the grant's scope and its state conditions hold.
@Suite("Semantics 3 — grants, scope and relation")
struct ScopeTests {
  @Test func assignedScopeCoversOnlyTicketsAssignedToTheUser() throws {
    let s = try Shop.snapshot()
    #expect(s.can("tina", "tickets::ticket::read", Resource(org: "hq", assignee: "tina")) == .allow)
    #expect(
      s.can("tina", "tickets::ticket::read", Resource(org: "hq", shop: "north", assignee: "max"))
        == .deny(.notPermitted))
  }

  @Test func shopScopeCoversTheMembershipsShopsAndAssignedTickets() throws {
    let s = try Shop.snapshot()
    #expect(s.can("max", "tickets::ticket::edit", Resource(org: "hq", shop: "north")) == .allow)
    #expect(
      s.can("max", "tickets::ticket::edit", Resource(org: "hq", shop: "south"))
        == .deny(.notPermitted))
    #expect(
      s.can("max", "tickets::ticket::edit", Resource(org: "hq", shop: "south", assignee: "max"))
        == .allow)
    #expect(s.can("max", "tickets::ticket::edit", Resource(org: "hq")) == .deny(.notPermitted))
  }

  @Test func orgScopeCoversTheWholeOrganizationButNotSubOrganizations() throws {
    let s = try Shop.snapshot()
    #expect(
      s.can("cash", "payments::payment::record", Resource(org: "hq", shop: "south")) == .allow)
    #expect(
      s.can("cash", "payments::payment::record", Resource(org: "east")) == .deny(.notPermitted))
  }

  @Test func treeScopeReachesEverySubOrganization() throws {
    let s = try Shop.snapshot()
    #expect(s.can("reg", "tickets::ticket::read", Resource(org: "east", shop: "harbor")) == .allow)
    #expect(s.can("reg", "tickets::ticket::read", Resource(org: "other")) == .deny(.notMember))
  }

  @Test func stateConditionCoversOnlyListedStatesAndNeverAStatelessResource() throws {
    let s = try Shop.snapshot()
    #expect(
      s.can("sam", "tickets::ticket::read", Resource(org: "hq", state: "QC_REVIEW")) == .allow)
    #expect(
      s.can("sam", "tickets::ticket::read", Resource(org: "hq", state: "INTAKE"))
        == .deny(.notPermitted))
    #expect(s.can("sam", "tickets::ticket::read", Resource(org: "hq")) == .deny(.notPermitted))
    #expect(
      s.can("sam", "tickets::ticket::read", Resource(org: "hq", state: "NO_SUCH"))
        == .deny(.notPermitted))
  }

  @Test func anyRelatedMembershipMayAllow() throws {
    let s = try Shop.snapshot()
    // tina is TECH in hq and MANAGER in the sub-org east.
    #expect(s.can("tina", "tickets::ticket::edit", Resource(org: "east", shop: "harbor")) == .allow)
    #expect(
      s.can("tina", "tickets::ticket::edit", Resource(org: "hq", shop: "north"))
        == .deny(.notPermitted))
  }

  @Test func hostBuiltPrincipalDecidesLikeTheDirectoryOne() throws {
    let s = try Shop.snapshot()
    let host = try s.principal(
      user: "tina",
      memberships: [
        Membership(user: "tina", org: "hq", role: "TECH", shops: ["north"]),
        Membership(user: "tina", org: "east", role: "MANAGER", shops: ["harbor"]),
      ])
    let fromDirectory = s.principal("tina")
    let read = s.action("tickets::ticket::read")
    for resource in [
      Resource(org: "hq", assignee: "tina"), Resource(org: "hq", shop: "north"),
      Resource(org: "east", shop: "harbor"), Resource(org: "east"),
    ] {
      let r = s.resolve(resource)
      #expect(s.can(host, read, r) == s.can(fromDirectory, read, r))
    }
  }

  @Test func hostPrincipalOutsideTheDirectoryMatchesAssigneeByName() throws {
    let s = try Shop.snapshot()
    let stranger = try s.principal(
      user: "contractor", memberships: [Membership(user: "contractor", org: "hq", role: "TECH")])
    let read = s.action("tickets::ticket::read")
    #expect(s.can(stranger, read, s.resolve(Resource(org: "hq", assignee: "contractor"))) == .allow)
    #expect(
      s.can(stranger, read, s.resolve(Resource(org: "hq", assignee: "tina")))
        == .deny(.notPermitted))
  }

  @Test func anUnknownShopOrAssigneeNeverMatchesAndTheRelationFallsThrough() throws {
    let s = try Shop.snapshot()
    // max holds tickets at shop scope in north: an unknown shop, or a shop of another
    // organization, is not north.
    for shop: ShopID in ["nowhere", "harbor"] {
      #expect(
        s.can("max", "tickets::ticket::edit", Resource(org: "hq", shop: shop))
          == .deny(.notPermitted))
      // The relation falls through to org, where the owner's grants reach.
      #expect(s.can("olga", "tickets::ticket::edit", Resource(org: "hq", shop: shop)) == .allow)
    }
    // tina holds tickets at assigned scope: an assignee nobody is, is not tina.
    for assignee: UserID in ["ghost", "Tina", ""] {
      #expect(
        s.can("tina", "tickets::ticket::read", Resource(org: "hq", assignee: assignee))
          == .deny(.notPermitted))
    }
  }
}
