import Clearance
import Testing

/// Names are bytes: spellings that Unicode calls canonically equivalent, or that merely
/// look alike, are different ids everywhere a name is used.
@Suite("Semantics 2 — names compare by their exact bytes")
struct ExactNamesTests {
  /// "Kim" with the Kelvin sign U+212A, canonically equivalent to "Kim".
  static let kelvinKim = "\u{212A}im"
  /// "josé" precomposed and decomposed.
  static let josePrecomposed = "jos\u{E9}"
  static let joseDecomposed = "jose\u{301}"
  /// Ohm sign and Greek capital omega: canonically equivalent.
  static let ohm = "\u{2126}"
  static let omega = "\u{3A9}"

  static let policy = Policy(
    permissions: [
      "tickets::ticket::read", "tickets::ticket::edit", "tickets::status::qc",
    ],
    roles: [
      Role("TECH", grants: [Grant("tickets::ticket::*", scope: .assigned)]),
      Role(RoleID(ohm), grants: [Grant("tickets::ticket::read")]),
      Role(RoleID(omega), grants: [Grant("tickets::ticket::edit")]),
      Role("QC", grants: [Grant("tickets::status::qc")]),
    ],
    workflows: [
      Workflow(
        "ticket",
        states: [
          WorkflowState(StateName("REVIEW\u{C9}")),
          WorkflowState("QC_REVIEW", enter: "tickets::status::qc"),
        ],
        initial: StateName("REVIEW\u{C9}"),
        transitions: [Transition(from: StateName("REVIEW\u{C9}"), to: "QC_REVIEW")])
    ])

  static let directory = Directory(
    organizations: [
      Organization(OrgID("caf\u{E9}"), shops: [ShopID("s\u{E9}")]),
      Organization(OrgID("cafe\u{301}"), shops: [ShopID("se\u{301}")]),
    ],
    users: [
      User("Kim"), User(UserID(kelvinKim)), User(UserID(josePrecomposed)),
      User(UserID(joseDecomposed)),
    ],
    memberships: [
      Membership(user: "Kim", org: OrgID("caf\u{E9}"), role: "TECH"),
      Membership(user: UserID(josePrecomposed), org: OrgID("caf\u{E9}"), role: RoleID(ohm)),
      Membership(
        user: UserID(joseDecomposed), org: OrgID("caf\u{E9}"), role: RoleID(omega),
        shops: [ShopID("s\u{E9}")]),
      Membership(user: UserID(kelvinKim), org: OrgID("cafe\u{301}"), role: "QC"),
    ])

  static func snapshot() throws -> Snapshot {
    try Snapshot(policy: CompiledPolicy(policy), directory: directory)
  }

  @Test func equivalentSpellingsAreDifferentIdentifiers() {
    #expect(UserID(Self.kelvinKim) != UserID("Kim"))
    #expect(UserID(Self.josePrecomposed) != UserID(Self.joseDecomposed))
    #expect(RoleID(Self.ohm) != RoleID(Self.omega))
    #expect(Set([UserID("Kim"), UserID(Self.kelvinKim)]).count == 2)
    // String itself calls them equal: the reason identifiers do not use it.
    #expect(Self.kelvinKim == "Kim")
  }

  @Test func aDirectoryWithBothSpellingsLoads() throws {
    let s = try Self.snapshot()
    #expect(s.principal(UserID(Self.kelvinKim)).isActive)
    #expect(s.userID(of: s.principal(UserID(Self.kelvinKim))).rawValue.utf8.first == 0xE2)
  }

