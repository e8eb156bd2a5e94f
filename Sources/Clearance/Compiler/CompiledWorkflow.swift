/// A workflow compiled into bit masks over its own (local) state numbering.
@usableFromInline
struct CompiledWorkflow: Sendable {
  let id: WorkflowID
  /// Global state index of each local state.
  let states: [Int32]
  /// Local state of each global state, or -1 when the state is not in this workflow.
  @usableFromInline let localOfGlobal: [Int32]
  @usableFromInline let localWordCount: Int
  /// `edges[from * localWordCount + word]`: the states reachable in one move.
  @usableFromInline let edges: [UInt64]
  /// The permission needed to enter each local state, or -1.
  @usableFromInline let enter: [Int32]
  /// The permission needed for any transition, or -1.
  @usableFromInline let base: Int32
  let initial: Int32
  let terminal: [Bool]

  init?(
    _ workflow: Workflow, path: String, stateIndex: [StateName: Int32], stateCount: Int,
    permissionIndex: [PermissionKey: Int32], issues: inout IssueCollector
  ) {
    let issuesBefore = issues.issues.count
    id = workflow.id
    var local: [StateName: Int32] = [:]
    var states: [Int32] = []
    var enter: [Int32] = []
    var terminal: [Bool] = []
    var positions: [Int] = []
    var localOfGlobal = [Int32](repeating: -1, count: stateCount)
    for (i, state) in workflow.states.enumerated() {
      let statePath = "\(path).states[\(i)]"
      if state.name.rawValue.isEmpty || state.name.rawValue == "*" {
        issues.add(statePath, .illFormed, "ill-formed state name \"\(state.name)\"")
        continue
      }
      if local[state.name] != nil {
        issues.add(statePath, .duplicate, "duplicate state \"\(state.name)\"")
        continue
      }
      guard let global = stateIndex[state.name] else { continue }
      local[state.name] = Int32(states.count)
      localOfGlobal[Int(global)] = Int32(states.count)
      states.append(global)
      positions.append(i)
      terminal.append(state.isTerminal)
      if let key = state.enter {
        if let p = permissionIndex[key] {
          enter.append(p)
        } else {
          issues.add(statePath + ".enter", .unknownReference, "unknown permission \"\(key)\"")
          enter.append(-1)
        }
      } else {
        enter.append(-1)
      }
    }
    if states.isEmpty {
      issues.add(path + ".states", .workflow, "a workflow needs at least one state")
    }
    let initial = local[workflow.initial] ?? -1
    if initial < 0 {
      issues.add(path + ".initial", .unknownReference, "unknown state \"\(workflow.initial)\"")
    }
    let words = max(Bits.words(for: states.count), 1)
    var edges = [UInt64](repeating: 0, count: states.count * words)
    var entered = [Bool](repeating: false, count: states.count)
    for (i, transition) in workflow.transitions.enumerated() {
      let edgePath = "\(path).transitions[\(i)]"
      guard let to = local[transition.to] else {
        issues.add(edgePath + ".to", .unknownReference, "unknown state \"\(transition.to)\"")
        continue
      }
      var sources: [Int32] = []
      if transition.from == "*" {
        sources = (0..<Int32(states.count)).filter { !terminal[Int($0)] }
      } else if let from = local[transition.from] {
        if terminal[Int(from)] {
          issues.add(
            edgePath + ".from", .workflow, "terminal state \"\(transition.from)\" has no way out")
          continue
        }
        sources = [from]
      } else {
        issues.add(edgePath + ".from", .unknownReference, "unknown state \"\(transition.from)\"")
        continue
      }
      for from in sources {
        Bits.set(Int(to), in: &edges, base: Int(from) * words)
        entered[Int(to)] = true
      }
    }
    for (s, isEntered) in entered.enumerated() where isEntered && enter[s] < 0 {
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
        issues.add(path + ".basePermission", .unknownReference, "unknown permission \"\(key)\"")
      }
    }
    guard issues.issues.count == issuesBefore else { return nil }
    self.states = states
    self.localOfGlobal = localOfGlobal
    self.localWordCount = words
    self.edges = edges
    self.enter = enter
    self.base = base
    self.initial = initial
    self.terminal = terminal
  }

  /// Whether local state `to` can be reached from local state `from` in one move.
  @inlinable @inline(__always)
  func hasEdge(from: Int, to: Int) -> Bool {
    Bits.test(to, in: edges, base: from &* localWordCount)
  }
}
