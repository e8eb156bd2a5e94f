extension CompiledPolicy {
  /// Resolves a permission key to an action; an undeclared key gives an undeclared action
  /// (see ``Action/isDeclared``).
  public func action(_ key: PermissionKey) -> Action {
    guard let p = permissionIndex[key] else { return .undeclared(.permission, token: token) }
    return Action(policyToken: token, permission: p, workflow: -1, target: -1)
  }

  /// Resolves a workflow transition into `target` to an action; an undeclared workflow or
  /// state gives an undeclared action (see ``Action/isDeclared``).
  public func transition(in workflow: WorkflowID, to target: StateName) -> Action {
    guard let w = workflowIndex[workflow] else { return .undeclared(.workflow, token: token) }
    guard let global = stateIndex[target],
      case let local = workflows[Int(w)].localOfGlobal[Int(global)],
      local >= 0
    else { return .undeclared(.state, token: token, workflow: w) }
    return Action(policyToken: token, permission: -1, workflow: w, target: local)
  }

  /// Resolves `a::b::c` (a permission) or `workflow:TARGET` (a transition) with one lookup
  /// of the whole text; text that names nothing declared gives an undeclared action (see
  /// ``Action/isDeclared``).
  public func action(named name: ActionName) -> Action {
    requestNames.action(name.rawValue, token: token) ?? undeclaredAction(name.rawValue).action
  }

  /// The undeclared action of a text the policy does not declare, and why, naming the
  /// text. Splits on the UTF-8 bytes (a `::` anywhere makes it a permission key, else the
  /// first `:` splits workflow and target), so that a combining mark after a colon stays
  /// part of the name.
  func undeclaredAction(_ text: String) -> (action: Action, why: String) {
    let bytes = text.utf8
    var colon: String.UTF8View.Index?
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let next = bytes.index(after: index)
      if bytes[index] == UInt8(ascii: ":") {
        if next < bytes.endIndex && bytes[next] == UInt8(ascii: ":") {
          return (
            .undeclared(.permission, token: token),
            "unknown permission \(IdentifierRules.quoted(text))"
          )
        }
        if colon == nil { colon = index }
      }
      index = next
    }
    guard let colon else {
      return (
        .undeclared(.illFormed, token: token),
        "\(IdentifierRules.quoted(text)) is neither a permission key (a::b::c) nor a transition (workflow:STATE)"
      )
    }
    let workflow = WorkflowID(String(decoding: bytes[..<colon], as: UTF8.self))
    let target = String(decoding: bytes[bytes.index(after: colon)...], as: UTF8.self)
    guard let w = workflowIndex[workflow] else {
      return (
        .undeclared(.workflow, token: token),
        "unknown workflow \(IdentifierRules.quoted(workflow.rawValue))"
      )
    }
    return (
      .undeclared(.state, token: token, workflow: w),
      "unknown state \(IdentifierRules.quoted(target)) in workflow \(IdentifierRules.quoted(workflow.rawValue))"
    )
  }

  /// Why an undeclared action names nothing, from its kind alone (its text is not kept).
  func undeclaredReason(_ action: Action) -> String {
    switch action.undeclaredKind {
    case .permission: "the action names a permission the policy does not declare"
    case .workflow: "the action names a workflow the policy does not declare"
    case .state:
      action.target >= 0 && Int(action.target) < workflows.count
        ? "the action names a state that is not one of workflow "
          + IdentifierRules.quoted(workflows[Int(action.target)].id.rawValue)
        : "the action names a state its workflow does not have"
    case .illFormed, nil:
      "the action is neither a permission key (a::b::c) nor a transition (workflow:STATE)"
    }
  }

  /// The action's text as written in case files; for an undeclared action, what it fails
  /// to name in angle brackets (its text is not kept).
  public func name(of action: Action) -> String {
    guard action.policyToken & ~Action.undeclaredBit == token else {
      return "<action of another policy>"
    }
    switch action.undeclaredKind {
    case .permission: return "<undeclared permission>"
    case .workflow: return "<undeclared workflow>"
    case .state: return "<undeclared state>"
    case .illFormed: return "<ill-formed action>"
    case nil: break
    }
    if action.workflow < 0 { return permissionKeys[Int(action.permission)].rawValue }
    let workflow = workflows[Int(action.workflow)]
    return "\(workflow.id):\(stateNames[Int(workflow.states[Int(action.target)])])"
  }
}
