// Corpora chosen for their shape rather than drawn at random, where random corpora rarely
// go: nothing at all, long chains, wide fan-outs, diamonds, and grants that hold only in
// some states. The law checker and the differential suite run over each of them.

import Clearance

/// A hand-made corpus with a name and the seed of its request stream.
package struct InterestingCorpus: Sendable, CustomStringConvertible {
  package var name: String
  package var corpus: Corpus
  /// The seed of the random requests asked against it.
  package var seed: UInt64

  package var description: String { name }
}

/// The interesting corpora.
package enum InterestingCorpora {
  /// Every one of them, in a fixed order.
  package static let all: [InterestingCorpus] = [
    InterestingCorpus(name: "empty", corpus: empty, seed: 9_000_001),
    InterestingCorpus(name: "deep", corpus: deep, seed: 9_000_002),
    InterestingCorpus(name: "wide", corpus: wide, seed: 9_000_003),
    InterestingCorpus(name: "diamond", corpus: diamond, seed: 9_000_004),
    InterestingCorpus(name: "all-conditional", corpus: allConditional, seed: 9_000_005),
  ]

  /// No permissions, features, roles or workflows; users without memberships.
  package static let empty = Corpus(
    policy: Policy(),
    directory: Directory(
      organizations: [Organization("org0"), Organization("org1", parent: "org0")],
      users: [User("u0"), User("u1", isActive: false)]))

  /// Chains: 24 roles each inheriting the one before, a prerequisite chain of 12
  /// permissions, a workflow of 10 states in a line, and 10 organizations each below the
  /// one before; members at every depth, each at a different scope.
  package static let deep: Corpus = {
    let steps = (0..<12).map { PermissionKey("deep::chain::step\($0)") }
    let permissions = steps.enumerated().map { i, key in
      PermissionDefinition(key, requires: i == 0 ? [] : [steps[i - 1]])
    }
    let scopes: [Scope] = [.assigned, .shop, .org, .tree]
    let roles = (0..<24).map { i in
      Role(
        RoleID("R\(i)"), inherits: i == 0 ? [] : [RoleID("R\(i - 1)")],
        grants: [Grant(PermissionPattern(steps[i % 12].rawValue), scope: scopes[i % 4])])
    }
    let states = (0..<10).map { i in
      WorkflowState(StateName("S\(i)"), enter: i == 0 ? nil : steps[i], isTerminal: i == 9)
    }
    let transitions = (1..<10).map {
      Transition(from: StateName("S\($0 - 1)"), to: StateName("S\($0)"))
    }
    let policy = Policy(
      permissions: permissions,
      features: [ParentFeature("suite", children: [ChildFeature("deep")])],
      plans: [Plan("some", features: []), Plan("all", features: ["suite"])],
      roles: roles,
      workflows: [Workflow("line", states: states, initial: "S0", transitions: transitions)])
    let orgs = (0..<10).map { i in
      Organization(
        OrgID("org\(i)"), parent: i == 0 ? nil : OrgID("org\(i - 1)"),
        plan: i == 0 ? "all" : (i == 6 ? "some" : nil), shops: i % 2 == 0 ? ["north"] : [])
    }
    let users = (0..<8).map { User(UserID("u\($0)"), isActive: $0 != 7) }
    let memberships = (0..<8).map { i in
      Membership(
        user: UserID("u\(i)"), org: OrgID("org\(i)"), role: RoleID("R\(23 - 3 * i)"),
        shops: i % 2 == 0 ? ["north"] : [])
    }
    return Corpus(
      policy: policy,
      directory: Directory(organizations: orgs, users: users, memberships: memberships))
  }()

  /// Fan-outs: 120 permissions under 10 features, 40 roles each granting one pattern and
  /// one role inheriting all of them, 30 sibling organizations under one root, a user in
  /// every one of them.
  package static let wide: Corpus = {
    let firsts = (0..<10).map { "w\($0)" }
    var permissions: [PermissionDefinition] = []
    for first in firsts {
      for second in ["item", "note", "file"] {
        for third in ["read", "edit", "create", "delete"] {
          permissions.append(PermissionDefinition(PermissionKey("\(first)::\(second)::\(third)")))
        }
      }
    }
    let scopes: [Scope] = [.assigned, .shop, .org, .tree]
    var roles = (0..<40).map { i in
      let pattern = i % 3 == 0 ? "\(firsts[i % 10])::*::*" : permissions[i * 3].key.rawValue
      return Role(
        RoleID("L\(i)"), grants: [Grant(PermissionPattern(pattern), scope: scopes[i % 4])])
    }
    roles.append(Role("ALL", inherits: roles.map(\.id)))
    roles.append(Role("STAR", grants: [Grant("*", scope: .tree)]))
    let policy = Policy(
      permissions: permissions,
      features: [
        ParentFeature("low", children: firsts.prefix(5).map { ChildFeature(FeatureID($0)) }),
        ParentFeature(
          "high",
          children: firsts.dropFirst(5).map { ChildFeature(FeatureID($0), isEnabled: $0 != "w9") }),
      ],
      plans: [Plan("low", features: ["low"]), Plan("both", features: ["low", "high"])],
      roles: roles)
    var orgs = [Organization("root", plan: "both", shops: ["north", "south"])]
    var users = [User("boss"), User("star")]
    var memberships = [
      Membership(user: "boss", org: "root", role: "ALL"),
      Membership(user: "star", org: "root", role: "STAR"),
    ]
    for i in 0..<30 {
      let org = OrgID("leaf\(i)")
      orgs.append(
        Organization(
          org, parent: "root", plan: i % 4 == 0 ? "low" : nil,
          featureOverrides: i % 5 == 0 ? ["w7": false] : [:], shops: ["north"]))
      let user = UserID("u\(i)")
      users.append(User(user))
      memberships.append(
        Membership(
          user: user, org: org, role: i % 6 == 0 ? "ALL" : RoleID("L\(i)"),
          shops: i % 2 == 0 ? ["north"] : []))
      if i % 3 == 0 {
        memberships.append(Membership(user: "boss", org: org, role: RoleID("L\(i)")))
      }
    }
    return Corpus(
      policy: policy,
      directory: Directory(organizations: orgs, users: users, memberships: memberships))
  }()

  /// Diamonds: TOP inherits LEFT and RIGHT, which both inherit BASE; a prerequisite
  /// diamond (d requires b and c, which require a); grants of the same permission at
  /// different scopes along both paths, and one path through a deleted role.
  package static let diamond: Corpus = {
    let policy = Policy(
      permissions: [
        PermissionDefinition("gem::cut::a"),
        PermissionDefinition("gem::cut::b", requires: ["gem::cut::a"]),
        PermissionDefinition("gem::cut::c", requires: ["gem::cut::a"]),
        PermissionDefinition("gem::cut::d", requires: ["gem::cut::b", "gem::cut::c"]),
        PermissionDefinition("gem::ring::set"),
      ],
      roles: [
        Role("BASE", grants: [Grant("gem::cut::a", scope: .shop)]),
        Role("LEFT", inherits: ["BASE"], grants: [Grant("gem::cut::b", scope: .tree)]),
        Role("RIGHT", inherits: ["BASE"], grants: [Grant("gem::cut::c"), Grant("gem::cut::a")]),
        Role("TOP", inherits: ["LEFT", "RIGHT"], grants: [Grant("gem::cut::d", scope: .tree)]),
        Role(
          "GONE", inherits: ["BASE"], grants: [Grant("gem::*::*", scope: .tree)], isDeleted: true),
        Role(
          "HEIR", inherits: ["TOP", "BASE"], grants: [Grant("gem::ring::set", scope: .assigned)]),
      ])
    let directory = Directory(
      organizations: [
        Organization("hq", shops: ["north", "south"]),
        Organization("east", parent: "hq", shops: ["harbor"]),
        Organization("west", parent: "hq"),
        Organization("port", parent: "east", shops: ["north"]),
      ],
      users: [User("top"), User("left"), User("right"), User("heir"), User("gone")],
      memberships: [
        Membership(user: "top", org: "hq", role: "TOP", shops: ["north"]),
        Membership(user: "top", org: "east", role: "BASE", shops: ["harbor"]),
        Membership(user: "left", org: "east", role: "LEFT"),
        Membership(user: "right", org: "hq", role: "RIGHT", shops: ["south"]),
        Membership(user: "heir", org: "west", role: "HEIR"),
        Membership(
          user: "gone", org: "hq", role: "GONE", grants: [Grant("gem::cut::a", scope: .tree)]),
      ])
    return Corpus(policy: policy, directory: directory)
  }()

  /// Every grant, of roles and of memberships, holds only in some states: nothing is
  /// allowed on a resource without a state, and a transition depends on the current state
  /// twice (the edge and the conditions).
  package static let allConditional: Corpus = {
    let policy = Policy(
      permissions: [
        PermissionDefinition("jobs::job::read"),
        PermissionDefinition("jobs::job::start", requires: ["jobs::job::read"]),
        PermissionDefinition("jobs::job::finish", requires: ["jobs::job::read"]),
        PermissionDefinition("jobs::job::cancel"),
      ],
      roles: [
        Role("VIEWER", grants: [Grant("jobs::job::read", scope: .tree, states: ["OPEN", "DONE"])]),
        Role(
          "WORKER", inherits: ["VIEWER"],
          grants: [
            Grant("jobs::job::start", scope: .assigned, states: ["OPEN"]),
            Grant("jobs::job::read", scope: .assigned, states: ["RUNNING"]),
            Grant("jobs::job::finish", scope: .shop, states: ["RUNNING"]),
          ]),
        Role(
          "LEAD", inherits: ["WORKER"],
          grants: [Grant("jobs::*::*", scope: .org, states: ["OPEN", "RUNNING", "ARCHIVED"])]),
      ],
      workflows: [
        Workflow(
          "job",
          states: [
            WorkflowState("OPEN"),
            WorkflowState("RUNNING", enter: "jobs::job::start"),
            WorkflowState("DONE", enter: "jobs::job::finish", isTerminal: true),
            WorkflowState("CANCELLED", enter: "jobs::job::cancel", isTerminal: true),
          ],
          initial: "OPEN",
          transitions: [
            Transition(from: "OPEN", to: "RUNNING"), Transition(from: "RUNNING", to: "DONE"),
            Transition(from: "*", to: "CANCELLED"),
          ],
          basePermission: "jobs::job::read")
      ])
    let directory = Directory(
      organizations: [
        Organization("hq", shops: ["north"]), Organization("east", parent: "hq", shops: ["north"]),
      ],
      users: [User("lead"), User("worker"), User("viewer"), User("temp")],
      memberships: [
        Membership(user: "lead", org: "hq", role: "LEAD"),
        Membership(user: "worker", org: "east", role: "WORKER", shops: ["north"]),
        Membership(user: "viewer", org: "hq", role: "VIEWER"),
        Membership(
          user: "temp", org: "east", role: "VIEWER",
          grants: [Grant("jobs::job::cancel", scope: .shop, states: ["RUNNING"])]),
      ])
    return Corpus(policy: policy, directory: directory)
  }()
}