  @Test func aLookAlikeUserIsNotTheUser() throws {
    let s = try Self.snapshot()
    let ticket = Resource(org: OrgID("caf\u{E9}"), assignee: "Kim")
    #expect(s.can("Kim", "tickets::ticket::read", ticket) == .allow)
    // The Kelvin "Kim" is a member of the other café only.
    #expect(s.can(UserID(Self.kelvinKim), "tickets::ticket::read", ticket) == .deny(.notMember))
    // A user the directory does not list at all.
    #expect(
      s.can(UserID("K\u{131}m"), "tickets::ticket::read", ticket) == .deny(.principalInactive))
  }

  @Test func aLookAlikeAssigneeIsNotTheAssignee() throws {
    let s = try Self.snapshot()
    let kims = Resource(org: OrgID("caf\u{E9}"), assignee: "Kim")
    let lookAlike = Resource(org: OrgID("caf\u{E9}"), assignee: UserID(Self.kelvinKim))
    #expect(s.can("Kim", "tickets::ticket::edit", kims) == .allow)
    #expect(s.can("Kim", "tickets::ticket::edit", lookAlike) == .deny(.notPermitted))
  }

  @Test func lookAlikeOrganizationsAndShopsAreDifferent() throws {
    let s = try Self.snapshot()
    let precomposed = Resource(org: OrgID("caf\u{E9}"), shop: ShopID("s\u{E9}"))
    let decomposedShop = Resource(org: OrgID("caf\u{E9}"), shop: ShopID("se\u{301}"))
    let otherOrg = Resource(org: OrgID("cafe\u{301}"))
    let jose = UserID(Self.josePrecomposed)
    #expect(s.can(jose, "tickets::ticket::read", precomposed) == .allow)
    #expect(s.can(jose, "tickets::ticket::read", otherOrg) == .deny(.notMember))
    #expect(s.names(of: s.resolve(decomposedShop)).shop == nil)
    #expect(s.names(of: s.resolve(precomposed)).shop == ShopID("s\u{E9}"))
  }

  @Test func lookAlikeRolesAreDifferentRoles() throws {
    let s = try Self.snapshot()
    let org = Resource(org: OrgID("caf\u{E9}"))
    // The precomposed José holds the Ohm role (read), the decomposed one the Omega role (edit).
    #expect(s.can(UserID(Self.josePrecomposed), "tickets::ticket::read", org) == .allow)
    #expect(
      s.can(UserID(Self.josePrecomposed), "tickets::ticket::edit", org) == .deny(.notPermitted))
    #expect(s.can(UserID(Self.joseDecomposed), "tickets::ticket::edit", org) == .allow)
    #expect(
      s.can(UserID(Self.joseDecomposed), "tickets::ticket::read", org) == .deny(.notPermitted))
  }

  @Test func lookAlikeActionsAndStatesAreUnknown() throws {
    let s = try Self.snapshot()
    let kelvin = UserID(Self.kelvinKim)
    let review = Resource(org: OrgID("cafe\u{301}"), state: StateName("REVIEW\u{C9}"))
    #expect(s.can(kelvin, "ticket:QC_REVIEW", review) == .allow)
    // A combining mark after the colon is part of the target, not dropped.
    #expect(s.can(kelvin, ActionName("ticket:\u{301}QC_REVIEW"), review) == .deny(.unknownAction))
    #expect(!s.action(named: ActionName("ticket:\u{301}QC_REVIEW")).isDeclared)
    // The decomposed spelling of the current state is not a state of the workflow.
    let decomposed = Resource(org: OrgID("cafe\u{301}"), state: StateName("REVIEWE\u{301}"))
    #expect(s.can(kelvin, "ticket:QC_REVIEW", decomposed) == .deny(.unknownState))
    // A Kelvin sign inside a permission key.
    #expect(
      s.can(kelvin, ActionName("tic\u{212A}ets::status::qc"), review) == .deny(.unknownAction))
    #expect(
      s.can(kelvin, ActionName("tickets::status::qc\u{301}"), review) == .deny(.unknownAction))
  }

  @Test func hostPrincipalsMatchAssigneesByBytes() throws {
    let s = try Self.snapshot()
    let outsider = UserID("ma\u{301}x")
    let principal = try s.principal(
      user: outsider,
      memberships: [Membership(user: outsider, org: OrgID("caf\u{E9}"), role: "TECH")])
    let read = s.action("tickets::ticket::read")
    let own = s.resolve(Resource(org: OrgID("caf\u{E9}"), assignee: outsider))
    let lookAlike = s.resolve(Resource(org: OrgID("caf\u{E9}"), assignee: UserID("m\u{E1}x")))
    let none = s.resolve(Resource(org: OrgID("caf\u{E9}")))
    #expect(s.can(principal, read, own) == .allow)
    #expect(s.can(principal, read, lookAlike) == .deny(.notPermitted))
    #expect(s.can(principal, read, none) == .deny(.notPermitted))
    #expect(s.userID(of: principal) == outsider)
    // A host principal of a directory user relates through the directory handle.
    let kim = try s.principal(
      user: "Kim", memberships: [Membership(user: "Kim", org: OrgID("caf\u{E9}"), role: "TECH")])
    #expect(
      s.can(kim, read, s.resolve(Resource(org: OrgID("caf\u{E9}"), assignee: "Kim"))) == .allow)
    #expect(s.can(kim, read, own) == .deny(.notPermitted))
  }

  @Test(arguments: ["", " tina", "tina ", "ti\nna", "tina\u{0}", "ti\u{202E}na", "\u{200B}tina"])
  func illFormedHostUserIdsAreRefused(_ id: String) throws {
    let s = try Self.snapshot()
    let error = #expect(throws: ValidationError.self) {
      try s.principal(user: UserID(id), memberships: [])
    }
    #expect(error?.issues.first?.code == .illFormed)
    #expect(error?.issues.first?.path == "user")
  }

  @Test func anEmptyAssigneeRelatesToNoOne() throws {
    let s = try Self.snapshot()
    let read = s.action("tickets::ticket::read")
    // The empty id is refused for a host principal, and an empty assignee matches no one.
    #expect(throws: ValidationError.self) { try s.principal(user: "", memberships: []) }
    let ticket = s.resolve(Resource(org: OrgID("caf\u{E9}"), assignee: ""))
    #expect(s.can(s.principal("Kim"), read, ticket) == .deny(.notPermitted))
  }

  @Test func illFormedDeclaredIdsAreRefusedWithTheirPaths() throws {
    let directory = Directory(
      organizations: [Organization(" acme"), Organization("acme", shops: ["north\t"])],
      users: ["tina\u{202E}", "max"],
      memberships: [])
    let error = #expect(throws: ValidationError.self) {
      try Snapshot(policy: CompiledPolicy(Self.policy), directory: directory)
    }
    let paths = error?.issues.map(\.path) ?? []
    #expect(paths == ["organizations[0].id", "organizations[1].shops[0]", "users[0].id"])
    #expect(error?.issues.allSatisfy { $0.code == .illFormed } == true)
    #expect(
      error?.issues.last?.message
        == "ill-formed user id \"tina\\u{202E}\": format character U+202E")

    var policy = Self.policy
    policy.roles.append(Role("ADMIN ", grants: []))
    policy.roles[0].grants[0].states = ["OPEN\r"]
    let policyError = #expect(throws: ValidationError.self) { try CompiledPolicy(policy) }
    let policyPaths = policyError?.issues.filter { $0.code == .illFormed }.map(\.path) ?? []
    #expect(policyPaths == ["roles[0].grants[0].states[0]", "roles[4].id"])
  }
}
