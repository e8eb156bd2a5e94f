// A seeded, deterministic generator of valid random policies, directories and requests
// for the differential, law, filter and administration tests. Everything it produces depends on the seed alone: it uses
// its own SplitMix64 generator and arrays in a fixed order, never `Dictionary` or `Set`
// iteration order (Swift seeds hashing per process) nor the standard library's random
// algorithms (whose output may change between toolchains).
//
// It aims at boundaries rather than uniform noise: small shared pools of names so that
// wildcards, shops, states and ids collide; diamonds and chains of inheritance; deleted
// roles held by members; prerequisites granted at narrower scopes; features switched off
// globally, by plan and by override; inactive orgs, ancestors and users; several
// memberships per user in an org and its sub-orgs; unknown users, orgs, shops, states and
// actions in requests.

import Clearance

/// A principal as a host with its own user database would describe it.
package struct HostPrincipal: Hashable, Codable, Sendable {
  package var isActive: Bool
  package var memberships: [Membership]

  package init(isActive: Bool, memberships: [Membership]) {
    self.isActive = isActive
    self.memberships = memberships
  }
}

/// One random request. `host`, when set, makes the request come from a principal the host
/// built itself (for a user the directory may or may not know) rather than from the
/// directory.
package struct Probe: Hashable, Codable, Sendable {
  package var user: UserID
  package var action: String
  package var resource: Resource
  package var host: HostPrincipal?
  /// The workflow asked about for `allowedTargets`, if any.
  package var workflow: WorkflowID?

  package init(
    user: UserID, action: String, resource: Resource, host: HostPrincipal? = nil,
    workflow: WorkflowID? = nil
  ) {
    self.user = user
    self.action = action
    self.resource = resource
    self.host = host
    self.workflow = workflow
  }
}

/// A policy and a directory, generated or written by hand.
package struct Corpus: Sendable {
  package var policy: Policy
  package var directory: Directory

  package init(policy: Policy, directory: Directory) {
    self.policy = policy
    self.directory = directory
  }
}

