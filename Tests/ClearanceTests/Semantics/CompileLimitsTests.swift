import Clearance
import Testing

/// Hostile policies (issue 7, section 4): each compiles in bounded time and memory, or is
/// refused with an issue naming the limit and the place. No test measures time.
@Suite("Semantics 10 — compile limits")
struct CompileLimitsTests {
  /// The issues of compiling `policy`, or nil when it compiles.
  func issues(_ policy: Policy) -> [ValidationIssue]? {
    do {
      _ = try CompiledPolicy(policy)
      return nil
    } catch {
      return error.issues
    }
  }

  /// `count` roles, each inheriting the one before; the first grants `a::b::c`.
  func chain(_ count: Int) -> Policy {
    Policy(
      permissions: ["a::b::c"],
      roles: (0..<count).map {
        Role(
          RoleID("r\($0)"), inherits: $0 == 0 ? [] : [RoleID("r\($0 - 1)")],
          grants: $0 == 0 ? [Grant("a::b::c")] : [])
      })
  }

  @Test func aChainOf2000RolesIsRefusedAtTheDepthLimit() throws {
    let found = try #require(issues(chain(2_000)))
    #expect(found.count == 1)
    let depth = PolicyLimits.inheritanceDepth
    #expect(found.first?.path == "roles[\(depth + 1)].inherits")
    #expect(found.first?.code == .limitExceeded)
    #expect(
      found.first?.message
        == "inheritance \(depth + 1) roles deep: more than the limit of \(depth) (PolicyLimits.inheritanceDepth)"
    )
  }

  @Test func aChainAtTheDepthLimitCompilesWithEveryPathRebuilt() throws {
    let depth = PolicyLimits.inheritanceDepth
    let compiled = try CompiledPolicy(chain(depth + 1))
    let grants = compiled.grants(of: RoleID("r\(depth)"))
    #expect(grants.count == 1)
    let via = (0...depth).reversed().map { RoleID("r\($0)") }
    #expect(grants.first?.source == .inherited(from: "r0", via: via))
  }

  @Test func oneRoleInheriting50000RolesCompiles() throws {
    let leaves = (0..<50_000).map { Role(RoleID("r\($0)"), grants: [Grant("a::b::c")]) }
    let policy = Policy(
      permissions: ["a::b::c"], roles: leaves + [Role("top", inherits: leaves.map(\.id))])
    let compiled = try CompiledPolicy(policy)
    let grants = compiled.grants(of: "top")
    #expect(grants.count == 50_000)
    #expect(grants.last?.source == .inherited(from: "r49999", via: ["top", "r49999"]))
  }

  @Test func onePermissionRequiring100000OthersCompiles() throws {
    let others = (0..<100_000).map { PermissionKey("a::b::p\($0)") }
    let policy = Policy(
      permissions: [PermissionDefinition("a::b::top", requires: others + others.prefix(10))]
        + others.map { PermissionDefinition($0) },
      roles: [Role("r", grants: [Grant("a::b::*")])])
    let compiled = try CompiledPolicy(policy)
    #expect(compiled.prerequisites(of: "a::b::top") == others)
  }

  @Test func tenThousandWorkflowsOfTenStatesCompile() throws {
    let policy = Policy(
      permissions: ["a::b::c"],
      roles: [Role("r", grants: [Grant("a::b::c")])],
      workflows: (0..<10_000).map { workflow(WorkflowID("w\($0)"), states: 10, prefix: "w\($0)_s") }
    )
    let compiled = try CompiledPolicy(policy)
    let snapshot = try Snapshot(
      policy: compiled,
      directory: Directory(
        organizations: [Organization("o")], users: [User("u")],
        memberships: [Membership(user: "u", org: "o", role: "r")]))
    let resource = snapshot.resolve(Resource(org: "o", state: "w9999_s3"))
    #expect(
      snapshot.allowedTargets(for: snapshot.principal("u"), moving: resource, in: "w9999")
        == ["w9999_s4"])
  }

  @Test func oneWorkflowWith50000StatesCompiles() throws {
    let policy = Policy(
      permissions: ["a::b::c"], workflows: [workflow("w", states: 50_000, prefix: "s")])
    let compiled = try CompiledPolicy(policy)
    #expect(compiled.transition(in: "w", to: "s49999").isDeclared)
  }

  @Test func statesSharedBetweenWorkflowsMoveAsDeclared() throws {
    // "OPEN" belongs to both; the second workflow finds it outside its own run of states.
    let policy = Policy(
      permissions: ["a::b::c"],
      roles: [Role("r", grants: [Grant("a::b::c")])],
      workflows: [
        Workflow(
          "first", states: [WorkflowState("OPEN"), WorkflowState("DONE", enter: "a::b::c")],
          initial: "OPEN", transitions: [Transition(from: "OPEN", to: "DONE")]),
        Workflow(
          "second",
          states: [
            WorkflowState("NEW"), WorkflowState("OPEN", enter: "a::b::c"),
            WorkflowState("GONE", enter: "a::b::c", isTerminal: true),
            WorkflowState("HELD", enter: "a::b::c"),
          ],
          initial: "NEW",
          transitions: [
            Transition(from: "NEW", to: "OPEN"), Transition(from: "*", to: "GONE"),
            Transition(from: "OPEN", to: "HELD"), Transition(from: "OPEN", to: "HELD"),
          ]),
      ])
    let snapshot = try Snapshot(
      policy: CompiledPolicy(policy),
      directory: Directory(
        organizations: [Organization("o")], users: [User("u")],
        memberships: [Membership(user: "u", org: "o", role: "r")]))
    let user = snapshot.principal("u")
    func targets(_ state: StateName, _ workflow: WorkflowID) -> [StateName] {
      snapshot.allowedTargets(
        for: user, moving: snapshot.resolve(Resource(org: "o", state: state)), in: workflow)
    }
    #expect(targets("OPEN", "first") == ["DONE"])
    #expect(targets("OPEN", "second") == ["GONE", "HELD"])
    #expect(targets("NEW", "second") == ["OPEN", "GONE"])
    #expect(targets("GONE", "second") == [])
    #expect(targets("DONE", "second") == [])
  }

  @Test func permissionsPastTheLimitAreRefusedBeforeAnyWork() throws {
    let count = PolicyLimits.permissions + 1
    let policy = Policy(
      permissions: (0..<count).map {
        PermissionDefinition(PermissionKey("f\($0 / 10_000)::s\($0 / 100 % 100)::v\($0 % 100)"))
      })
    let found = try #require(issues(policy))
    #expect(
      found.map(\.description) == [
        "permissions: \(count) permissions: more than the limit of \(PolicyLimits.permissions) (PolicyLimits.permissions)"
      ])
  }

  @Test func a6000RoleCycleIsReportedOnceAndShort() throws {
    let policy = Policy(
      roles: (0..<6_000).map {
        Role(RoleID("r\($0)"), inherits: [RoleID("r\(($0 + 5_999) % 6_000)")])
      })
    let found = try #require(issues(policy))
    #expect(found.count == 1)
    let shown = PolicyLimits.cycleNamesShown
    let names =
      (0..<shown / 2).map { $0 == 0 ? "r0" : "r\(6_000 - $0)" } + ["… (\(6_001 - shown) more) …"]
      + (1..<shown / 2).reversed().map { "r\($0)" } + ["r0"]
    #expect(
      found.first?.description == "roles: inheritance cycle " + names.joined(separator: " -> "))
  }

  @Test func thousandsOfCyclesAreListedUpToTheLimitAndCounted() throws {
    // Every role inherits the next one and the first: 5,999 cycles through r0.
    let count = 6_000
    let policy = Policy(
      roles: (0..<count).map {
        Role(
          RoleID("r\($0)"),
          inherits: ($0 + 1 < count ? [RoleID("r\($0 + 1)")] : []) + ($0 > 0 ? ["r0"] : []))
      })
    let found = try #require(issues(policy))
    let limit = PolicyLimits.reportedIssues
    #expect(found.count == limit + 1)
    #expect(found.dropLast().allSatisfy { $0.code == .cycle })
    #expect(
      found.last?.message
        == "\(count - 1 - limit) more problems found but not listed (PolicyLimits.reportedIssues: \(limit))"
    )
    #expect(found.map(\.description).joined().utf8.count < limit * 400)
  }

  @Test func grantExpansionsPastTheLimitAreRefusedAtTheGrant() throws {
    let keys = (0..<10_000).map { PermissionKey("f\($0 / 100)::s\($0 % 100)::read") }
    let roles = PolicyLimits.grantExpansions / keys.count + 1
    let policy = Policy(
      permissions: keys.map { PermissionDefinition($0) },
      ungated: [],
      roles: (0..<roles).map { Role(RoleID("r\($0)"), grants: [Grant("*")]) })
    let found = try #require(issues(policy))
    #expect(found.count == 1)
    #expect(found.first?.path == "roles[\(roles - 1)].grants[0]")
    #expect(found.first?.message.hasSuffix("(PolicyLimits.grantExpansions)") == true)
  }

  @Test func roleTablesPastTheLimitAreRefused() throws {
    // 64,000 permissions are 1,000 words; 4 levels each: 4,195 roles pass 16,777,216 words.
    let keys = (0..<64_000).map { PermissionKey("f\($0 / 1_000)::s\($0 % 1_000)::read") }
    let roles = PolicyLimits.roleTableWords / 4_000 + 1
    let policy = Policy(
      permissions: keys.map { PermissionDefinition($0) },
      roles: (0..<roles).map { Role(RoleID("r\($0)")) })
    let found = try #require(issues(policy))
    #expect(found.map(\.path) == ["roles"])
    #expect(found.first?.message.hasSuffix("(PolicyLimits.roleTableWords)") == true)
  }

  @Test func prerequisiteMasksPastTheLimitAreRefused() throws {
    // A chain of 24,000 prerequisites: about 4.5 million words of masks.
    let keys = (0..<24_000).map { PermissionKey("a::b::p\($0)") }
    let policy = Policy(
      permissions: keys.enumerated().map {
        PermissionDefinition($1, requires: $0 == 0 ? [] : [keys[$0 - 1]])
      })
    let found = try #require(issues(policy))
    #expect(found.count == 1)
    #expect(found.first?.code == .limitExceeded)
    #expect(found.first?.message.hasSuffix("(PolicyLimits.prerequisiteWords)") == true)
  }

  @Test func workflowsAndStatesPastTheirLimitsAreRefused() throws {
    let many = Policy(
      workflows: (0...PolicyLimits.workflows).map {
        Workflow(WorkflowID("w\($0)"), states: [WorkflowState("S")], initial: "S", transitions: [])
      })
    #expect(try #require(issues(many)).map(\.path) == ["workflows"])
    let states = Policy(
      permissions: ["a::b::c"],
      workflows: [workflow("w", states: PolicyLimits.states + 1, prefix: "s")])
    let found = try #require(issues(states))
    #expect(found.map(\.path) == ["workflows[0].states[\(PolicyLimits.states)]"])
    #expect(found.first?.message.hasSuffix("(PolicyLimits.states)") == true)
  }

  @Test func theIssueListIsCappedWithACountOfTheRest() throws {
    let policy = Policy(
      roles: (0..<1_500).map { Role(RoleID("r\($0)"), inherits: ["missing"]) })
    let found = try #require(issues(policy))
    #expect(found.count == PolicyLimits.reportedIssues + 1)
    #expect(found.last?.code == .limitExceeded)
    #expect(found.last?.message.hasPrefix("500 more problems found but not listed") == true)
  }

  /// A workflow of `states` states in a line, each but the first entered with `a::b::c`.
  func workflow(_ id: WorkflowID, states: Int, prefix: String) -> Workflow {
    let names = (0..<states).map { StateName("\(prefix)\($0)") }
    return Workflow(
      id,
      states: names.enumerated().map { WorkflowState($1, enter: $0 == 0 ? nil : "a::b::c") },
      initial: names[0],
      transitions: (1..<states).map { Transition(from: names[$0 - 1], to: names[$0]) })
  }
}
