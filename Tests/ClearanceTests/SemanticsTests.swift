import Clearance
import Testing

/// One test group per section of docs/SEMANTICS.md, each named after what it proves.
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
}

@Suite("Semantics 4 — what a membership holds")
struct EffectivePermissionTests {
  @Test func inheritedGrantsAreAdditiveAcrossSeveralParents() throws {
    let s = try Shop.snapshot()
    // OWNER inherits MANAGER (and through it TECH) and CASHIER.
    let sources = s.effectivePermissions(of: "olga", in: "hq")
      .first { $0.permission == "payments::payment::record" }?.sources.map(\.source)
    #expect(
      sources == [.role("OWNER"), .inherited(from: "CASHIER", via: ["OWNER", "CASHIER"])])
  }

  @Test func prerequisiteLimitsAPermissionToTheReachOfWhatItRequires() throws {
    let s = try Shop.snapshot()
    // BUYER creates orders @tree but has purchasing access only @org.
    #expect(s.can("bea", "purchasing::orders::create", Resource(org: "hq")) == .allow)
    #expect(
      s.can("bea", "purchasing::orders::create", Resource(org: "east")) == .deny(.notPermitted))
    let explanation = s.explain("bea", "purchasing::orders::create", Resource(org: "east"))
    #expect(
      explanation.memberships.first?.permissions.first?.missingPrerequisites == [
        "purchasing::module::access"
      ])
  }

  @Test func softDeletedRoleGrantsNothingButDirectGrantsStillApply() throws {
    let s = try Shop.snapshot()
    #expect(s.can("ret", "tickets::ticket::read", Resource(org: "hq")) == .deny(.notPermitted))
    #expect(s.can("ret", "payments::payment::record", Resource(org: "hq")) == .allow)
  }

  @Test func directGrantsSurviveARoleChange() throws {
    var directory = Shop.directory
    directory.memberships.append(
      Membership(
        user: "cash", org: "east", role: "CASHIER", grants: [Grant("tickets::ticket::read")]))
    let before = try Shop.snapshot(directory)
    directory.memberships[directory.memberships.count - 1].role = "TECH"
    let after = try before.replacingDirectory(directory)
    for s in [before, after] {
      #expect(s.can("cash", "tickets::ticket::read", Resource(org: "east")) == .allow)
    }
  }

  @Test func effectivePermissionsListInactiveOnesWithTheirMissingPrerequisite() throws {
    var directory = Shop.directory
    directory.memberships.append(
      Membership(
        user: "cash", org: "east", role: "CASHIER", grants: [Grant("purchasing::orders::create")]))
    let s = try Shop.snapshot(directory)
    let entry = s.effectivePermissions(of: "cash", in: "east").first {
      $0.permission == "purchasing::orders::create"
    }
    #expect(entry?.scope == nil)
    #expect(entry?.missingPrerequisites == ["purchasing::module::access"])
    #expect(entry?.sources.map(\.source) == [.direct])
  }
}

@Suite("Semantics 5 — features and plans")
struct FeatureTests {
  @Test func aFeatureOutsideThePlanIsDisabledWith402() throws {
    let s = try Shop.snapshot()
    var directory = Shop.directory
    directory.memberships.append(Membership(user: "cash", org: "west", role: "CASHIER"))
    let withWest = try s.replacingDirectory(directory)
    let decision = withWest.can("cash", "payments::payment::record", Resource(org: "west"))
    #expect(decision == .deny(.featureDisabled))
    #expect(decision.httpStatus == 402)
  }

  @Test func aSubOrganizationInheritsItsAncestorsPlan() throws {
    let s = try Shop.snapshot()
    // east has no plan of its own: hq's pro plan applies.
    #expect(s.can("reg", "tickets::ticket::read", Resource(org: "east")) == .allow)
    #expect(s.can("olga", "payments::payment::record", Resource(org: "hq")) == .allow)
  }

