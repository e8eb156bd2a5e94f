import Clearance
import ClearanceJSON
import Foundation
import Testing

/// docs/SEMANTICS.md section 10: every kind of bad input is rejected with an error naming its place; all
/// errors are reported; nothing half-loaded is used.
@Suite("Semantics 10 — bad input")
struct BadInputTests {
  @Test func unknownParentRoleNamesItsPath() {
    expectIssues(
      ["roles[1].inherits[0]: unknown role \"senior_buyer\""],
      compiling: Policy(
        permissions: ["purchasing::orders::create"],
        roles: [Role("buyer"), Role("lead", inherits: ["senior_buyer"])]))
  }

  @Test func inheritanceCycleIsNamedInFull() {
    expectIssues(
      ["roles: inheritance cycle buyer -> senior_buyer -> lead -> buyer"],
      compiling: Policy(
        roles: [
          Role("buyer", inherits: ["senior_buyer"]), Role("senior_buyer", inherits: ["lead"]),
          Role("lead", inherits: ["buyer"]),
        ]))
  }

  @Test func prerequisiteCycleIsNamedInFull() {
    expectIssues(
      ["permissions: prerequisite cycle a::b::c -> a::b::d -> a::b::c"],
      compiling: Policy(
        permissions: [
          .init("a::b::c", requires: ["a::b::d"]), .init("a::b::d", requires: ["a::b::c"]),
        ]))
  }

  @Test func illFormedAndDuplicateKeysAreRejected() {
    expectIssues(
      [
        "permissions[0]: ill-formed permission key \"Tickets::read\" (expected feature::sub_feature::action, each segment [a-z][a-z0-9_]*)",
        "permissions[1]: ill-formed permission key \"\" (expected feature::sub_feature::action, each segment [a-z][a-z0-9_]*)",
        "permissions[3]: duplicate permission \"a::b::c\"",
        "permissions[4].requires[0]: unknown permission \"a::b::z\"",
      ],
      compiling: Policy(
        permissions: [
          .init("Tickets::read"), .init(""), .init("a::b::c"), .init("a::b::c"),
          .init("a::b::d", requires: ["a::b::z"]),
        ]))
  }

  @Test func duplicateRoleIdsAreRejectedButCaseMatters() {
    expectIssues(
      ["roles[2].id: duplicate role \"OWNER\""],
      compiling: Policy(roles: [Role("OWNER"), Role("owner"), Role("OWNER")]))
  }

  @Test func aPatternThatMatchesNothingIsAnError() {
    expectIssues(
      [
        "roles[0].grants[0].permission: pattern \"tickets::*::delete\" matches no declared permission",
        "roles[0].grants[1].permission: ill-formed permission pattern \"tickets::*\" (expected a key whose segments may be *, or * alone)",
      ],
      compiling: Policy(
        permissions: ["tickets::ticket::read"],
        roles: [Role("R", grants: [Grant("tickets::*::delete"), Grant("tickets::*")])]))
  }

  @Test func aTypoInAFeatureCannotSilentlyUngateAPermission() {
    expectIssues(
      ["permissions[1]: \"job_core\" is neither a declared child feature nor listed as ungated"],
      compiling: Policy(
        permissions: ["jobs_core::jobs::read", "job_core::jobs::write"],
        features: [ParentFeature("jobs", children: [ChildFeature("jobs_core")])]))
  }

  @Test func workflowEdgesToUnknownStatesAndStatesWithoutPermissionAreRejected() {
    expectIssues(
      [
        "workflows[0].transitions[0].to: unknown state \"DONE\"",
        "workflows[0].transitions[2].from: terminal state \"CLOSED\" has no way out",
        "workflows[0].states[1].enter: state \"OPEN\" is entered by a transition but names no permission",
      ],
      compiling: Policy(
        permissions: ["t::t::close"],
        workflows: [
          Workflow(
            "ticket",
            states: [
              WorkflowState("NEW"), WorkflowState("OPEN"),
              WorkflowState("CLOSED", enter: "t::t::close", isTerminal: true),
            ],
            initial: "NEW",
            transitions: [
              Transition(from: "NEW", to: "DONE"), Transition(from: "NEW", to: "OPEN"),
              Transition(from: "CLOSED", to: "OPEN"),
            ])
        ]))
  }

