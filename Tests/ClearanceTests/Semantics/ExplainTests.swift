import Clearance
import Testing

/// docs/SEMANTICS.md section 11, explain: the same decision as `can`, with every check
/// and every grant's source.
@Suite("Semantics 11 — explain")
struct ExplainTests {
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
