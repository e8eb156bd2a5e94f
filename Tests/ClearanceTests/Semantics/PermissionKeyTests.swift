import Clearance
import Testing

/// docs/SEMANTICS.md section 2, names: a permission key has three segments, a pattern
/// replaces whole segments by `*` and is expanded when the policy is compiled, and an
/// action is a permission key when it contains `::`, else a transition.
@Suite("Semantics 2 — permission keys, patterns and actions")
struct PermissionKeyTests {
  static let shape = "(expected feature::sub_feature::action, each segment [a-z][a-z0-9_]*)"

  @Test func aKeyHasThreeSegmentsOfLowercaseLettersDigitsAndUnderscores() throws {
    _ = try CompiledPolicy(Policy(permissions: ["a::b::c", "a1::b_2::c_d9", "abc::d0::e_"]))
    for key in ["a::b", "a::b::c::d", "1a::b::c", "a::B::c", "a::b::", "_a::b::c", "a::b-c::d"] {
      expectIssues(
        ["permissions[0]: ill-formed permission key \"\(key)\" \(Self.shape)"],
        compiling: Policy(permissions: [PermissionDefinition(PermissionKey(key))]))
    }
  }

  @Test func aPatternExpandsWholeSegmentsWhenThePolicyIsCompiled() throws {
    let compiled = try CompiledPolicy(
      Policy(
        permissions: ["a::x::read", "a::y::read", "a::x::edit", "b::x::read"],
        roles: [Role("R", grants: [Grant("a::*::read"), Grant("*::x::*"), Grant("*")])]))
    let expanded = compiled.grants(of: "R").map { Set($0.permissions) }
    #expect(
      expanded == [
        ["a::x::read", "a::y::read"], ["a::x::read", "a::x::edit", "b::x::read"],
        ["a::x::read", "a::y::read", "a::x::edit", "b::x::read"],
      ])
  }

  @Test func anActionContainingTwoColonsIsAPermissionKeyElseATransition() throws {
    let s = try Shop.snapshot()
    let ticket = Resource(org: "hq", assignee: "tina", state: "IN_REPAIR")
    // The first `:` splits a transition into workflow and target ...
    #expect(s.can("tina", "ticket:QC_REVIEW", ticket) == .allow)
    #expect(s.action(named: "ticket:QC_REVIEW").isDeclared)
    // ... unless `::` appears anywhere: then it is a (here unknown) permission key.
    #expect(s.can("tina", "ticket::QC_REVIEW", ticket) == .deny(.unknownAction))
    #expect(s.can("tina", "ticket:QC_REVIEW::x", ticket) == .deny(.unknownAction))
    // A target holding a further `:` names no state.
    #expect(s.can("olga", "ticket:VOIDED:x", ticket) == .deny(.unknownAction))
    #expect(s.can("tina", "tickets::ticket::read", ticket) == .allow)
  }
}