  @Test func aLiveRoleMayNotInheritADeletedOne() {
    expectIssues(
      ["roles[1].inherits[0]: live role \"senior\" inherits from deleted role \"buyer\""],
      compiling: Policy(roles: [
        Role("buyer", isDeleted: true), Role("senior", inherits: ["buyer"]),
      ]))
  }

  @Test func directoryReferencesAreCheckedWithPaths() throws {
    try expectIssues(
      [
        "organizations[1].parent: unknown organization \"nowhere\"",
        "organizations[1].plan: unknown plan \"gold\"",
        "organizations[1].features.jobs: unknown feature \"jobs\"",
        "memberships[0].role: unknown role \"senior_buyer\"",
        "memberships[1].user: unknown user \"ghost\"",
        "memberships[2].shops[0]: unknown shop \"south\" in organization \"b\"",
        "memberships[3]: user \"al\" already has a membership in \"a\" (one role per organization)",
      ],
      loading: Directory(
        organizations: [
          Organization("a"),
          Organization("b", parent: "nowhere", plan: "gold", featureOverrides: ["jobs": true]),
        ],
        users: [User("al")],
        memberships: [
          Membership(user: "al", org: "a", role: "senior_buyer"),
          Membership(user: "ghost", org: "a", role: "TECH"),
          Membership(user: "al", org: "b", role: "TECH", shops: ["south"]),
          Membership(user: "al", org: "a", role: "TECH"),
        ]))
  }

  @Test func organizationCycleIsNamedInFull() throws {
    try expectIssues(
      ["organizations: organization cycle a -> b -> a"],
      loading: Directory(organizations: [
        Organization("a", parent: "b"), Organization("b", parent: "a"),
      ]))
  }

  @Test func malformedJSONNamesTheFieldPath() throws {
    let json = Data(#"{"roles": [{"id": "x", "inherit": ["y"]}]}"#.utf8)
    let error = #expect(throws: ValidationError.self) {
      try JSONDocuments.decode(Policy.self, from: json)
    }
    #expect(error?.issues.first?.path == "roles[0].inherit")
    #expect(error?.issues.first?.code == .malformed)
  }

  @Test func wrongTypesAndMissingFieldsNameTheirPath() throws {
    let badScope = Data(
      #"{"roles": [{"id": "x", "grants": [{"permission": "*", "scope": "galaxy"}]}]}"#.utf8)
    let error = #expect(throws: ValidationError.self) {
      try JSONDocuments.decode(Policy.self, from: badScope)
    }
    #expect(error?.issues.first?.path == "roles[0].grants[0].scope")
    let missing = Data(#"{"memberships": [{"user": "a", "org": "b"}]}"#.utf8)
    let missingError = #expect(throws: ValidationError.self) {
      try JSONDocuments.decode(Directory.self, from: missing)
    }
    #expect(missingError?.issues.first?.description == "memberships[0]: missing field \"role\"")
  }

  @Test func aBrokenFixtureReportsEveryFileAndNothingIsUsed() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "clearance-bad-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(#"{"permissions": ["a::b::c"], "roles": [{"id": "R", "inherits": ["S"]}]}"#.utf8)
      .write(to: folder.appendingPathComponent("policy.json"))
    try Data(#"{"users": [1]}"#.utf8).write(to: folder.appendingPathComponent("directory.json"))
    let error = #expect(throws: ValidationError.self) {
      try Fixture(folder: folder.path)
    }
    #expect(
      error?.issues.map(\.description) == [
        "directory.json: users[0]: expected an object",
        "policy.json: roles[0].inherits[0]: unknown role \"S\"",
      ])
  }
}
