// One test per administration rule, on a small policy where every rule is on, and the
// same operation accepted once the rule is switched off.

import Clearance
import Testing

enum Office {
  static let rules = AdministrationPolicy(
    permissions: [
      .invite: "admin::members::invite", .changeRole: "admin::members::manage",
      .removeMember: "admin::members::manage", .deactivateUser: "admin::members::manage",
      .reactivateUser: "admin::members::manage", .transferOwnership: "admin::members::manage",
      .deactivateOrg: "admin::org::deactivate", .reactivateOrg: "admin::org::deactivate",
      .createRole: "admin::roles::write", .editRole: "admin::roles::write",
      .deleteRole: "admin::roles::write", .restoreRole: "admin::roles::restore",
      .grantDirect: "admin::members::manage", .revokeDirect: "admin::members::manage",
      .setPlan: "admin::org::billing", .setFeature: "admin::org::billing",
    ],
    assignable: AssignableRoles(
      invite: ["OWNER": ["*"], "ADMIN": ["MANAGER", "STAFF", "CUSTOM"], "MANAGER": ["STAFF"]],
      changeRole: ["OWNER": ["*"], "ADMIN": ["MANAGER", "STAFF", "CUSTOM"]]),
    owner: OwnerRules(
      role: "OWNER", isProtected: true, formerOwnerRole: "ADMIN", onlyOwnerDeactivatesOrg: true),
    selfProtection: .all, systemRolesImmutable: true, deleteOnlyUnusedRoles: true,
    restore: RestoreRule(superAdminRoles: ["SUPER"]))

  static func policy(_ rules: AdministrationPolicy = rules) -> Policy {
    Policy(
      permissions: [
        .init("tickets::ticket::read"),
        .init("tickets::ticket::edit", requires: ["tickets::ticket::read"]),
        .init("admin::members::invite"), .init("admin::members::manage"),
        .init("admin::roles::write"), .init("admin::roles::restore"),
        .init("admin::org::deactivate"), .init("admin::org::billing"),
      ],
      roles: [
        Role("OWNER", grants: [Grant("*", scope: .tree)], isSystem: true),
        Role(
          "ADMIN",
          grants: [
            Grant("admin::members::*", scope: .tree), Grant("admin::roles::write", scope: .tree),
            Grant("admin::org::billing", scope: .tree), Grant("admin::org::deactivate"),
          ], isSystem: true),
        Role("STAFF", grants: [Grant("tickets::ticket::read")]),
        Role("MANAGER", inherits: ["STAFF"], grants: [Grant("admin::members::invite")]),
        Role("CUSTOM", grants: [Grant("tickets::ticket::read")]),
        Role("OLD", grants: [Grant("tickets::ticket::edit")], isDeleted: true),
        Role("SUPER", grants: [Grant("*", scope: .tree)]),
      ],
      administration: rules)
  }

  static let directory = Directory(
    organizations: [Organization("acme", shops: ["north"]), Organization("east", parent: "acme")],
    users: [
      User("olga"), User("ada"), User("max"), User("sue"), User("cy"), User("root"),
      User("ed"), User("ina", isActive: false),
    ],
    memberships: [
      Membership(user: "olga", org: "acme", role: "OWNER"),
      Membership(user: "ada", org: "acme", role: "ADMIN"),
      Membership(user: "max", org: "acme", role: "MANAGER"),
      Membership(user: "sue", org: "acme", role: "STAFF"),
      Membership(user: "cy", org: "acme", role: "CUSTOM"),
      Membership(user: "root", org: "acme", role: "SUPER"),
      Membership(user: "ed", org: "east", role: "OWNER"),
      Membership(user: "sue", org: "east", role: "STAFF"),
      Membership(user: "ina", org: "acme", role: "OLD"),
    ])

  static func snapshot(_ rules: AdministrationPolicy = rules) throws -> Snapshot {
    try Snapshot(policy: CompiledPolicy(policy(rules)), directory: directory)
  }
}

