extension Snapshot {
  /// Whether `principal` may be used with this snapshot: it was resolved on this snapshot,
  /// or on an earlier one of the same lineage and nothing it depends on has changed since.
  /// A handle that is not valid is denied with ``DenyReason/handleMismatch``, never
  /// guessed: resolve it again with ``principal(_:)``. Costs a few loads.
  ///
  /// Which updates keep a directory principal valid: changing a role, direct grants or
  /// shops of any membership; feature switches, plans, overrides and organization
  /// activity; adding an organization. Which make it invalid: adding or removing a
  /// membership, activating or deactivating a user, or adding a user, when that user is
  /// this one *or another stored in the same block of 1,024 users* (users are numbered in
  /// declaration order); replacing the directory or the policy. A host-built principal, and the principal of an unknown user, stay valid
  /// until a user or an organization is added, or the directory or policy is replaced.
  public func isValid(_ principal: Principal) -> Bool {
    guard principal.policyToken == policy.token else { return false }
    let user = Int(principal.user)
    if user < 0 || principal.host != nil { return principal.structureToken == structure.token }
    let b = user >> MemberBlock.shift
    return b < structure.blocks.count && structure.blocks[b].stamp == principal.structureToken
  }

  /// Whether `resource` may be used with this snapshot: it was resolved on this snapshot or
  /// on an earlier one of the same lineage, and no user or organization has been added
  /// since (nor the directory or policy replaced). Membership, role, grant, shop, user
  /// activity and organization-state updates keep it valid.
  public func isValid(_ resource: ResolvedResource) -> Bool {
    resource.policyToken == policy.token && resource.structureToken == structure.token
  }

  /// Whether `action` may be used with this snapshot: it was resolved against the same
  /// compiled policy. Every directory update keeps actions valid; replacing the policy
  /// does not. An undeclared action of the same policy is valid (it is denied with
  /// ``DenyReason/unknownAction``, not ``DenyReason/handleMismatch``); see
  /// ``Action/isDeclared``.
  public func isValid(_ action: Action) -> Bool {
    action.policyToken & ~Action.undeclaredBit == policy.token
  }
}
