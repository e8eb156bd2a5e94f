import Clearance
import Testing

/// docs/SEMANTICS.md section 6, workflows: a move needs an edge from the current state and
/// the target's enter permission (and the base permission).
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

  @Test func aWildcardEdgeIncludesTheTargetItselfWhenItIsNotTerminal() throws {
    let ticket = Resource(org: "hq", assignee: "tina", state: "QC_REVIEW")
    #expect(
      try Shop.snapshot().can("tina", "ticket:QC_REVIEW", ticket) == .deny(.illegalTransition))
    var policy = Shop.policy
    policy.workflows[0].transitions.append(Transition(from: "*", to: "QC_REVIEW"))
    let s = try Snapshot(policy: CompiledPolicy(policy), directory: Shop.directory)
    #expect(s.can("tina", "ticket:QC_REVIEW", ticket) == .allow)
    #expect(
      s.can("tina", "ticket:QC_REVIEW", Resource(org: "hq", assignee: "tina", state: "VOIDED"))
        == .deny(.illegalTransition))
  }

  @Test func aStateNoTransitionEntersNeedsNoPermissionAndCannotBeEntered() throws {
    // INTAKE names no enter permission, and the policy compiles.
    let s = try Shop.snapshot()
    for state: StateName in ["INTAKE", "IN_REPAIR", "QC_REVIEW"] {
      #expect(
        s.can("olga", "ticket:INTAKE", Resource(org: "hq", state: state))
          == .deny(.illegalTransition))
      let targets = s.allowedTargets(
        for: s.principal("olga"), moving: s.resolve(Resource(org: "hq", state: state)),
        in: "ticket")
      #expect(!targets.contains("INTAKE"))
    }
  }

  @Test func theFeatureGateAppliesToTheBasePermissionAsWellAsTheEnterPermission() throws {
    var policy = Shop.policy
    policy.workflows[0].basePermission = "payments::payment::record"
    let s = try Snapshot(policy: CompiledPolicy(policy), directory: Shop.directory)
    let ticket = Resource(org: "hq", state: "IN_REPAIR")
    #expect(s.can("olga", "ticket:QC_REVIEW", ticket) == .allow)
    let noPayments = try s.settingFeatureOverride("payments", to: false, for: "hq")
    #expect(noPayments.can("olga", "ticket:QC_REVIEW", ticket) == .deny(.featureDisabled))
    let noTickets = try s.settingFeatureOverride("tickets", to: false, for: "hq")
    #expect(noTickets.can("olga", "ticket:QC_REVIEW", ticket) == .deny(.featureDisabled))
  }
}
