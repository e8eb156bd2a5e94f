import Clearance

/// The evaluator a competent Swift developer writes without Clearance, for the ratio the
/// issue asks for. Everything that can be prepared once is prepared when it is built —
/// each role's permissions flattened (inheritance included) into one `Set<String>` per
/// relation, enabled features resolved per organization, prerequisites closed, workflow
/// edges expanded — and a check is then a handful of dictionary and set look-ups on the
/// strings the host already has. It follows docs/SEMANTICS.md sections 3-7 for what the workload uses
/// (active users, live organizations, assigned/shop/org/tree relations, several
/// memberships, features and plans, state conditions, prerequisites, direct grants,
/// workflows), and the benchmark checks that it reaches the same decision as Clearance on
/// every request before timing it.
struct BaselineEvaluator {
  enum Action {
    case permission(String)
    case transition(workflow: String, target: String)
  }

  struct Resource {
    var org: String
    var shop: String?
    var assignee: String?
    var state: String?
  }

  enum Outcome: Equatable {
    case allow, principalInactive, notMember, featureDisabled, unknownState, illegalTransition
    case notPermitted
  }

  /// What a set of grants covers: the permissions at each relation (0 assigned, 1 shop,
  /// 2 org, 3 tree), and the same for grants that hold only in some states.
  struct Coverage {
    var byRelation = [Set<String>](repeating: [], count: 4)
    var conditional: [(states: Set<String>, byRelation: [Set<String>])] = []

    func covers(_ permission: String, relation: Int, state: String?) -> Bool {
      if byRelation[relation].contains(permission) { return true }
      guard let state else { return false }
      for condition in conditional
      where condition.states.contains(state) && condition.byRelation[relation].contains(permission)
      {
        return true
      }
      return false
    }
  }

  struct Workflow {
    var next: [String: Set<String>]
    var enter: [String: String]
    var base: String?
  }

  let activeUsers: Set<String>
  /// user → organization → role.
  let memberships: [String: [String: String]]
  /// user → organization → shops.
  let memberShops: [String: [String: Set<String>]]
  /// user → organization → direct grants.
  let directGrants: [String: [String: Coverage]]
  /// role → its grants and its ancestors' grants.
  let roles: [String: Coverage]
  let orgParent: [String: String]
  let liveOrgs: Set<String>
  /// organization → child features enabled there (global switch, override, plan).
  let enabledFeatures: [String: Set<String>]
  /// permission → the child feature gating it.
  let gate: [String: String]
  /// permission → every permission it transitively requires.
  let prerequisites: [String: [String]]
  let workflows: [String: Workflow]

  init(policy: Policy, directory: Directory) {
    let keys = policy.permissions.map(\.key.rawValue)
    roles = BaselineEvaluator.flattenRoles(policy, keys: keys)
    prerequisites = BaselineEvaluator.closePrerequisites(policy, keys: keys)
    let features = BaselineEvaluator.resolveFeatures(policy, directory, keys: keys)
    gate = features.gate
    orgParent = features.orgParent
    liveOrgs = features.liveOrgs
    enabledFeatures = features.enabledFeatures
    workflows = BaselineEvaluator.expandWorkflows(policy)
    activeUsers = Set(directory.users.filter(\.isActive).map(\.id.rawValue))
    let members = BaselineEvaluator.indexMemberships(directory, keys: keys)
    memberships = members.memberships
    memberShops = members.memberShops
    directGrants = members.directGrants
  }

  /// The permission keys `pattern` matches.
  private static func expand(_ pattern: String, keys: [String]) -> [String] {
    if pattern == "*" { return keys }
    let parts = pattern.split(separator: ":", omittingEmptySubsequences: true)
    return keys.filter { key in
      zip(parts, key.split(separator: ":")).allSatisfy { $0 == "*" || $0 == $1 }
    }
  }

  /// What `grants` cover.
  private static func coverage(_ grants: [Grant], keys: [String]) -> Coverage {
    var result = Coverage()
    for grant in grants {
      let permissions = expand(grant.permission.rawValue, keys: keys)
      if let states = grant.states {
        var byRelation = [Set<String>](repeating: [], count: 4)
        for relation in 0...grant.scope.rawValue { byRelation[relation].formUnion(permissions) }
        result.conditional.append((Set(states.map(\.rawValue)), byRelation))
      } else {
        for relation in 0...grant.scope.rawValue {
          result.byRelation[relation].formUnion(permissions)
        }
      }
    }
    return result
  }

