/// One allowed move of a workflow.
public struct Transition: Sendable, Hashable {
  /// The state moved from, or `*` for every non-terminal state.
  public var from: StateName
  /// The state moved into.
  public var to: StateName

  /// Creates a transition.
  public init(from: StateName, to: StateName) {
    self.from = from
    self.to = to
  }
}
