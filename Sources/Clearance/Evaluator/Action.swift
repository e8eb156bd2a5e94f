/// An action resolved against a compiled policy: a permission, or a move of a workflow
/// resource into a target state. Resolve once, check many times.
///
/// Resolving never fails: a text that names nothing the policy declares (an unknown
/// permission, workflow or state, or text of neither form) gives an *undeclared* action,
/// which every decision denies with ``DenyReason/unknownAction`` (after the principal
/// check, as the by-name API does). Check ``isDeclared`` at startup to catch a typo in a
/// host's own action names.
///
/// ```swift
/// let read = snapshot.action("tickets::ticket::read")
/// let toQC = snapshot.transition(in: "ticket", to: "QC_REVIEW")
/// assert(read.isDeclared && toQC.isDeclared)
/// ```
public struct Action: Sendable, Hashable {
  /// The policy's token; with ``undeclaredBit`` set for an undeclared action, so that the
  /// evaluator's token check turns it away at no cost on the hot path.
  @usableFromInline let policyToken: UInt64
  /// The permission, or -1 for a transition; for an undeclared action, its
  /// ``Undeclared`` kind.
  @usableFromInline let permission: Int32
  /// The workflow of a transition, or -1 (always -1 for an undeclared action).
  @usableFromInline let workflow: Int32
  /// The target of a transition, as the workflow's local state index; for an undeclared
  /// state, the workflow it is not a state of (else -1).
  @usableFromInline let target: Int32

  @usableFromInline
  init(policyToken: UInt64, permission: Int32, workflow: Int32, target: Int32) {
    self.policyToken = policyToken
    self.permission = permission
    self.workflow = workflow
    self.target = target
  }

  /// Whether the action is a workflow transition the policy declares.
  public var isTransition: Bool { workflow >= 0 }

  /// Whether the action names a permission, or a workflow and one of its states, that the
  /// policy declares. An undeclared action is denied with ``DenyReason/unknownAction``.
  public var isDeclared: Bool { policyToken & Action.undeclaredBit == 0 }

  /// Set in the token of an undeclared action. Policy tokens count up from 1 and never
  /// reach it.
  @usableFromInline static let undeclaredBit: UInt64 = 1 &<< 63

  /// What an undeclared action's text failed to name.
  enum Undeclared: Int32 {
    /// Neither a permission key (`a::b::c`) nor a transition (`workflow:STATE`).
    case illFormed
    /// A permission key the policy does not declare.
    case permission
    /// A transition in a workflow the policy does not declare.
    case workflow
    /// A transition into a state that is not one of its (declared) workflow's.
    case state
  }

  /// An undeclared action of the policy with token `token`; `workflow` is the declared
  /// workflow of an undeclared state.
  static func undeclared(_ kind: Undeclared, token: UInt64, workflow: Int32 = -1) -> Action {
    Action(
      policyToken: token | undeclaredBit, permission: kind.rawValue, workflow: -1,
      target: workflow)
  }

  /// The kind of an undeclared action (nil for a declared one).
  var undeclaredKind: Undeclared? {
    isDeclared ? nil : Undeclared(rawValue: permission)
  }
}
