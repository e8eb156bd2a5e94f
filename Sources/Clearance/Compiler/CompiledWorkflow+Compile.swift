extension CompiledWorkflow {
  /// Compiles one workflow; nil (with issues) when it is invalid.
  init?(
    _ workflow: Workflow, path: String, stateIndex: InternTable,
    permissionIndex: InternTable, issues: inout IssueCollector
  ) {
    let issuesBefore = issues.count
    var local: [StateName: Int32] = [:]
    var states: [Int32] = []
    var enter: [Int32] = []
    var terminal: [Bool] = []
    var positions: [Int] = []
    for (i, state) in workflow.states.enumerated() {
      let statePath = "\(path).states[\(i)]"
      if state.name.rawValue.isEmpty || state.name.rawValue == "*" {
        issues.add(statePath, .illFormed, "ill-formed state name \"\(state.name)\"")
        continue
      }
      if local[state.name] != nil {
        issues.add(.duplicate(path: statePath, kind: "state", name: state.name))
        continue
      }
      guard let global = stateIndex[state.name] else { continue }
      local[state.name] = Int32(states.count)
      states.append(global)
      positions.append(i)
      terminal.append(state.isTerminal)
      var permission: Int32 = -1
      if let key = state.enter {
        if let p = permissionIndex[key] {
          permission = p
        } else {
          issues.add(.unknownReference(path: statePath + ".enter", kind: "permission", name: key))
        }
      }
      enter.append(permission)
    }
    if states.isEmpty {
      issues.add(path + ".states", .workflow, "a workflow needs at least one state")
    }
    let initial = local[workflow.initial] ?? -1
    if initial < 0 {
      issues.add(.unknownReference(path: path + ".initial", kind: "state", name: workflow.initial))
    }
    let moves = Moves(workflow, path: path, local: local, terminal: terminal, issues: &issues)
    for (s, isEntered) in moves.entered.enumerated() where isEntered && enter[s] < 0 {
      let i = positions[s]
      if workflow.states[i].enter == nil {
        issues.add(
          "\(path).states[\(i)].enter", .workflow,
          "state \"\(workflow.states[i].name)\" is entered by a transition but names no permission")
      }
    }
    var base: Int32 = -1
    if let key = workflow.basePermission {
      if let p = permissionIndex[key] {
        base = p
      } else {
        issues.add(.unknownReference(path: path + ".basePermission", kind: "permission", name: key))
      }
    }
    guard issues.count == issuesBefore else { return nil }
    self.id = workflow.id
    self.states = states
    self.localOfGlobal = LocalStates(globals: states)
    self.edgeStart = moves.start
    self.edgeTarget = moves.targets
    self.enteredFromAnyState = moves.fromAnyState
    self.enter = enter
    self.base = base
    self.initial = initial
    self.terminal = terminal
  }
}

/// A workflow's transitions over local states, as sparse lists of explicit moves plus
/// the set of states any non-terminal state may move to.
private struct Moves {
  var start: [Int32] = [0]
  var targets: [Int32] = []
  var fromAnyState: [UInt64]
  /// Whether some transition enters each local state.
  var entered: [Bool]

  init(
    _ workflow: Workflow, path: String, local: [StateName: Int32], terminal: [Bool],
    issues: inout IssueCollector
  ) {
    let count = terminal.count
    fromAnyState = [UInt64](repeating: 0, count: max(Bits.words(for: count), 1))
    entered = [Bool](repeating: false, count: count)
    let anyStateMoves = terminal.contains(false)
    var pairs: [(from: Int32, to: Int32)] = []
    for (i, transition) in workflow.transitions.enumerated() {
      let edgePath = "\(path).transitions[\(i)]"
      guard let to = local[transition.to] else {
        issues.add(.unknownReference(path: edgePath + ".to", kind: "state", name: transition.to))
        continue
      }
      if transition.from == "*" {
        // Only non-terminal states move; a workflow of terminal states only has no move.
        if anyStateMoves {
          Bits.set(Int(to), in: &fromAnyState)
          entered[Int(to)] = true
        }
      } else if let from = local[transition.from] {
        if terminal[Int(from)] {
          issues.add(
            edgePath + ".from", .workflow, "terminal state \"\(transition.from)\" has no way out")
          continue
        }
        pairs.append((from, to))
        entered[Int(to)] = true
      } else {
        issues.add(
          .unknownReference(path: edgePath + ".from", kind: "state", name: transition.from))
      }
    }
    pairs.sort { ($0.from, $0.to) < ($1.from, $1.to) }
    var at = 0
    for from in 0..<Int32(truncatingIfNeeded: count) {
      var last: Int32 = -1
      while at < pairs.count && pairs[at].from == from {
        if pairs[at].to != last { targets.append(pairs[at].to) }
        last = pairs[at].to
        at += 1
      }
      start.append(Int32(truncatingIfNeeded: targets.count))
    }
  }
}
