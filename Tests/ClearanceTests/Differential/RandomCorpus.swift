// A seeded, deterministic generator of valid random policies, directories and requests
// for the differential tests. Everything it produces depends on the seed alone: it uses
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

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough to drive a corpus.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0 ..< bound` (`bound` > 0). The tiny modulo bias is irrelevant here.
  mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "below(0)")
    return Int(next() % UInt64(bound))
  }

  /// A number in `range`.
  mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.count)
  }

  /// True with probability `percent` / 100.
  mutating func percent(_ percent: Int) -> Bool { below(100) < percent }

  /// One element of a non-empty array.
  mutating func pick<T>(_ elements: [T]) -> T {
    elements[below(elements.count)]
  }

  /// One element, or nil when the array is empty.
  mutating func pickIfAny<T>(_ elements: [T]) -> T? {
    elements.isEmpty ? nil : elements[below(elements.count)]
  }

  /// Each element independently with probability `percent` / 100, in order.
  mutating func subset<T>(_ elements: [T], percent: Int) -> [T] {
    elements.filter { _ in self.percent(percent) }
  }

  /// A Fisher-Yates shuffle driven by this generator.
  mutating func shuffled<T>(_ elements: [T]) -> [T] {
    var result = elements
    var i = result.count - 1
    while i > 0 {
      result.swapAt(i, below(i + 1))
      i -= 1
    }
    return result
  }

  /// `count` distinct elements in random order (fewer if there are not enough).
  mutating func sample<T>(_ elements: [T], count: Int) -> [T] {
    Array(shuffled(elements).prefix(count))
  }
}

/// A principal as a host with its own user database would describe it.
struct HostPrincipal: Hashable, Codable, Sendable {
  var isActive: Bool
  var memberships: [Membership]
}

/// One random request. `host`, when set, makes the request come from a principal the host
/// built itself (for a user the directory may or may not know) rather than from the
/// directory.
struct Probe: Hashable, Codable, Sendable {
  var user: UserID
  var action: String
  var resource: Resource
  var host: HostPrincipal?
  /// The workflow asked about for `allowedTargets`, if any.
  var workflow: WorkflowID?
}

/// A generated policy and directory.
struct Corpus: Sendable {
  var policy: Policy
  var directory: Directory
}

/// Generates valid corpora and requests against them from one seed.
struct CorpusGenerator {
  var rng: SplitMix64

  init(seed: UInt64) { rng = SplitMix64(seed: seed) }

  // Small shared pools, so that names collide on purpose.
  static let firstSegments = ["jobs_core", "crm", "inventory", "tickets", "reports", "billing"]
  static let secondSegments = ["ticket", "quote", "part", "vendor", "job"]
  static let thirdSegments = ["read", "edit", "create", "delete", "move", "close", "approve"]
  static let parentFeatureIDs = ["suite_a", "suite_b", "suite_c"]
  static let stateNames = ["NEW", "OPEN", "HOLD", "QC", "DONE", "VOID", "SOLD", "PAID"]
  static let conditionOnlyStates = ["FOR_SALE", "INTAKE"]
  static let workflowIDs = ["ticket", "cylinder"]
  static let roleIDs = [
    "OWNER", "owner", "ADMIN", "MANAGER", "TECH", "SALES", "VIEWER", "BUYER", "AUDITOR",
  ]
  static let shopNames = ["north", "south", "east"]
  static let unknownUser: UserID = "ghost"
  static let strangerAssignee: UserID = "stranger"
  static let unknownOrg: OrgID = "nowhere_org"

  // MARK: Policies

  mutating func corpus() -> Corpus {
    let policy = policy()
    return Corpus(policy: policy, directory: directory(for: policy))
  }

  mutating func policy() -> Policy {
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
  mutating func grant(keys: [PermissionKey], states: [String]) -> Grant {
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
  static func knownStates(of policy: Policy) -> [String] {
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

  // MARK: Directories

  mutating func directory(for policy: Policy) -> Directory {
    var directory = Directory()
    let orgCount = rng.int(in: 1...7)
    var orgs: [Organization] = []
    let children = policy.features.flatMap(\.children).map(\.id)
    for i in 0..<orgCount {
      var org = Organization(OrgID("org\(i)"))
      if i > 0 && rng.percent(75) { org.parent = orgs[rng.below(i)].id }
      org.shops = rng.sample(Self.shopNames, count: rng.int(in: 0...3)).map(ShopID.init)
      if let plan = rng.pickIfAny(policy.plans), rng.percent(50) { org.plan = plan.id }
      if !children.isEmpty && rng.percent(40) {
        for _ in 0..<rng.int(in: 1...2) {
          org.featureOverrides[rng.pick(children)] = rng.percent(50)
        }
      }
      org.isActive = !rng.percent(10)
      orgs.append(org)
    }
    directory.organizations = rng.shuffled(orgs)

    let userCount = rng.int(in: 2...8)
    directory.users = (0..<userCount).map { User(UserID("u\($0)"), isActive: !rng.percent(8)) }
    for user in directory.users {
      directory.memberships += memberships(of: user.id, policy: policy, orgs: orgs)
    }
    directory.memberships = rng.shuffled(directory.memberships)
    return directory
  }

  /// Zero to three memberships in distinct orgs, often an org and one of its sub-orgs.
  mutating func memberships(of user: UserID, policy: Policy, orgs: [Organization])
    -> [Membership]
  {
    var chosen: [Organization] = []
    for _ in 0..<rng.pick([0, 1, 1, 2, 2, 2, 3, 3]) {
      var org = rng.pick(orgs)
      if let previous = chosen.last, rng.percent(50) {
        let below = orgs.filter { Self.isDescendant($0.id, of: previous.id, in: orgs) }
        org = rng.pickIfAny(below) ?? org
      }
      if !chosen.contains(where: { $0.id == org.id }) { chosen.append(org) }
    }
    let keys = policy.permissions.map(\.key)
    let known = Self.knownStates(of: policy)
    return chosen.map { org in
      var membership = Membership(
        user: user, org: org.id, role: rng.pick(policy.roles).id,
        shops: rng.subset(org.shops, percent: 50))
      if let shop = membership.shops.first, rng.percent(5) { membership.shops.append(shop) }
      if rng.percent(30) {
        for _ in 0..<rng.int(in: 1...2) {
          membership.grants.append(grant(keys: keys, states: known))
        }
      }
      return membership
    }
  }

  static func isDescendant(_ org: OrgID, of ancestor: OrgID, in orgs: [Organization]) -> Bool {
    var node = orgs.first { $0.id == org }?.parent
    var steps = 0
    while let current = node, steps <= orgs.count {
      if current == ancestor { return true }
      node = orgs.first { $0.id == current }?.parent
      steps += 1
    }
    return false
  }

  // MARK: Requests

  mutating func probe(in corpus: Corpus) -> Probe {
    let policy = corpus.policy
    let directory = corpus.directory
    let roll = rng.below(100)
    var user: UserID
    var host: HostPrincipal?
    if roll < 91, let known = rng.pickIfAny(directory.users) {
      user = known.id
      // Now and then the host hands over its own (different) data for a directory user.
      if rng.percent(4) {
        host = HostPrincipal(
          isActive: !rng.percent(20),
          memberships: memberships(of: user, policy: policy, orgs: directory.organizations))
      }
    } else {
      user = Self.unknownUser
      if rng.percent(60) {
        host = HostPrincipal(
          isActive: true,
          memberships: memberships(of: user, policy: policy, orgs: directory.organizations))
      }
    }
    let memberships = host?.memberships ?? directory.memberships.filter { $0.user == user }

    let (action, workflow) = action(in: policy)
    let resource = resource(
      for: user, memberships: memberships, workflow: workflow, corpus: corpus)
    var asked = workflow
    if asked == nil, let any = rng.pickIfAny(policy.workflows), rng.percent(20) {
      asked = any.id
    }
    return Probe(user: user, action: action, resource: resource, host: host, workflow: asked)
  }

  /// An action text, and the workflow it moves in (for transitions).
  private mutating func action(in policy: Policy) -> (String, WorkflowID?) {
    let roll = rng.below(100)
    let workflow = rng.pickIfAny(policy.workflows)
    switch roll {
    case 0..<50:
      return (rng.pick(policy.permissions).key.rawValue, nil)
    case 50..<82:
      if let workflow {
        return ("\(workflow.id):\(rng.pick(workflow.states).name)", workflow.id)
      }
      return (rng.pick(policy.permissions).key.rawValue, nil)
    case 82..<88:
      let id = workflow?.id.rawValue ?? "ticket"
      return ("\(id):\(rng.pick(Self.stateNames + Self.conditionOnlyStates + ["ZZZ"]))", nil)
    case 88..<93:
      var parts = rng.pick(policy.permissions).key.rawValue.split(separator: "::").map(String.init)
      parts[rng.below(3)] = "unknown"
      return (parts.joined(separator: "::"), nil)
    case 93..<96:
      return ("ghostflow:\(rng.pick(Self.stateNames))", nil)
    default:
      let malformed = [
        "read", "", "tickets::ticket", ":", "ticket:", "a::b::c::d", "*", "jobs_core::*::read",
        "ticket::OPEN", " ticket:OPEN",
      ]
      return (rng.pick(malformed), nil)
    }
  }

  private mutating func resource(
    for user: UserID, memberships: [Membership], workflow: WorkflowID?, corpus: Corpus
  ) -> Resource {
    let orgs = corpus.directory.organizations
    var org: OrgID
    let roll = rng.below(100)
    if roll < 85, let membership = rng.pickIfAny(memberships) {
      // The membership's org, one of its sub-orgs, or its parent (unrelated).
      let below = orgs.filter { Self.isDescendant($0.id, of: membership.org, in: orgs) }
      let parent = orgs.first { $0.id == membership.org }?.parent
      switch rng.below(10) {
      case 0..<5: org = membership.org
      case 5..<9: org = rng.pickIfAny(below)?.id ?? membership.org
      default: org = parent ?? membership.org
      }
    } else if roll < 95 {
      org = rng.pick(orgs).id
    } else {
      org = rng.percent(80) ? Self.unknownOrg : ""
    }
    var resource = Resource(org: org)
    let ownShops = orgs.first { $0.id == org }?.shops ?? []
    switch rng.below(10) {
    case 0..<4: resource.shop = nil
    case 4..<8: resource.shop = rng.pickIfAny(ownShops) ?? ShopID(rng.pick(Self.shopNames))
    case 8: resource.shop = ShopID(rng.pick(Self.shopNames))
    default: resource.shop = rng.percent(80) ? "nowhere_shop" : ""
    }
    let others = corpus.directory.users.map(\.id)
    switch rng.below(20) {
    case 0..<9: resource.assignee = nil
    case 9..<15: resource.assignee = user
    case 15..<18: resource.assignee = rng.pickIfAny(others) ?? user
    case 18: resource.assignee = rng.percent(80) ? Self.strangerAssignee : ""
    default: resource.assignee = Self.unknownUser
    }
    let flow = corpus.policy.workflows.first { $0.id == workflow }
    let states = flow?.states.map(\.name.rawValue) ?? CorpusGenerator.knownStates(of: corpus.policy)
    switch rng.below(20) {
    case 0..<5: resource.state = nil
    case 5..<16: resource.state = rng.pickIfAny(states).map(StateName.init)
    case 16..<19:
      resource.state = StateName(rng.pick(Self.stateNames + Self.conditionOnlyStates))
    default: resource.state = rng.percent(80) ? "UNKNOWN_STATE" : ""
    }
    return resource
  }
}
