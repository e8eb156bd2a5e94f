/// Whether a permission's activity can depend on the resource's state, asked per
/// permission rather than per role: a role with a state-conditional grant on cylinders
/// decides tickets in one check instead of one per state.
extension GrantTable {
  /// Whether a state condition of set `set` covers, at relation `level`, a bit of the
  /// sparse words `needWord[k]`/`needBits[k]` for `k` in `needs`. When none does, whether
  /// those words are covered is the same for every state.
  func conditionsTouch(
    set: Int, level: Int, needs: Range<Int>, needWord: [Int32], needBits: [UInt64]
  ) -> Bool {
    let start = Int(conditionStart[set])
    let end = Int(conditionStart[set + 1])
    for condition in start..<end {
      for k in needs
      where conditionCovered(condition: condition, level: level, word: Int(needWord[k]))
        & needBits[k] != 0
      {
        return true
      }
    }
    return false
  }
}

extension DirectGrants {
  /// ``GrantTable/conditionsTouch(set:level:needs:needWord:needBits:)`` for direct set `set`.
  func conditionsTouch(
    set: Int, level: Int, needs: Range<Int>, needWord: [Int32], needBits: [UInt64]
  ) -> Bool {
    chunks[set >> Self.shift].table.conditionsTouch(
      set: set & (Self.chunkSize - 1), level: level, needs: needs, needWord: needWord,
      needBits: needBits)
  }
}

extension Snapshot {
  /// Whether permission `p` being active at `level` for a membership can depend on the
  /// resource's state: a state-conditional grant of its role or direct set covers `p` or
  /// something `p` requires. When not, one check with no state decides every state.
  func dependsOnState(_ p: Int, _ membership: MemberRecord, _ direct: DirectGrants, level: Int)
    -> Bool
  {
    let needs = Int(policy.needStart[p])..<Int(policy.needStart[p + 1])
    let role = Int(membership.role)
    if role >= 0 && hot.roleHasConditions[role]
      && policy.roleGrants.conditionsTouch(
        set: role, level: level, needs: needs, needWord: policy.needWord,
        needBits: policy.needBits)
    {
      return true
    }
    let set = Int(membership.direct)
    return set >= 0 && direct.hasConditions(set)
      && direct.conditionsTouch(
        set: set, level: level, needs: needs, needWord: policy.needWord, needBits: policy.needBits)
  }

  /// ``dependsOnState(_:_:_:level:)`` for an action: its permission, or for a transition
  /// the target's enter permission and the workflow's base permission.
  func dependsOnState(
    _ action: Action, _ membership: MemberRecord, _ direct: DirectGrants, level: Int
  ) -> Bool {
    guard dependsOnState(membership, direct) else { return false }
    if action.workflow < 0 {
      return dependsOnState(Int(action.permission), membership, direct, level: level)
    }
    let workflow = policy.workflows[Int(action.workflow)]
    let enter = Int(workflow.enter[Int(action.target)])
    let base = Int(workflow.base)
    return (enter >= 0 && dependsOnState(enter, membership, direct, level: level))
      || (base >= 0 && dependsOnState(base, membership, direct, level: level))
  }
}
