import Clearance
import Testing

/// Name lookups never throw: a text that names nothing the policy declares resolves to an
/// undeclared action, which decides exactly like the same text given by name.
@Suite struct UndeclaredActionTests {
  let snapshot: Snapshot
  let ticket = Resource(org: "hq", shop: "north", assignee: "tina", state: "INTAKE")

  init() throws { snapshot = try Shop.snapshot() }

  /// Each undeclared form, with the handle the typed lookups give for it and the note of
  /// its by-name explanation's check 1a.
  var cases: [(text: String, typed: Action, note: String)] {
    [
      (
        "tickets::ticket::burn", snapshot.action("tickets::ticket::burn"),
        "unknown permission \"tickets::ticket::burn\""
      ),
      (
        "invoice:PAID", snapshot.transition(in: "invoice", to: "PAID"),
        "unknown workflow \"invoice\""
      ),
      (
        "ticket:SHIPPED", snapshot.transition(in: "ticket", to: "SHIPPED"),
        "unknown state \"SHIPPED\" in workflow \"ticket\""
      ),
      (
        "burn the tickets", snapshot.action(named: "burn the tickets"),
        "\"burn the tickets\" is neither a permission key (a::b::c) nor a transition (workflow:STATE)"
      ),
    ]
  }

  @Test func undeclaredTextsGiveUndeclaredActions() {
    for (text, typed, _) in cases {
      let named = snapshot.action(named: ActionName(text))
      #expect(!named.isDeclared, "\(text)")
      #expect(!typed.isDeclared, "\(text)")
      #expect(!named.isTransition && !typed.isTransition, "\(text)")
      #expect(named == typed, "\(text): typed and by-name lookups agree")
      #expect(snapshot.isValid(named), "\(text): an undeclared action is no mismatch")
    }
    #expect(snapshot.action("tickets::ticket::read").isDeclared)
    #expect(snapshot.transition(in: "ticket", to: "QC_REVIEW").isDeclared)
    #expect(snapshot.action(named: "ticket:QC_REVIEW").isDeclared)
    #expect(
      snapshot.policy.action("tickets::ticket::burn") == snapshot.action("tickets::ticket::burn"))
  }

  @Test func handlePathAndByNamePathDecideAlike() {
    let resolved = snapshot.resolve(ticket)
    for (text, typed, _) in cases {
      for user in ["olga", "tina", "gone", "nobody"] as [UserID] {
        let byName = snapshot.can(user, ActionName(text), ticket)
        let byHandle = snapshot.can(snapshot.principal(user), typed, resolved)
        let expected: Decision =
          snapshot.principal(user).isActive ? .deny(.unknownAction) : .deny(.principalInactive)
        #expect(byName == expected, "\(user) \(text)")
        #expect(byHandle == expected, "\(user) \(text)")
        let context = RequestContext(time: Timestamp(seconds: 0))
        #expect(snapshot.can(user, ActionName(text), ticket, context: context) == expected)
        #expect(
          snapshot.can(snapshot.principal(user), typed, resolved, context: context) == expected)
      }
    }
  }

  @Test func explainStopsAtCheck1aOnBothPaths() {
    let resolved = snapshot.resolve(ticket)
    for (text, typed, note) in cases {
      let byName = snapshot.explain("tina", ActionName(text), ticket)
      let byHandle = snapshot.explain(snapshot.principal("tina"), typed, resolved)
      for explanation in [byName, byHandle] {
        #expect(explanation.decision == .deny(.unknownAction), "\(text)")
        #expect(explanation.checks.map(\.step) == [.principal, .action], "\(text)")
        #expect(explanation.checks.map(\.outcome) == [.passed, .failed], "\(text)")
        #expect(explanation.memberships.isEmpty)
      }
      #expect(byName.action == text)
      #expect(byName.checks[1].detail == note)
      let inactive = snapshot.explain("gone", ActionName(text), ticket)
      #expect(inactive.decision == .deny(.principalInactive))
      #expect(inactive.checks.map(\.outcome) == [.failed, .notReached])
    }
    #expect(
      snapshot.explain(snapshot.principal("tina"), cases[2].typed, resolved).checks[1].detail
        .contains("\"ticket\""))
  }

  @Test func othersDenyOrAnswerNothing() {
    let resolved = snapshot.resolve(ticket)
    let olga = snapshot.principal("olga")
    for (text, typed, _) in cases {
      #expect(snapshot.filter(olga, typed) == .never, "\(text)")
      #expect(snapshot.filter("olga", ActionName(text)) == .never, "\(text)")
      #expect(snapshot.users(whoCan: typed, on: resolved).isEmpty, "\(text)")
    }
    #expect(snapshot.allowedTargets(for: olga, moving: resolved, in: "invoice").isEmpty)
    #expect(
      snapshot.allowedTargets(for: olga, moving: resolved, in: "ticket") == ["IN_REPAIR", "VOIDED"])
  }

  @Test func anUndeclaredActionOfAnotherPolicyIsAMismatch() throws {
    let other = try Shop.snapshot()
    let foreign = other.action("tickets::ticket::burn")
    #expect(!snapshot.isValid(foreign))
    #expect(
      snapshot.can(snapshot.principal("olga"), foreign, snapshot.resolve(ticket))
        == .deny(.handleMismatch))
    // A mismatched principal or resource is reported first.
    let undeclared = snapshot.action("tickets::ticket::burn")
    #expect(
      snapshot.can(other.principal("olga"), undeclared, snapshot.resolve(ticket))
        == .deny(.handleMismatch))
    #expect(
      snapshot.can(snapshot.principal("olga"), undeclared, other.resolve(ticket))
        == .deny(.handleMismatch))
  }
}