  /// Each role's grants with its ancestors' grants; a deleted role grants nothing.
  private static func flattenRoles(_ policy: Policy, keys: [String]) -> [String: Coverage] {
    let roleByID = Dictionary(uniqueKeysWithValues: policy.roles.map { ($0.id.rawValue, $0) })
    var roles: [String: Coverage] = [:]
    for role in policy.roles {
      var grants: [Grant] = []
      if !role.isDeleted {
        var seen: Set<String> = [role.id.rawValue]
        var queue = [role]
        while let next = queue.popLast() {
          grants += next.grants
          for parent in next.inherits where seen.insert(parent.rawValue).inserted {
            if let parentRole = roleByID[parent.rawValue], !parentRole.isDeleted {
              queue.append(parentRole)
            }
          }
        }
      }
      roles[role.id.rawValue] = coverage(grants, keys: keys)
    }
    return roles
  }

  /// Every permission's prerequisites, closed.
  private static func closePrerequisites(_ policy: Policy, keys: [String]) -> [String: [String]] {
    let requires = Dictionary(
      uniqueKeysWithValues: policy.permissions.map {
        ($0.key.rawValue, $0.requires.map(\.rawValue))
      })
    var prerequisites: [String: [String]] = [:]
    for key in keys {
      var closure: [String] = []
      var stack = requires[key] ?? []
      while let next = stack.popLast() {
        if next != key && !closure.contains(next) {
          closure.append(next)
          stack += requires[next] ?? []
        }
      }
      prerequisites[key] = closure
    }
    return prerequisites
  }

  /// The gate of each permission, and each organization's parent, liveness and enabled features.
  private static func resolveFeatures(
    _ policy: Policy, _ directory: Directory, keys: [String]
  ) -> (
    gate: [String: String], orgParent: [String: String], liveOrgs: Set<String>,
    enabledFeatures: [String: Set<String>]
  ) {
    var children: [String: [String]] = [:]
    var globallyOn: [String: Bool] = [:]
    for parent in policy.features {
      children[parent.id.rawValue] = parent.children.map(\.id.rawValue)
      for child in parent.children { globallyOn[child.id.rawValue] = child.isEnabled }
    }
    var gate: [String: String] = [:]
    for key in keys {
      let first = String(key.prefix { $0 != ":" })
      if globallyOn[first] != nil { gate[key] = first }
    }
    var planFeatures: [String: Set<String>] = [:]
    for plan in policy.plans {
      planFeatures[plan.id.rawValue] = Set(
        plan.features.flatMap { children[$0.rawValue] ?? [$0.rawValue] })
    }
    let orgs = Dictionary(
      uniqueKeysWithValues: directory.organizations.map { ($0.id.rawValue, $0) })
    var orgParent: [String: String] = [:]
    for org in directory.organizations { orgParent[org.id.rawValue] = org.parent?.rawValue }
    var liveOrgs = Set<String>()
    var enabledFeatures: [String: Set<String>] = [:]
    for org in directory.organizations {
      var chain: [Organization] = []
      var node: Organization? = org
      while let current = node {
        chain.append(current)
        node = current.parent.flatMap { orgs[$0.rawValue] }
      }
      if chain.allSatisfy(\.isActive) { liveOrgs.insert(org.id.rawValue) }
      let plan = chain.lazy.compactMap(\.plan).first
      var enabled = Set<String>()
      for (feature, on) in globallyOn where on {
        let override = chain.lazy.compactMap { $0.featureOverrides[FeatureID(feature)] }.first
        let tenant =
          override ?? plan.map { planFeatures[$0.rawValue]?.contains(feature) ?? false } ?? true
        if tenant { enabled.insert(feature) }
      }
      enabledFeatures[org.id.rawValue] = enabled
    }
    return (gate, orgParent, liveOrgs, enabledFeatures)
  }

  /// The workflows, `*` expanded to every non-terminal state.
  private static func expandWorkflows(_ policy: Policy) -> [String: Workflow] {
    var workflows: [String: Workflow] = [:]
    for workflow in policy.workflows {
      let terminal = Set(workflow.states.filter(\.isTerminal).map(\.name.rawValue))
      var next: [String: Set<String>] = [:]
      for state in workflow.states { next[state.name.rawValue] = [] }
      for transition in workflow.transitions {
        let sources =
          transition.from == "*"
          ? workflow.states.map(\.name.rawValue).filter { !terminal.contains($0) }
          : [transition.from.rawValue]
        for source in sources { next[source, default: []].insert(transition.to.rawValue) }
      }
      var enter: [String: String] = [:]
      for state in workflow.states { enter[state.name.rawValue] = state.enter?.rawValue }
      workflows[workflow.id.rawValue] = Workflow(
        next: next, enter: enter, base: workflow.basePermission?.rawValue)
    }
    return workflows
  }