  @Test func aTenantOverrideEnablesAFeatureOutsideThePlanForTheSubtree() throws {
    var directory = Shop.directory
    directory.memberships.append(Membership(user: "cash", org: "west", role: "CASHIER"))
    let s = try Shop.snapshot(directory)
    let overridden = try s.settingFeatureOverride("payments", to: true, for: "west")
    #expect(overridden.can("cash", "payments::payment::record", Resource(org: "west")) == .allow)
    #expect(
      s.can("cash", "payments::payment::record", Resource(org: "west")) == .deny(.featureDisabled))
    let removed = try overridden.removingFeatureOverride("payments", for: "west")
    #expect(
      removed.can("cash", "payments::payment::record", Resource(org: "west"))
        == .deny(.featureDisabled))
  }

  @Test func theNearestOverrideWins() throws {
    let s = try Shop.snapshot()
      .settingFeatureOverride("tickets", to: false, for: "hq")
      .settingFeatureOverride("tickets", to: true, for: "east")
    #expect(s.can("reg", "tickets::ticket::read", Resource(org: "east")) == .allow)
    #expect(s.can("reg", "tickets::ticket::read", Resource(org: "hq")) == .deny(.featureDisabled))
  }

  @Test func aGlobalKillSwitchBeatsEveryOverride() throws {
    let s = try Shop.snapshot()
      .settingFeatureOverride("tickets", to: true, for: "hq")
      .settingGlobalSwitch(of: "tickets", to: false)
    #expect(s.can("olga", "tickets::ticket::read", Resource(org: "hq")) == .deny(.featureDisabled))
    #expect(s.currentPolicy.features[0].children[0].isEnabled == false)
  }

  @Test func aPolicyReplacementKeepsTheGlobalSwitchesSetAtRunTime() throws {
    let s = try Shop.snapshot().settingGlobalSwitch(of: "payments", to: false)
    // The new policy turns purchasing off by default and no longer has a "tickets"
    // feature (its permissions are ungated).
    var next = Shop.policy
    next.features = [
      ParentFeature(
        "money",
        children: [ChildFeature("payments"), ChildFeature("purchasing", isEnabled: false)])
    ]
    next.ungated = ["tickets"]
    next.plans = [Plan("basic", features: []), Plan("pro", features: ["money"])]
    let replaced = try s.replacingPolicy(CompiledPolicy(next))
    // The run-time kill switch survives the replacement ...
    #expect(
      replaced.can("olga", "payments::payment::record", Resource(org: "hq"))
        == .deny(.featureDisabled))
    // ... a switch not touched at run time takes the new policy's value ...
    #expect(
      replaced.can("bea", "purchasing::module::access", Resource(org: "hq"))
        == .deny(.featureDisabled))
    // ... and a feature that no longer exists gates nothing.
    #expect(replaced.can("olga", "tickets::ticket::read", Resource(org: "hq")) == .allow)
    let enabled = replaced.currentPolicy.features.flatMap(\.children).map(\.isEnabled)
    #expect(enabled == [false, false])
  }

  @Test func aPolicyReplacementKeepsASwitchTurnedBackOnAtRunTime() throws {
    var off = Shop.policy
    off.features[1].children[0].isEnabled = false
    let s = try Snapshot(policy: CompiledPolicy(off), directory: Shop.directory)
      .settingGlobalSwitch(of: "payments", to: true)
    let replaced = try s.replacingPolicy(CompiledPolicy(off))
    #expect(replaced.can("olga", "payments::payment::record", Resource(org: "hq")) == .allow)
  }

  @Test func aPlanChangeTakesEffectInTheNextSnapshotOnly() throws {
    let s = try Shop.snapshot()
    let basic = try s.settingPlan("basic", for: "hq")
    #expect(s.can("olga", "payments::payment::record", Resource(org: "hq")) == .allow)
    #expect(
      basic.can("olga", "payments::payment::record", Resource(org: "hq")) == .deny(.featureDisabled)
    )
  }

  @Test func handlesStayValidAcrossFeatureUpdates() throws {
    let s = try Shop.snapshot()
    let olga = s.principal("olga")
    let record = s.action("payments::payment::record")
    let resource = s.resolve(Resource(org: "hq"))
    let flipped = try s.settingFeatureOverride("payments", to: false, for: "hq")
    #expect(flipped.can(olga, record, resource) == .deny(.featureDisabled))
    #expect(s.can(olga, record, resource) == .allow)
  }
}

