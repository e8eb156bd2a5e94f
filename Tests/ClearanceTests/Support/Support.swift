import Clearance
import Testing

/// A small policy used across the section tests: a repair shop with inheritance,
/// prerequisites, a state condition, a gated feature and a workflow.
enum Shop {
  static let policy = Policy(
    permissions: [
      .init("tickets::ticket::read"),
      .init("tickets::ticket::edit", requires: ["tickets::ticket::read"]),
      .init("tickets::status::repair", requires: ["tickets::ticket::read"]),
      .init("tickets::status::qc", requires: ["tickets::ticket::read"]),
      .init("tickets::status::void"),
      .init("payments::payment::record"),
      .init("purchasing::module::access"),
      .init("purchasing::orders::create", requires: ["purchasing::module::access"]),
    ],
    features: [
      ParentFeature("service", children: [ChildFeature("tickets")]),
      ParentFeature("money", children: [ChildFeature("payments"), ChildFeature("purchasing")]),
    ],
    plans: [
      Plan("basic", features: ["service"]),
      Plan("pro", features: ["service", "money"]),
    ],
    roles: [
      Role("TECH", grants: [Grant("tickets::*::*", scope: .assigned)]),
      Role("MANAGER", inherits: ["TECH"], grants: [Grant("tickets::*::*", scope: .shop)]),
      Role("CASHIER", grants: [Grant("payments::payment::record")]),
      Role("OWNER", inherits: ["MANAGER", "CASHIER"], grants: [Grant("*")]),
      Role("REGIONAL", grants: [Grant("tickets::ticket::read", scope: .tree)]),
      Role("SALES", grants: [Grant("tickets::ticket::read", states: ["QC_REVIEW"])]),
      Role(
        "BUYER",
        grants: [
          Grant("purchasing::orders::create", scope: .tree), Grant("purchasing::module::access"),
        ]),
      Role("RETIRED", grants: [Grant("*")], isDeleted: true),
    ],
    workflows: [
      Workflow(
        "ticket",
        states: [
          WorkflowState("INTAKE"),
          WorkflowState("IN_REPAIR", enter: "tickets::status::repair"),
          WorkflowState("QC_REVIEW", enter: "tickets::status::qc"),
          WorkflowState("VOIDED", enter: "tickets::status::void", isTerminal: true),
        ],
        initial: "INTAKE",
        transitions: [
          Transition(from: "INTAKE", to: "IN_REPAIR"),
          Transition(from: "IN_REPAIR", to: "QC_REVIEW"),
          Transition(from: "*", to: "VOIDED"),
        ])
    ])

  static let directory = Directory(
    organizations: [
      Organization("hq", plan: "pro", shops: ["north", "south"]),
      Organization("east", parent: "hq", shops: ["harbor"]),
      Organization("west", parent: "hq", plan: "basic"),
      Organization("closed", parent: "hq", isActive: false),
      Organization("closed-kid", parent: "closed"),
      Organization("other", plan: "basic"),
    ],
    users: [
      User("olga"), User("max"), User("tina"), User("cash"), User("reg"), User("sam"),
      User("bea"), User("ret"), User("gone", isActive: false),
    ],
    memberships: [
      Membership(user: "olga", org: "hq", role: "OWNER"),
      Membership(user: "max", org: "hq", role: "MANAGER", shops: ["north"]),
      Membership(user: "tina", org: "hq", role: "TECH", shops: ["north"]),
      Membership(user: "tina", org: "east", role: "MANAGER", shops: ["harbor"]),
      Membership(user: "cash", org: "hq", role: "CASHIER"),
      Membership(user: "reg", org: "hq", role: "REGIONAL"),
      Membership(user: "sam", org: "hq", role: "SALES"),
      Membership(user: "bea", org: "hq", role: "BUYER"),
      Membership(
        user: "ret", org: "hq", role: "RETIRED", grants: [Grant("payments::payment::record")]),
      Membership(user: "gone", org: "hq", role: "OWNER"),
    ])

  static func snapshot(_ directory: Directory = directory) throws -> Snapshot {
    try Snapshot(policy: CompiledPolicy(policy), directory: directory)
  }
}

/// Asserts that compiling `policy` fails with exactly the issues `expected` (as
/// `path: message` lines), in order.
func expectIssues(
  _ expected: [String], compiling policy: Policy, sourceLocation: SourceLocation = #_sourceLocation
) {
  do {
    _ = try CompiledPolicy(policy)
    Issue.record("expected a ValidationError", sourceLocation: sourceLocation)
  } catch {
    #expect(error.issues.map(\.description) == expected, sourceLocation: sourceLocation)
  }
}

/// Asserts that building a snapshot of `directory` under `policy` fails with exactly the
/// issues `expected`.
func expectIssues(
  _ expected: [String], loading directory: Directory, policy: Policy = Shop.policy,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let compiled = try CompiledPolicy(policy)
  do {
    _ = try Snapshot(policy: compiled, directory: directory)
    Issue.record("expected a ValidationError", sourceLocation: sourceLocation)
  } catch {
    #expect(error.issues.map(\.description) == expected, sourceLocation: sourceLocation)
  }
}
