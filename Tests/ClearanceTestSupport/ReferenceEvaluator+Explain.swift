// The reference's view of explain and effective permissions (docs/SEMANTICS.md sections
// 11 and 12): where each grant comes from, what it covers, and the widest active scope.

import Clearance

/// Where a grant of a membership comes from.
package enum ReferenceSource: Hashable, Sendable, CustomStringConvertible {
  case role(RoleID)
  case inherited(from: RoleID)
  case direct

  package var description: String {
    switch self {
    case .role(let role): "role(\(role))"
    case .inherited(let from): "inherited(\(from))"
    case .direct: "direct"
    }
  }
}

extension ReferenceEvaluator {
  /// The permissions an action needs: the permission, or the target's enter permission
  /// and the workflow's base permission (each once).
  package func neededPermissions(_ action: ReferenceAction) -> [PermissionKey] {
    var result: [PermissionKey] = []
    for key in gatedPermissions(of: action) where !result.contains(key) { result.append(key) }
    return result
  }

  /// Every grant of a membership with its source: the role's own, each live ancestor's,
  /// and the direct ones. A deleted role contributes nothing.
  package func sourcedGrants(of membership: Membership) -> [(source: ReferenceSource, grant: Grant)]
  {
    var result: [(source: ReferenceSource, grant: Grant)] = []
    if let role = policy.roles.first(where: { $0.id == membership.role }), !role.isDeleted {
      for id in roleClosure(role.id) {
        guard let ancestor = policy.roles.first(where: { $0.id == id }), !ancestor.isDeleted
        else { continue }
        let source: ReferenceSource = id == role.id ? .role(id) : .inherited(from: id)
        result += ancestor.grants.map { (source, $0) }
      }
    }
    return result + membership.grants.map { (.direct, $0) }
  }

  /// Whether a grant covers a resource at relation `relation` (nil: unrelated) in `state`.
  package func covers(_ grant: Grant, relation: Scope?, state: StateName?) -> Bool {
    guard let relation, relation <= grant.scope else { return false }
    guard let states = grant.states else { return true }
    guard let state else { return false }
    return states.contains(state)
  }

  /// The states the policy knows: workflow states and states named in role grants.
  package var knownStates: [StateName] {
    var result: [StateName] = []
    let named =
      policy.workflows.flatMap { $0.states.map(\.name) }
      + policy.roles.flatMap { $0.grants.flatMap { $0.states ?? [] } }
    for state in named where !state.rawValue.isEmpty && !result.contains(state) {
      result.append(state)
    }
    return result
  }

  /// Whether a membership permits an action at `relation` (section 4 for each needed
  /// permission; a transition into a state without an enter permission is never
  /// permitted).
  package func membershipPermits(
    _ action: ReferenceAction, _ membership: Membership, relation: Scope?, state: StateName?
  ) -> Bool {
    guard let relation else { return false }
    if case .transition(let workflowID, let target) = action {
      let workflow = policy.workflows.first { $0.id == workflowID }
      guard workflow?.states.first(where: { $0.name == target })?.enter != nil else {
        return false
      }
    }
    return neededPermissions(action).allSatisfy {
      isActive($0, membership, relation: relation, state: state)
    }
  }

  /// The widest relation at which `key` is active for a resource in `state`, or nil.
  package func widestActive(_ key: PermissionKey, _ membership: Membership, state: StateName?)
    -> Scope?
  {
    Scope.allCases.reversed().first { isActive(key, membership, relation: $0, state: state) }
  }
}