@Suite("Semantics 6 — workflows")
struct WorkflowTests {
  @Test func aMoveNeedsAnEdgeAndTheTargetsPermission() throws {
    let s = try Shop.snapshot()
    let ticket = Resource(org: "hq", assignee: "tina", state: "IN_REPAIR")
    #expect(s.can("tina", "ticket:QC_REVIEW", ticket) == .allow)
    #expect(s.can("tina", "ticket:IN_REPAIR", ticket) == .deny(.illegalTransition))
    #expect(
      s.can("cash", "ticket:QC_REVIEW", Resource(org: "hq", state: "IN_REPAIR"))
        == .deny(.notPermitted))
  }

  @Test func wildcardEdgesLeaveEveryNonTerminalStateButNoTerminalOne() throws {
    let s = try Shop.snapshot()
    for state: StateName in ["INTAKE", "IN_REPAIR", "QC_REVIEW"] {
      #expect(s.can("olga", "ticket:VOIDED", Resource(org: "hq", state: state)) == .allow)
    }
    #expect(
      s.can("olga", "ticket:VOIDED", Resource(org: "hq", state: "VOIDED"))
        == .deny(.illegalTransition))
  }

  @Test func anUnknownOrMissingCurrentStateIsDeniedAsUnknownState() throws {
    let s = try Shop.snapshot()
    #expect(
      s.can("olga", "ticket:VOIDED", Resource(org: "hq", state: "LIMBO")) == .deny(.unknownState))
    #expect(s.can("olga", "ticket:VOIDED", Resource(org: "hq")) == .deny(.unknownState))
  }

  @Test func allowedTargetsListsExactlyTheStatesTheUserMayEnter() throws {
    let s = try Shop.snapshot()
    let ticket = s.resolve(Resource(org: "hq", assignee: "tina", state: "IN_REPAIR"))
    #expect(
      s.allowedTargets(for: s.principal("tina"), moving: ticket, in: "ticket") == [
        "QC_REVIEW", "VOIDED",
      ])
    #expect(s.allowedTargets(for: s.principal("cash"), moving: ticket, in: "ticket") == [])
  }

  @Test func aBasePermissionIsNeededForEveryTransition() throws {
    var policy = Shop.policy
    policy.workflows[0].basePermission = "tickets::ticket::edit"
    policy.roles.append(
      Role("QC", grants: [Grant("tickets::status::qc"), Grant("tickets::ticket::read")]))
    var directory = Shop.directory
    directory.memberships.append(Membership(user: "cash", org: "east", role: "QC"))
    let s = try Snapshot(policy: CompiledPolicy(policy), directory: directory)
    #expect(
      s.can("cash", "ticket:QC_REVIEW", Resource(org: "east", state: "IN_REPAIR"))
        == .deny(.notPermitted))
    #expect(
      s.can("tina", "ticket:QC_REVIEW", Resource(org: "hq", assignee: "tina", state: "IN_REPAIR"))
        == .allow)
  }
}

