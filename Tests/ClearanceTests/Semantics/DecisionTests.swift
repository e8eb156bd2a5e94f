import Clearance
import Testing

/// docs/SEMANTICS.md section 7, the decision: the checks run in order and the first that
/// fails gives the reason; unknown names fail closed.
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

  @Test func theUnknownActionCheckComesRightAfterThePrincipalCheck() throws {
    let s = try Shop.snapshot()
    // An unknown or inactive user learns nothing about which actions exist ...
    for user: UserID in ["nobody", "gone"] {
      for action in ["no::such::thing", "ticket:NOWHERE", "tickets::ticket::read"] {
        #expect(
          s.can(user, ActionName(action), Resource(org: "hq")) == .deny(.principalInactive))
      }
    }
    // ... and an active user's unknown action is reported before every later check.
    #expect(s.can("olga", "no::such::thing", Resource(org: "nowhere")) == .deny(.unknownAction))
    #expect(
      s.can("olga", "ticket:NOWHERE", Resource(org: "hq", state: "LIMBO"))
        == .deny(.unknownAction))
  }
}
