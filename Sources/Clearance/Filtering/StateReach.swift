/// The resource states at which a membership's grants make an action active, at one
/// relation level: none, all, or some known states plus, optionally, the resources
/// without a state or with a state no policy element names (which grants treat alike).
enum StateReach: Hashable {
  case none
  case all
  /// `other`: resources without a state or with an unnamed one; `known`: global state
  /// indices as a bitset.
  case some(other: Bool, known: [UInt64])

  /// A normalised reach: `none` and `all` instead of their `some` spellings.
  static func make(other: Bool, known: [UInt64], stateCount: Int) -> StateReach {
    let count = known.reduce(0) { $0 + $1.nonzeroBitCount }
    if !other && count == 0 { return .none }
    if other && count == stateCount { return .all }
    return .some(other: other, known: known)
  }

  var isEmpty: Bool { self == .none }

  /// The union of two reaches.
  func union(_ other: StateReach, stateCount: Int) -> StateReach {
    switch (self, other) {
    case (.none, _): return other
    case (_, .none): return self
    case (.all, _), (_, .all): return .all
    case (.some(let a, let x), .some(let b, let y)):
      return .make(other: a || b, known: zip(x, y).map { $0 | $1 }, stateCount: stateCount)
    }
  }

  /// Whether every state reached by `self` is reached by `other`.
  func isSubset(of other: StateReach) -> Bool {
    switch (self, other) {
    case (.none, _), (_, .all): return true
    case (_, .none), (.all, _): return false
    case (.some(let a, let x), .some(let b, let y)):
      return (!a || b) && zip(x, y).allSatisfy { $0 & ~$1 == 0 }
    }
  }

  /// The reach as a filter over the resource's state.
  func filter(stateNames: [StateName]) -> ResourceFilter {
    switch self {
    case .none: return .never
    case .all: return .always
    case .some(let other, let known):
      let reached = known.reduce(0) { $0 + $1.nonzeroBitCount }
      var listed: [StateName] = []
      listed.reserveCapacity(other ? stateNames.count - reached : reached)
      for (s, name) in stateNames.enumerated() where Bits.test(s, in: known) == !other {
        listed.append(name)
      }
      // Without `other`, the listed states are those reached; with it, those not reached.
      return other ? .stateNotIn(listed) : .stateIn(listed)
    }
  }
}