/// Generates valid corpora and requests against them from one seed.
package struct CorpusGenerator {
  package var rng: SplitMix64

  package init(seed: UInt64) { rng = SplitMix64(seed: seed) }

  // Small shared pools, so that names collide on purpose.
  package static let firstSegments = [
    "jobs_core", "crm", "inventory", "tickets", "reports", "billing",
  ]
  package static let secondSegments = ["ticket", "quote", "part", "vendor", "job"]
  package static let thirdSegments = [
    "read", "edit", "create", "delete", "move", "close", "approve",
  ]
  package static let parentFeatureIDs = ["suite_a", "suite_b", "suite_c"]
  package static let stateNames = ["NEW", "OPEN", "HOLD", "QC", "DONE", "VOID", "SOLD", "PAID"]
  package static let conditionOnlyStates = ["FOR_SALE", "INTAKE"]
  package static let workflowIDs = ["ticket", "cylinder"]
  package static let roleIDs = [
    "OWNER", "owner", "ADMIN", "MANAGER", "TECH", "SALES", "VIEWER", "BUYER", "AUDITOR",
  ]
  package static let shopNames = ["north", "south", "east"]
  package static let unknownUser: UserID = "ghost"
  package static let strangerAssignee: UserID = "stranger"
  package static let unknownOrg: OrgID = "nowhere_org"

  // MARK: Policies

  /// A random policy and a random directory for it.
  package mutating func corpus() -> Corpus {
    let policy = policy()
    return Corpus(policy: policy, directory: directory(for: policy))
  }

  /// A random valid policy: permissions with acyclic prerequisites, features and plans
  /// (most of the time), up to two workflows, and roles with inheritance and grants.
  package mutating func policy() -> Policy {
    var policy = Policy()
    let keys = permissionKeys()
    policy.permissions = prerequisites(for: keys)
    features(into: &policy, keys: keys)
    policy.workflows = workflows(keys: keys)
    policy.roles = roles(keys: keys, requires: policy.permissions)
    return policy
  }

  /// Permission keys drawn from a few segments of each pool, so that wildcards match
  /// several keys.
  private mutating func permissionKeys() -> [PermissionKey] {
    let firsts = rng.sample(Self.firstSegments, count: rng.int(in: 1...4))
    let seconds = rng.sample(Self.secondSegments, count: rng.int(in: 1...3))
    let thirds = rng.sample(Self.thirdSegments, count: rng.int(in: 1...4))
    let wanted = rng.int(in: 3...18)
    var keys: [PermissionKey] = []
    for _ in 0..<(wanted * 3) where keys.count < wanted {
      let key = PermissionKey(
        "\(rng.pick(firsts))::\(rng.pick(seconds))::\(rng.pick(thirds))")
      if !keys.contains(key) { keys.append(key) }
    }
    return keys
  }

  /// Prerequisites only point at earlier keys, so the graph is acyclic; some keys get a
  /// chain on purpose.
  private mutating func prerequisites(for keys: [PermissionKey]) -> [PermissionDefinition] {
    var definitions: [PermissionDefinition] = []
    for (i, key) in keys.enumerated() {
      var requires: [PermissionKey] = []
      if i > 0 && rng.percent(35) {
        for _ in 0..<rng.int(in: 1...2) {
          let required = keys[rng.below(i)]
          if !requires.contains(required) || rng.percent(5) { requires.append(required) }
        }
      }
      definitions.append(PermissionDefinition(key, requires: requires))
    }
    return rng.shuffled(definitions)
  }

  private mutating func features(into policy: inout Policy, keys: [PermissionKey]) {
    guard rng.percent(70) else { return }
    var firsts: [String] = []
    for key in keys {
      let first = String(key.rawValue.prefix { $0 != ":" })
      if !firsts.contains(first) { firsts.append(first) }
    }
    var children: [String] = []
    var ungated: [String] = []
    for first in firsts {
      if rng.percent(75) { children.append(first) } else { ungated.append(first) }
    }
    if rng.percent(25) { children.append("spare_module") }
    let parentIDs = rng.sample(Self.parentFeatureIDs, count: rng.int(in: 1...3))
    var parents = parentIDs.map { ParentFeature(FeatureID($0), children: []) }
    for child in children {
      let isOn = !rng.percent(15)
      parents[rng.below(parents.count)].children.append(
        ChildFeature(FeatureID(child), isEnabled: isOn))
    }
    policy.features = parents
    policy.ungated = ungated
    let everything = parentIDs + children
    for planID in rng.sample(["basic", "pro", "max"], count: rng.int(in: 0...3)) {
      policy.plans.append(
        Plan(PlanID(planID), features: rng.subset(everything, percent: 40).map(FeatureID.init)))
    }
  }

  private mutating func workflows(keys: [PermissionKey]) -> [Workflow] {
    let count = rng.pick([0, 1, 1, 2])
    var result: [Workflow] = []
    for id in Self.workflowIDs.prefix(count) {
      let names = rng.sample(Self.stateNames, count: rng.int(in: 2...6))
      var states: [WorkflowState] = []
      for (i, name) in names.enumerated() {
        let enter = rng.percent(85) ? rng.pick(keys) : nil
        let isTerminal = i > 0 && rng.percent(25)
        states.append(WorkflowState(StateName(name), enter: enter, isTerminal: isTerminal))
      }
      let sources = states.filter { !$0.isTerminal }.map(\.name)
      let targets = states.filter { $0.enter != nil }.map(\.name)
      var transitions: [Transition] = []
      if !targets.isEmpty {
        for _ in 0..<rng.int(in: 1...8) {
          let from: StateName = rng.percent(15) ? "*" : rng.pickIfAny(sources) ?? "*"
          transitions.append(Transition(from: from, to: rng.pick(targets)))
        }
      }
      let base = rng.percent(30) ? rng.pick(keys) : nil
      result.append(
        Workflow(
          WorkflowID(id), states: states, initial: states[0].name, transitions: transitions,
          basePermission: base))
    }
    return result
  }

  private mutating func roles(keys: [PermissionKey], requires: [PermissionDefinition]) -> [Role] {
    let ids = rng.sample(Self.roleIDs, count: rng.int(in: 2...8))
    var roles: [Role] = []
    for (i, id) in ids.enumerated() {
      let isDeleted = i > 0 && rng.percent(15)
      // Live roles inherit only live roles; deleted roles may inherit anything.
      let candidates = roles.filter { isDeleted || !$0.isDeleted }.map(\.id)
      var inherits: [RoleID] = []
      if !candidates.isEmpty && rng.percent(60) {
        inherits = rng.sample(candidates, count: rng.pick([1, 1, 2, 2, 3]))
        if rng.percent(5) { inherits.append(inherits[0]) }
      }
      var grants: [Grant] = []
      for _ in 0..<rng.int(in: 0...6) {
        grants += grantWithPrerequisite(
          keys: keys, requires: requires, states: Self.stateNames + Self.conditionOnlyStates)
      }
      roles.append(Role(RoleID(id), inherits: inherits, grants: grants, isDeleted: isDeleted))
    }
    return rng.shuffled(roles)
  }

  /// One grant, sometimes followed by a grant of one of its prerequisites at another
  /// (often narrower) scope.
  private mutating func grantWithPrerequisite(
    keys: [PermissionKey], requires: [PermissionDefinition], states: [String]
  ) -> [Grant] {
    let grant = grant(keys: keys, states: states)
    var result = [grant]
    if let definition = requires.first(where: { $0.key.rawValue == grant.permission.rawValue }),
      let required = rng.pickIfAny(definition.requires), rng.percent(50)
    {
      result.append(Grant(PermissionPattern(required.rawValue), scope: scope()))
    }
    return result
  }

  private mutating func scope() -> Scope {
    rng.pick([.assigned, .assigned, .shop, .shop, .shop, .org, .org, .org, .org, .tree, .tree])
  }

  /// A grant whose pattern matches at least one key: `*`, an exact key, or a key with some
  /// segments replaced by `*`.
  package mutating func grant(keys: [PermissionKey], states: [String]) -> Grant {
    let roll = rng.below(100)
    var pattern: String
    if roll < 4 {
      pattern = "*"
    } else {
      var parts = rng.pick(keys).rawValue.split(separator: "::").map(String.init)
      if roll >= 55 {
        for _ in 0..<rng.pick([1, 1, 1, 2, 2, 3]) { parts[rng.below(3)] = "*" }
      }
      pattern = parts.joined(separator: "::")
    }
    var conditions: [StateName]?
    if !states.isEmpty && rng.percent(20) {
      conditions = rng.sample(states, count: rng.int(in: 1...3)).map(StateName.init)
    }
    return Grant(PermissionPattern(pattern), scope: scope(), states: conditions)
  }

  /// The states a policy knows: workflow states and states named in role grants.
  package static func knownStates(of policy: Policy) -> [String] {
    var result: [String] = []
    for workflow in policy.workflows {
      for state in workflow.states where !result.contains(state.name.rawValue) {
        result.append(state.name.rawValue)
      }
    }
    for role in policy.roles {
      for grant in role.grants {
        for state in grant.states ?? [] where !result.contains(state.rawValue) {
          result.append(state.rawValue)
        }
      }
    }
    return result
  }
}
