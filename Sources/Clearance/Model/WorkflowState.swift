/// One state of a workflow.
public struct WorkflowState: Sendable, Hashable {
  /// The state's name.
  public var name: StateName
  /// The permission needed to move a resource into this state. Required for every state
  /// that some transition enters.
  public var enter: PermissionKey?
  /// A terminal state has no way out, even through `*` transitions.
  public var isTerminal: Bool

  /// Creates a workflow state.
  public init(_ name: StateName, enter: PermissionKey? = nil, isTerminal: Bool = false) {
    self.name = name
    self.enter = enter
    self.isTerminal = isTerminal
  }
}
