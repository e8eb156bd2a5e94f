/// A workflow: a state machine whose transitions are permission-checked.
public struct Workflow: Sendable, Hashable {
  /// The workflow's identifier, for example `ticket`.
  public var id: WorkflowID
  /// The states, in declaration order.
  public var states: [WorkflowState]
  /// The state new resources start in.
  public var initial: StateName
  /// The allowed moves. A `from` of `*` means every non-terminal state.
  public var transitions: [Transition]
  /// A permission needed for any transition, in addition to the target's permission.
  public var basePermission: PermissionKey?

  /// Creates a workflow.
  public init(
    _ id: WorkflowID,
    states: [WorkflowState],
    initial: StateName,
    transitions: [Transition],
    basePermission: PermissionKey? = nil
  ) {
    self.id = id
    self.states = states
    self.initial = initial
    self.transitions = transitions
    self.basePermission = basePermission
  }
}