@Suite("Semantics 7 — the decision")
struct DecisionTests {
  @Test func checksRunInOrderAndTheFirstFailureIsTheReason() throws {
    let s = try Shop.snapshot()
    #expect(
      s.can("gone", "tickets::ticket::read", Resource(org: "hq")) == .deny(.principalInactive))
    #expect(
      s.can("nobody", "tickets::ticket::read", Resource(org: "hq")) == .deny(.principalInactive))
    #expect(s.can("olga", "tickets::ticket::read", Resource(org: "nowhere")) == .deny(.notMember))
    #expect(s.can("olga", "tickets::ticket::read", Resource(org: "other")) == .deny(.notMember))
    // Feature (6) before workflow (7) before permission (8).
    let west = try s.settingFeatureOverride("tickets", to: false, for: "hq")
    #expect(
      west.can("cash", "ticket:VOIDED", Resource(org: "hq", state: "VOIDED"))
        == .deny(.featureDisabled))
    #expect(
      s.can("cash", "ticket:IN_REPAIR", Resource(org: "hq", state: "VOIDED"))
        == .deny(.illegalTransition))
    #expect(
      s.can("cash", "ticket:IN_REPAIR", Resource(org: "hq", state: "INTAKE"))
        == .deny(.notPermitted))
  }

  @Test func anInactiveOrganizationOrAncestorGrantsNothing() throws {
    let s = try Shop.snapshot()
    #expect(s.can("olga", "tickets::ticket::read", Resource(org: "closed")) == .deny(.notMember))
    #expect(s.can("reg", "tickets::ticket::read", Resource(org: "closed-kid")) == .deny(.notMember))
    let reopened = try s.settingOrganization("closed", isActive: true)
    #expect(reopened.can("reg", "tickets::ticket::read", Resource(org: "closed-kid")) == .allow)
  }

  @Test func unknownActionsAreDeniedNeverAllowed() throws {
    let s = try Shop.snapshot()
    for action in ["tickets::ticket::delete", "ticket:NOWHERE", "flow:INTAKE", "nonsense", ""] {
      #expect(s.can("olga", ActionName(action), Resource(org: "hq")) == .deny(.unknownAction))
    }
  }

  @Test func handlesFromAnotherSnapshotAreDenied() throws {
    let a = try Shop.snapshot()
    let b = try Shop.snapshot()
    let decision = b.can(
      a.principal("olga"), b.action("tickets::ticket::read"), b.resolve(Resource(org: "hq")))
    #expect(decision == .deny(.handleMismatch))
    #expect(
      b.can(
        b.principal("olga"), a.action("tickets::ticket::read"), b.resolve(Resource(org: "hq")))
        == .deny(.handleMismatch))
  }

  @Test func everyReasonHasItsHTTPStatus() {
    let statuses = DenyReason.allCases.map(\.httpStatus)
    #expect(statuses == [403, 401, 404, 403, 401, 402, 409, 409, 403, 403, 403, 500])
    #expect(Decision.allow.httpStatus == 200)
  }

  @Test func explainAgreesWithCanAndNamesSources() throws {
    let s = try Shop.snapshot()
    let explanation = s.explain("olga", "tickets::ticket::edit", Resource(org: "hq", shop: "north"))
    #expect(explanation.decision == .allow)
    let sources = explanation.memberships.first?.permissions.first?.grants.map(\.source.description)
    #expect(
      sources == [
        "role(OWNER)", "inherited(from: MANAGER, via: [OWNER, MANAGER])",
        "inherited(from: TECH, via: [OWNER, MANAGER, TECH])",
      ])
    #expect(explanation.checks.map(\.outcome).contains(.failed) == false)
    let denied = s.explain("cash", "ticket:IN_REPAIR", Resource(org: "hq", state: "VOIDED"))
    #expect(denied.decision == .deny(.illegalTransition))
    #expect(denied.checks.first { $0.outcome == .failed }?.step == .workflow)
    #expect(denied.checks.last?.outcome == .notReached)
  }
}

@Suite("Semantics 12 — effective permissions")
struct EffectivePermissionListingTests {
  @Test func aPermissionActiveOnlyUnderAStateConditionListsThoseStates() throws {
    let s = try Shop.snapshot()
    let entry = s.effectivePermissions(of: "sam", in: "hq").first {
      $0.permission == "tickets::ticket::read"
    }
    #expect(entry?.scope == nil)
    #expect(entry?.conditionStates == ["QC_REVIEW"])
    #expect(entry?.missingPrerequisites == [])
  }