  /// Each user's role, shops and direct grants in each of their organizations.
  private static func indexMemberships(_ directory: Directory, keys: [String]) -> (
    memberships: [String: [String: String]], memberShops: [String: [String: Set<String>]],
    directGrants: [String: [String: Coverage]]
  ) {
    var memberships: [String: [String: String]] = [:]
    var memberShops: [String: [String: Set<String>]] = [:]
    var directGrants: [String: [String: Coverage]] = [:]
    for membership in directory.memberships {
      let user = membership.user.rawValue
      let org = membership.org.rawValue
      memberships[user, default: [:]][org] = membership.role.rawValue
      if !membership.shops.isEmpty {
        memberShops[user, default: [:]][org] = Set(membership.shops.map(\.rawValue))
      }
      if !membership.grants.isEmpty {
        directGrants[user, default: [:]][org] = coverage(membership.grants, keys: keys)
      }
    }
    return (memberships, memberShops, directGrants)
  }

  /// The relation of `user`'s membership in `org` to `resource` (0 assigned … 3 tree).
  func relation(of user: String, in org: String, to resource: Resource) -> Int? {
    if resource.org == org {
      if resource.assignee == user { return 0 }
      if let shop = resource.shop, memberShops[user]?[org]?.contains(shop) == true { return 1 }
      return 2
    }
    var ancestor = orgParent[resource.org]
    while let current = ancestor {
      if current == org { return 3 }
      ancestor = orgParent[current]
    }
    return nil
  }

  func can(_ user: String, _ action: Action, _ resource: Resource) -> Outcome {
    guard activeUsers.contains(user) else { return .principalInactive }
    guard liveOrgs.contains(resource.org), let orgs = memberships[user] else { return .notMember }

    // What the action needs.
    let needed: (String, String?)
    switch action {
    case .permission(let permission):
      needed = (permission, nil)
    case .transition(let id, let target):
      guard let workflow = workflows[id], let enter = workflow.enter[target] else {
        return .notPermitted
      }
      needed = (enter, workflow.base)
    }

    // Some related membership has every needed permission active at its relation. The
    // request-level checks (features, workflow) run once, at the first related membership.
    var related = false
    for (org, role) in orgs {
      guard let relation = relation(of: user, in: org, to: resource) else { continue }
      if !related {
        related = true
        if let failure = requestFailure(action, needed, resource) { return failure }
      }
      let roleCoverage = roles[role]
      let direct = directGrants[user]?[org]
      func covered(_ permission: String) -> Bool {
        roleCoverage?.covers(permission, relation: relation, state: resource.state) == true
          || direct?.covers(permission, relation: relation, state: resource.state) == true
      }
      func active(_ permission: String) -> Bool {
        covered(permission) && (prerequisites[permission] ?? []).allSatisfy(covered)
      }
      if active(needed.0) && (needed.1.map(active) ?? true) { return .allow }
    }
    return related ? .notPermitted : .notMember
  }

  /// Feature gates, then the workflow's states and edges.
  private func requestFailure(_ action: Action, _ needed: (String, String?), _ resource: Resource)
    -> Outcome?
  {
    func enabled(_ permission: String) -> Bool {
      guard let feature = gate[permission] else { return true }
      return enabledFeatures[resource.org]?.contains(feature) == true
    }
    guard enabled(needed.0), needed.1.map(enabled) ?? true else { return .featureDisabled }
    if case .transition(let id, let target) = action {
      guard let workflow = workflows[id], let state = resource.state,
        let next = workflow.next[state]
      else { return .unknownState }
      guard next.contains(target) else { return .illegalTransition }
    }
    return nil
  }
}

extension BaselineEvaluator.Outcome {
  /// Whether Clearance's decision is the same.
  func matches(_ decision: Decision) -> Bool {
    switch self {
    case .allow: decision.isAllowed
    case .principalInactive: decision.denyReason == .principalInactive
    case .notMember: decision.denyReason == .notMember
    case .featureDisabled: decision.denyReason == .featureDisabled
    case .unknownState: decision.denyReason == .unknownState
    case .illegalTransition: decision.denyReason == .illegalTransition
    case .notPermitted: decision.denyReason == .notPermitted
    }
  }

  var code: UInt64 {
    switch self {
    case .allow: 0xFF
    case .principalInactive: 0
    case .notMember: 2
    case .featureDisabled: 5
    case .unknownState: 6
    case .illegalTransition: 7
    case .notPermitted: 8
    }
  }
}