/// `actor` applies `change` on `snapshot`: the rule that rejects it, or nil when accepted.
func outcome(
  _ snapshot: Snapshot, _ actor: UserID, _ change: AdministrationOperation.Change,
  activeMode: Bool = false
) -> AdministrationRule? {
  do {
    _ = try snapshot.applying(AdministrationOperation(actor: actor, activeMode: activeMode, change))
    return nil
  } catch {
    return error.rule
  }
}

@Suite("Administration rules")
struct AdministrationRuleTests {
  let office: Snapshot

  init() throws { office = try Office.snapshot() }

  /// The rules with one switched off.
  func without(_ change: (inout AdministrationPolicy) -> Void) throws -> Snapshot {
    var rules = Office.rules
    change(&rules)
    return try Office.snapshot(rules)
  }

  @Test func anOperationWithoutAPermissionInThePolicyIsSwitchedOff() throws {
    let none = try without { $0.permissions[.setPlan] = nil }
    #expect(outcome(none, "olga", .setPlan(org: "acme", plan: nil)) == .operationDisabled)
    let noSection = try Snapshot(
      policy: CompiledPolicy(Office.policy(AdministrationPolicy())), directory: Office.directory)
    #expect(
      outcome(noSection, "olga", .removeMember(user: "sue", org: "acme")) == .operationDisabled)
  }

  @Test func theActorNeedsThePermissionInTheOrganizationConcerned() {
    #expect(
      outcome(office, "sue", .invite(user: "new", org: "acme", role: "STAFF", shops: []))
        == .notPermitted)
    #expect(
      outcome(office, "max", .invite(user: "new", org: "acme", role: "STAFF", shops: [])) == nil)
    // An inactive or unknown actor is refused; an unknown organization is named.
    #expect(outcome(office, "ina", .removeMember(user: "sue", org: "acme")) == .notPermitted)
    #expect(outcome(office, "ghost", .removeMember(user: "sue", org: "acme")) == .notPermitted)
    #expect(outcome(office, "olga", .removeMember(user: "sue", org: "nowhere")) == .unknownTarget)
    // A parent organization's member acts in its sub-organizations through `tree`.
    #expect(
      outcome(office, "ada", .invite(user: "new", org: "east", role: "STAFF", shops: [])) == nil)
  }

  @Test func assignableRolesPerActorRoleForInviteAndForRoleChange() throws {
    #expect(
      outcome(office, "max", .invite(user: "new", org: "acme", role: "MANAGER", shops: []))
        == .notAssignable)
    #expect(
      outcome(office, "ada", .invite(user: "new", org: "acme", role: "OWNER", shops: []))
        == .notAssignable)
    #expect(
      outcome(office, "olga", .invite(user: "new", org: "acme", role: "OWNER", shops: [])) == nil)
    #expect(outcome(office, "ada", .changeRole(user: "sue", org: "acme", role: "CUSTOM")) == nil)
    // The member's current role must be one the actor may give, too.
    #expect(
      outcome(office, "ada", .changeRole(user: "root", org: "acme", role: "STAFF"))
        == .notAssignable)
    let open = try without { $0.assignable = nil }
    #expect(
      outcome(open, "max", .invite(user: "new", org: "acme", role: "MANAGER", shops: [])) == nil)
  }

  @Test func anOrganizationKeepsAnActiveOwner() throws {
    let unprotected = try without {
      $0.owner?.isProtected = false
      $0.selfProtection = SelfProtection()
    }
    #expect(outcome(unprotected, "olga", .removeMember(user: "olga", org: "acme")) == .lastOwner)
    #expect(outcome(unprotected, "olga", .deactivateUser(user: "olga", org: "acme")) == .lastOwner)
    #expect(
      outcome(unprotected, "olga", .changeRole(user: "ed", org: "east", role: "STAFF"))
        == .lastOwner)
    let second = try unprotected.applying(
      AdministrationOperation(
        actor: "olga", .invite(user: "ola", org: "acme", role: "OWNER", shops: [])))
    #expect(outcome(second, "olga", .removeMember(user: "olga", org: "acme")) == nil)
    let off = try without {
      $0.owner?.isProtected = false
      $0.owner?.atLeastOne = false
      $0.selfProtection = SelfProtection()
    }
    #expect(outcome(off, "olga", .removeMember(user: "olga", org: "acme")) == nil)
  }

  @Test func protectedOwnersAreTransferredNotRemoved() throws {
    #expect(outcome(office, "ada", .deactivateUser(user: "olga", org: "acme")) == .ownerProtected)
    #expect(outcome(office, "ada", .removeMember(user: "olga", org: "acme")) == .ownerProtected)
    #expect(
      outcome(office, "ada", .changeRole(user: "ed", org: "east", role: "STAFF")) == .ownerProtected
    )
    // Only an owner transfers; the old owner takes the named role, and can then go.
    #expect(outcome(office, "ada", .transferOwnership(user: "sue", org: "acme")) == .notOwner)
    let moved = try office.applying(
      AdministrationOperation(actor: "olga", .transferOwnership(user: "ada", org: "acme")))
    #expect(moved.directory.memberships.first { $0.user == "ada" }?.role == "OWNER")
    #expect(moved.directory.memberships.first { $0.user == "olga" }?.role == "ADMIN")
    #expect(outcome(moved, "ada", .deactivateUser(user: "olga", org: "acme")) == nil)
    // The old owner never lands on a deleted role.
    let retired = try without { $0.owner?.formerOwnerRole = "OLD" }
    #expect(outcome(retired, "olga", .transferOwnership(user: "ada", org: "acme")) == .roleDeleted)
  }

  @Test func onlyAnOwnerDeactivatesTheOrganization() throws {
    #expect(outcome(office, "ada", .deactivateOrg(org: "acme")) == .notOwner)
    #expect(outcome(office, "olga", .deactivateOrg(org: "east")) == nil)  // owner of the parent
    let off = try without { $0.owner?.onlyOwnerDeactivatesOrg = false }
    #expect(outcome(off, "ada", .deactivateOrg(org: "acme")) == nil)
    // Once deactivated, its members' access ends, and its owner can reactivate it.
    let dark = try office.applying(
      AdministrationOperation(actor: "ed", .deactivateOrg(org: "east")))
    #expect(dark.can("ed", "tickets::ticket::read", Resource(org: "east")) == .deny(.notMember))
    #expect(outcome(dark, "olga", .reactivateOrg(org: "east")) == nil)
  }

  @Test func nobodyChangesRemovesOrDeactivatesThemselves() throws {
    #expect(
      outcome(office, "ada", .changeRole(user: "ada", org: "acme", role: "STAFF"))
        == .selfProtection)
    #expect(outcome(office, "ada", .removeMember(user: "ada", org: "acme")) == .selfProtection)
    #expect(outcome(office, "ada", .deactivateUser(user: "ada", org: "acme")) == .selfProtection)
    let off = try without { $0.selfProtection = SelfProtection(role: true) }
    #expect(outcome(off, "ada", .removeMember(user: "ada", org: "acme")) == nil)
    #expect(outcome(off, "ada", .deactivateUser(user: "ada", org: "acme")) == nil)
  }

  @Test func systemRolesAreImmutable() throws {
    #expect(
      outcome(
        office, "ada",
        .editRole(org: "acme", role: "ADMIN", name: "Boss", grants: nil, inherits: nil))
        == .systemRoleImmutable)
    #expect(outcome(office, "ada", .deleteRole(org: "acme", role: "ADMIN")) == .systemRoleImmutable)
    #expect(
      outcome(
        office, "ada",
        .editRole(org: "acme", role: "CUSTOM", name: "Clerk", grants: nil, inherits: nil)) == nil)
    let off = try without { $0.systemRolesImmutable = false }
    #expect(
      outcome(
        off, "ada", .editRole(org: "acme", role: "ADMIN", name: "Boss", grants: nil, inherits: nil))
        == nil)
  }

  @Test func aRoleIsDeletedOnlyWhenUnusedAndStaysDeleted() throws {
    #expect(outcome(office, "ada", .deleteRole(org: "acme", role: "CUSTOM")) == .roleInUse)
    #expect(outcome(office, "ada", .deleteRole(org: "acme", role: "STAFF")) == .roleInUse)  // sue
    let moved = try office.applying(
      AdministrationOperation(actor: "ada", .changeRole(user: "sue", org: "acme", role: "CUSTOM")))
    // STAFF is unheld now but MANAGER inherits it.
    #expect(outcome(moved, "ada", .deleteRole(org: "acme", role: "STAFF")) == .roleInUse)
    let deleted = try office.applying(
      AdministrationOperation(
        actor: "ada",
        .batch([
          AdministrationOperation(
            actor: "ada", .changeRole(user: "cy", org: "acme", role: "STAFF")),
          AdministrationOperation(actor: "ada", .deleteRole(org: "acme", role: "CUSTOM")),
        ])))
    #expect(deleted.currentPolicy.roles.first { $0.id == "CUSTOM" }?.isDeleted == true)
    #expect(
      outcome(deleted, "ada", .invite(user: "new", org: "acme", role: "CUSTOM", shops: []))
        == .roleDeleted)
    #expect(outcome(deleted, "ada", .deleteRole(org: "acme", role: "CUSTOM")) == .roleDeleted)
    // An inactive holder does not keep a role alive, but cannot come back holding it.
    #expect(outcome(office, "olga", .reactivateUser(user: "ina", org: "acme")) == .roleDeleted)
    let off = try without { $0.deleteOnlyUnusedRoles = false }
    #expect(outcome(off, "ada", .deleteRole(org: "acme", role: "CUSTOM")) == nil)
  }

  @Test func onlyASuperAdminInActiveModeRestores() throws {
    let restore = AdministrationOperation.Change.restoreRole(org: "acme", role: "OLD")
    #expect(outcome(office, "root", restore) == .notSuperAdmin)
    #expect(outcome(office, "root", restore, activeMode: true) == nil)
    #expect(outcome(office, "olga", restore, activeMode: true) == .notSuperAdmin)
    #expect(outcome(office, "ada", restore, activeMode: true) == .notPermitted)
    let off = try without { $0.restore = nil }
    #expect(outcome(off, "olga", restore) == nil)
  }

  @Test func inheritanceEditsNeverCreateACycle() throws {
    let edit = AdministrationOperation(
      actor: "ada",
      .editRole(org: "acme", role: "STAFF", name: nil, grants: nil, inherits: ["MANAGER"]))
    #expect(
      throws: AdministrationRejection(
        .wouldCreateCycle, "role STAFF would inherit from itself: STAFF -> MANAGER -> STAFF")
    ) {
      try office.applying(edit)
    }
    #expect(
      outcome(
        office, "ada",
        .editRole(org: "acme", role: "CUSTOM", name: nil, grants: nil, inherits: ["CUSTOM"]))
        == .wouldCreateCycle)
    #expect(
      outcome(
        office, "ada",
        .editRole(org: "acme", role: "CUSTOM", name: nil, grants: nil, inherits: ["OLD"]))
        == .roleDeleted)
    #expect(
      outcome(
        office, "ada",
        .editRole(org: "acme", role: "CUSTOM", name: nil, grants: nil, inherits: ["MANAGER"]))
        == nil)
  }
}

extension AdministrationOperation {
  /// The same invitation for another user.
  func with(user: UserID) -> AdministrationOperation {
    guard case .invite(_, let org, let role, let shops) = change else { return self }
    return AdministrationOperation(
      actor: actor, activeMode: activeMode, .invite(user: user, org: org, role: role, shops: shops))
  }
}