  @Test func aDeactivatedUserHasNoEffectivePermissions() throws {
    let s = try Shop.snapshot()
    #expect(s.effectivePermissions(of: "gone", in: "hq").isEmpty)
    let deactivated = try s.settingUser("olga", isActive: false)
    #expect(!s.effectivePermissions(of: "olga", in: "hq").isEmpty)
    #expect(deactivated.effectivePermissions(of: "olga", in: "hq").isEmpty)
    #expect(
      deactivated.can("olga", "tickets::ticket::read", Resource(org: "hq"))
        == .deny(.principalInactive))
  }

  @Test func aMemberOfAnOrganizationThatIsNotLiveHasNoEffectivePermissions() throws {
    var directory = Shop.directory
    directory.memberships.append(Membership(user: "cash", org: "closed-kid", role: "OWNER"))
    directory.memberships.append(Membership(user: "olga", org: "east", role: "OWNER"))
    let s = try Shop.snapshot(directory)
    // closed-kid is active itself, but its parent is not.
    #expect(s.effectivePermissions(of: "cash", in: "closed-kid").isEmpty)
    #expect(
      s.can("cash", "tickets::ticket::read", Resource(org: "closed-kid")) == .deny(.notMember))
    let closed = try s.settingOrganization("hq", isActive: false)
    #expect(!s.effectivePermissions(of: "olga", in: "east").isEmpty)
    #expect(closed.effectivePermissions(of: "olga", in: "east").isEmpty)
    #expect(closed.effectivePermissions(of: "olga", in: "hq").isEmpty)
  }

  @Test func aHostPrincipalsEffectivePermissionsFollowItsStatus() throws {
    let s = try Shop.snapshot()
    let membership = Membership(user: "zed", org: "hq", role: "CASHIER")
    let active = try s.principal(user: "zed", memberships: [membership])
    let inactive = try s.principal(user: "zed", isActive: false, memberships: [membership])
    #expect(
      s.effectivePermissions(of: active, in: "hq").map(\.permission) == [
        "payments::payment::record"
      ])
    #expect(s.effectivePermissions(of: inactive, in: "hq").isEmpty)
  }

  @Test func aPermissionWhoseFeatureIsOffForTheOrgSaysSo() throws {
    let s = try Shop.snapshot().settingFeatureOverride("payments", to: false, for: "hq")
    let entry = s.effectivePermissions(of: "cash", in: "hq").first {
      $0.permission == "payments::payment::record"
    }
    #expect(entry?.scope == .org)
    #expect(entry?.isFeatureEnabled == false)
  }
}

@Suite("Policy introspection")
struct PolicyIntrospectionTests {
  @Test func grantsOfARoleListOwnThenInheritedWithExpansions() throws {
    let compiled = try CompiledPolicy(Shop.policy)
    let grants = compiled.grants(of: "MANAGER")
    #expect(
      grants.map(\.source) == [
        .role("MANAGER"), .inherited(from: "TECH", via: ["MANAGER", "TECH"]),
      ])
    #expect(grants.first?.permissions.count == 5)
    #expect(compiled.grants(of: "RETIRED").isEmpty)
    #expect(compiled.grants(of: "NOBODY").isEmpty)
  }

  @Test func prerequisitesAreTransitive() throws {
    let compiled = try CompiledPolicy(
      Policy(permissions: [
        .init("a::a::a"), .init("a::a::b", requires: ["a::a::a"]),
        .init("a::a::c", requires: ["a::a::b"]),
      ]))
    #expect(compiled.prerequisites(of: "a::a::c") == ["a::a::b", "a::a::a"])
    #expect(compiled.prerequisites(of: "a::a::a") == [])
  }
}

@Suite("Directory updates")
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

@Suite("Directory updates when memberships are not declared user by user")
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
