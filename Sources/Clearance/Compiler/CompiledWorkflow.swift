/// A workflow compiled over its own (local) state numbering, in space proportional to its
/// states and transitions: a policy with many workflows, or one workflow with many states,
/// never needs a table of every state against every other.
@usableFromInline
struct CompiledWorkflow: Sendable {
  let id: WorkflowID
  /// Global state index of each local state.
  let states: [Int32]
  /// The local state of each global state, or -1 when the state is not in this workflow.
  @usableFromInline let localOfGlobal: LocalStates
  /// The explicit moves out of each local state: `edgeTarget[edgeStart[s] ..< edgeStart[s + 1]]`,
  /// ascending, each once.
  @usableFromInline let edgeStart: [Int32]
  @usableFromInline let edgeTarget: [Int32]
  /// The states some `*` transition enters, as a bitset over local states: each can be
  /// reached from every state that is not terminal.
  @usableFromInline let enteredFromAnyState: [UInt64]
  /// The permission needed to enter each local state, or -1.
  @usableFromInline let enter: [Int32]
  /// The permission needed for any transition, or -1.
  @usableFromInline let base: Int32
  let initial: Int32
  @usableFromInline let terminal: [Bool]

  /// Whether local state `to` can be reached from local state `from` in one move.
  @inlinable
  func hasEdge(from: Int, to: Int) -> Bool {
    if !terminal[from] && Bits.test(to, in: enteredFromAnyState) { return true }
    var low = Int(edgeStart[from])
    var high = Int(edgeStart[from &+ 1])
    while low < high {
      let middle = (low &+ high) &>> 1
      let target = Int(edgeTarget[middle])
      if target == to { return true }
      if target < to { low = middle &+ 1 } else { high = middle }
    }
    return false
  }
}

/// Which local state of one workflow each global state is, in space proportional to the
/// workflow's states.
///
/// A workflow's own states are numbered one after another when the policy is compiled,
/// so most lookups are one subtraction into `window`; states the workflow shares with an
/// earlier one are found by a binary search of `others`.
@usableFromInline
struct LocalStates: Sendable {
  /// The global state of `window[0]`.
  @usableFromInline let first: Int
  /// The local state of global states `first, first + 1, …`: the longest run of
  /// consecutive global states in the workflow.
  @usableFromInline let window: [Int32]
  /// The workflow's other global states, ascending, and the local state of each.
  @usableFromInline let others: [Int32]
  @usableFromInline let otherLocals: [Int32]

  /// Builds the lookup for a workflow whose local state `s` is global state `globals[s]`.
  init(globals: [Int32]) {
    let sorted = globals.indices.sorted { globals[$0] < globals[$1] }
    // The longest run of consecutive global states, as a range of `sorted`.
    var best = 0..<0
    var runStart = 0
    for i in sorted.indices {
      if i > 0 && globals[sorted[i]] != globals[sorted[i - 1]] + 1 { runStart = i }
      if i + 1 - runStart > best.count { best = runStart..<(i + 1) }
    }
    first = best.isEmpty ? 0 : Int(globals[sorted[best.lowerBound]])
    window = sorted[best].map { Int32(truncatingIfNeeded: $0) }
    let rest = sorted[..<best.lowerBound] + sorted[best.upperBound...]
    others = rest.map { globals[$0] }
    otherLocals = rest.map { Int32(truncatingIfNeeded: $0) }
  }

  /// The local state of global state `global`, or -1.
  @inlinable
  subscript(global: Int) -> Int32 {
    let offset = global &- first
    if offset >= 0 && offset < window.count { return window[offset] }
    var low = 0
    var high = others.count
    while low < high {
      let middle = (low &+ high) &>> 1
      let found = Int(others[middle])
      if found == global { return otherLocals[middle] }
      if found < global { low = middle &+ 1 } else { high = middle }
    }
    return -1
  }
}
