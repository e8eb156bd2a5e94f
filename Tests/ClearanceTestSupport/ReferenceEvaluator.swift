// A deliberately naive evaluator that follows docs/SEMANTICS.md sections 3-7 literally over the
// plain model values. It shares nothing with the engine but the model types and
// `Decision`: no handles, no bitsets, no precomputed tables beyond name lookups. It is
// slow on purpose and exists only to be obviously right; the differential tests compare
// the compiled engine against it.

import Clearance

/// Who asks, as the reference sees it: an id, whether the user is known and active, and
/// the memberships the decision may use.
package struct ReferencePrincipal: Hashable, Sendable {
  package var id: UserID
  /// False for a user the directory does not know (denied everything), true otherwise.
  package var exists: Bool
  package var isActive: Bool
  package var memberships: [Membership]

  package init(id: UserID, exists: Bool, isActive: Bool, memberships: [Membership]) {
    self.id = id
    self.exists = exists
    self.isActive = isActive
    self.memberships = memberships
  }
}

/// What a request asks to do, once its text is understood.
package enum ReferenceAction: Hashable, Sendable {
  case permission(PermissionKey)
  case transition(workflow: WorkflowID, target: StateName)
}

/// docs/SEMANTICS.md sections 3-7, literally.
package final class ReferenceEvaluator {
  package let policy: Policy
  package let directory: Directory

  // Plain name lookups, built once; nothing here is derived semantics.
  private let orgByID: [OrgID: Organization]
  private let userByID: [UserID: User]
  private let roleByID: [RoleID: Role]
  private let permissionByKey: [PermissionKey: PermissionDefinition]
  private let workflowByID: [WorkflowID: Workflow]

  /// `covered(m, ρ, state)` memoised: it depends only on its arguments, so caching it does
  /// not change a single answer, and keeps large corpora fast in debug builds.
  private var coveredCache: [CoveredKey: Set<PermissionKey>] = [:]
  private var expandCache: [PermissionPattern: Set<PermissionKey>] = [:]

  private struct CoveredKey: Hashable {
    var membership: Membership
    var relation: Scope
    var state: StateName?
  }

  package init(policy: Policy, directory: Directory) {
    self.policy = policy
    self.directory = directory
    orgByID = Dictionary(
      directory.organizations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    userByID = Dictionary(
      directory.users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    roleByID = Dictionary(policy.roles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    permissionByKey = Dictionary(
      policy.permissions.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    workflowByID = Dictionary(
      policy.workflows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  // MARK: Principals and actions

  /// The principal of a directory user: every membership the directory lists for them.
  package func principal(_ user: UserID) -> ReferencePrincipal {
    guard let record = userByID[user] else {
      return ReferencePrincipal(id: user, exists: false, isActive: false, memberships: [])
    }
    return ReferencePrincipal(
      id: user, exists: true, isActive: record.isActive,
      memberships: directory.memberships.filter { $0.user == user })
  }

  /// Reads an action as written in case files: a declared permission key `a::b::c`, or
  /// `workflow:STATE` naming a declared workflow and one of its states. Anything else
  /// names nothing (nil).
  package func action(parsing text: String) -> ReferenceAction? {
    if permissionByKey[PermissionKey(text)] != nil {
      return .permission(PermissionKey(text))
    }
    if text.contains("::") { return nil }
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let workflowID = WorkflowID(String(text[..<colon]))
    let target = StateName(String(text[text.index(after: colon)...]))
    guard let workflow = workflowByID[workflowID],
      workflow.states.contains(where: { $0.name == target })
    else { return nil }
    return .transition(workflow: workflowID, target: target)
  }

  // MARK: Section 7: the decision

  /// The string entry point: user by id, action by text.
  package func decide(user: UserID, action text: String, resource: Resource) -> Decision {
    let who = principal(user)
    // 1. The user exists and is active.
    guard who.exists && who.isActive else { return .deny(.principalInactive) }
    // An action that names nothing declared is refused right after check 1.
    guard let action = action(parsing: text) else { return .deny(.unknownAction) }
    return decide(who, action, resource)
  }

  /// The decision for a resolved principal and action.
  package func decide(_ who: ReferencePrincipal, _ action: ReferenceAction, _ resource: Resource)
    -> Decision
  {
    // 1. The user exists and is active.
    guard who.exists && who.isActive else { return .deny(.principalInactive) }
    // 2. No API key is used: passes.
    // 3. The resource's org is live and some live membership relates to it.
    guard orgByID[resource.org] != nil, isLive(resource.org) else { return .deny(.notMember) }
    var related: [(membership: Membership, relation: Scope)] = []
    for membership in who.memberships where isLive(membership.org) {
      if let relation = relation(of: membership, user: who.id, to: resource) {
        related.append((membership, relation))
      }
    }
    if related.isEmpty { return .deny(.notMember) }
    // 4, 5. No IP allowlist, no MFA: pass.
    // 6. The action's feature is enabled for the resource's org.
    for key in gatedPermissions(of: action) {
      if let feature = gate(of: key), !enabled(org: resource.org, feature: feature) {
        return .deny(.featureDisabled)
      }
    }
    // 7. Workflow checks (section 6).
    if case .transition(let workflowID, let target) = action {
      guard let workflow = workflowByID[workflowID] else { return .deny(.unknownAction) }
      guard let current = resource.state,
        let currentState = workflow.states.first(where: { $0.name == current })
      else { return .deny(.unknownState) }
      guard hasEdge(workflow, from: currentState, to: target) else {
        return .deny(.illegalTransition)
      }
    }
    // 8. Some related membership has everything the action needs active at its relation.
    for (membership, relation) in related
    where permits(action, membership, relation: relation, state: resource.state) {
      return .allow
    }
    return .deny(.notPermitted)
  }

  /// Every target `t` of the workflow (in declaration order) such that moving the
  /// resource into `t` is allowed.
  package func allowedTargets(
    _ who: ReferencePrincipal, moving resource: Resource, in id: WorkflowID
  )
    -> [StateName]
  {
    guard let workflow = workflowByID[id] else { return [] }
    return workflow.states.map(\.name).filter { target in
      decide(who, .transition(workflow: id, target: target), resource).isAllowed
    }
  }

  /// The permissions whose feature gates an action: the permission itself, or for a
  /// transition the target's enter permission and the workflow's base permission.
  package func gatedPermissions(of action: ReferenceAction) -> [PermissionKey] {
    switch action {
    case .permission(let key):
      return [key]
    case .transition(let workflowID, let target):
      guard let workflow = workflowByID[workflowID] else { return [] }
      let enter = workflow.states.first(where: { $0.name == target })?.enter
      return [enter, workflow.basePermission].compactMap { $0 }
    }
  }

  /// Whether the membership has every permission the action needs active at `relation`.
  private func permits(
    _ action: ReferenceAction, _ membership: Membership, relation: Scope, state: StateName?
  ) -> Bool {
    switch action {
    case .permission(let key):
      return isActive(key, membership, relation: relation, state: state)
    case .transition(let workflowID, let target):
      guard let workflow = workflowByID[workflowID],
        let enter = workflow.states.first(where: { $0.name == target })?.enter
      else { return false }
      guard isActive(enter, membership, relation: relation, state: state) else { return false }
      if let base = workflow.basePermission {
        return isActive(base, membership, relation: relation, state: state)
      }
      return true
    }
  }

  // MARK: Section 6: workflows

  /// Whether some transition moves `current` into `target`. A `from` of `*` means every
  /// non-terminal state (the target itself included).
  package func hasEdge(_ workflow: Workflow, from current: WorkflowState, to target: StateName)
    -> Bool
  {
    workflow.transitions.contains { transition in
      guard transition.to == target else { return false }
      if transition.from == "*" { return !current.isTerminal }
      return transition.from == current.name
    }
  }

  // MARK: Section 3: relation

  /// The relation of one membership of `user` to `resource`, or nil when unrelated.
  package func relation(of membership: Membership, user: UserID, to resource: Resource) -> Scope? {
    if resource.org == membership.org {
      if resource.assignee == user { return .assigned }
      if let shop = resource.shop, membership.shops.contains(shop),
        orgByID[resource.org]?.shops.contains(shop) == true
      {
        return .shop
      }
      return .org
    }
    if isProperDescendant(resource.org, of: membership.org) { return .tree }
    return nil
  }

  /// Whether `org` lies strictly below `ancestor` in the org tree.
  package func isProperDescendant(_ org: OrgID, of ancestor: OrgID) -> Bool {
    var node = orgByID[org]?.parent
    var seen: Set<OrgID> = []
    while let current = node, seen.insert(current).inserted {
      if current == ancestor { return true }
      node = orgByID[current]?.parent
    }
    return false
  }

  /// The org and its ancestors, nearest first.
  package func chain(from org: OrgID) -> [Organization] {
    var result: [Organization] = []
    var node: OrgID? = org
    var seen: Set<OrgID> = []
    while let current = node, seen.insert(current).inserted, let record = orgByID[current] {
      result.append(record)
      node = record.parent
    }
    return result
  }

  /// An org is live when it and all of its ancestors are active.
  package func isLive(_ org: OrgID) -> Bool {
    let orgs = chain(from: org)
    return !orgs.isEmpty && orgs.allSatisfy(\.isActive)
  }

  // MARK: Section 4: effective permissions

  /// Every permission a pattern matches: `*` alone is all of them; otherwise three
  /// segments, each `*` or equal to the key's segment.
  package func expand(_ pattern: PermissionPattern) -> Set<PermissionKey> {
    if let cached = expandCache[pattern] { return cached }
    let keys = policy.permissions.map(\.key)
    var result = Set(keys)
    if pattern.rawValue != "*" {
      let wanted = segments(pattern.rawValue)
      result = Set(
        keys.filter { key in
          let have = segments(key.rawValue)
          return wanted.count == 3 && have.count == 3
            && (0..<3).allSatisfy { wanted[$0] == "*" || wanted[$0] == have[$0] }
        })
    }
    expandCache[pattern] = result
    return result
  }

  private func segments(_ text: String) -> [String] {
    text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
  }

  /// The role and every role it inherits from, transitively.
  package func roleClosure(_ id: RoleID) -> [RoleID] {
    var result: [RoleID] = []
    var seen: Set<RoleID> = []
    var stack = [id]
    while let next = stack.popLast() {
      guard seen.insert(next).inserted else { continue }
      result.append(next)
      stack += roleByID[next]?.inherits ?? []
    }
    return result
  }

  /// All grants of a membership: its role's, the inherited ones, and its direct ones. A
  /// soft-deleted role grants nothing.
  package func grants(of membership: Membership) -> [Grant] {
    var result: [Grant] = []
    if let role = roleByID[membership.role], !role.isDeleted {
      for id in roleClosure(role.id) {
        guard let ancestor = roleByID[id], !ancestor.isDeleted else { continue }
        result += ancestor.grants
      }
    }
    return result + membership.grants
  }

  /// `covered(m, ρ, state)`: every permission that some grant of `m` covers at relation
  /// `ρ` for a resource in `state`.
  package func covered(_ membership: Membership, relation: Scope, state: StateName?)
    -> Set<PermissionKey>
  {
    let key = CoveredKey(membership: membership, relation: relation, state: state)
    if let cached = coveredCache[key] { return cached }
    var result: Set<PermissionKey> = []
    for grant in grants(of: membership) where relation <= grant.scope {
      if let states = grant.states {
        guard let state, states.contains(state) else { continue }
      }
      result.formUnion(expand(grant.permission))
    }
    coveredCache[key] = result
    return result
  }

  /// Every permission `key` transitively requires (not including itself).
  package func prerequisites(of key: PermissionKey) -> Set<PermissionKey> {
    var result: Set<PermissionKey> = []
    var stack = permissionByKey[key]?.requires ?? []
    while let next = stack.popLast() {
      guard result.insert(next).inserted else { continue }
      stack += permissionByKey[next]?.requires ?? []
    }
    return result
  }

  /// Active at `ρ`: covered, and everything it transitively requires covered too.
  package func isActive(
    _ key: PermissionKey, _ membership: Membership, relation: Scope, state: StateName?
  )
    -> Bool
  {
    let covered = covered(membership, relation: relation, state: state)
    return covered.contains(key) && prerequisites(of: key).isSubset(of: covered)
  }

  // MARK: Section 5: features and plans

  /// The child feature gating a permission, or nil when nothing gates it.
  package func gate(of key: PermissionKey) -> FeatureID? {
    if policy.features.isEmpty { return nil }
    let first = FeatureID(segments(key.rawValue)[0])
    let isChild = policy.features.contains { parent in
      parent.children.contains { $0.id == first }
    }
    return isChild ? first : nil
  }

  /// `enabled(org, f) = global(f) and tenant(org, f)`.
  package func enabled(org: OrgID, feature: FeatureID) -> Bool {
    global(feature) && tenant(org: org, feature: feature)
  }

  private func global(_ feature: FeatureID) -> Bool {
    for parent in policy.features {
      for child in parent.children where child.id == feature { return child.isEnabled }
    }
    return false
  }

  /// The nearest override, else the nearest plan, else true.
  package func tenant(org: OrgID, feature: FeatureID) -> Bool {
    let orgs = chain(from: org)
    for record in orgs {
      if let value = record.featureOverrides[feature] { return value }
    }
    for record in orgs {
      guard let planID = record.plan else { continue }
      guard let plan = policy.plans.first(where: { $0.id == planID }) else { return false }
      return plan.features.contains { listed in
        listed == feature
          || policy.features.contains { parent in
            parent.id == listed && parent.children.contains { $0.id == feature }
          }
      }
    }
    return true
  }
}
