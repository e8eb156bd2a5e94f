/// The names a request may use for a compiled policy's elements, by exact UTF-8 bytes:
/// every action text (`a::b::c`, `workflow:TARGET`) and every state name.
///
/// Action texts are cached whole, so turning a request's action into an ``Action`` is one
/// lookup with no parsing; a text that is not in the table names nothing the policy
/// declares.
final class PolicyNames: Sendable {
  /// Actions in namespace 0 (a permission's handle is its index, a transition's is the
  /// permission count plus its number), states in namespace 1.
  let index: NameIndex
  let permissionCount: Int32
  /// Workflow and local target state of each transition, two numbers each.
  let transitions: Frozen<Int32>

  static let actionSpace: Int32 = 0
  static let stateSpace: Int32 = 1

  init(permissions: [PermissionKey], stateNames: [StateName], workflows: [CompiledWorkflow]) {
    var entries: [(name: String, space: Int32, handle: Int32)] = []
    for (p, key) in permissions.enumerated() {
      entries.append((key.rawValue, PolicyNames.actionSpace, Int32(p)))
    }
    var transitions: [Int32] = []
    for (w, workflow) in workflows.enumerated() {
      for (local, global) in workflow.states.enumerated() {
        let text = "\(workflow.id.rawValue):\(stateNames[Int(global)].rawValue)"
        let handle = Int32(permissions.count + transitions.count / 2)
        entries.append((text, PolicyNames.actionSpace, handle))
        transitions += [Int32(w), Int32(local)]
      }
    }
    for (s, state) in stateNames.enumerated() {
      entries.append((state.rawValue, PolicyNames.stateSpace, Int32(s)))
    }
    index = NameIndex(entries)
    permissionCount = Int32(permissions.count)
    self.transitions = Frozen(transitions)
  }

  /// The action named by `text`, or nil.
  func action(_ text: String, token: UInt64) -> Action? {
    guard let handle = index.handle(of: text, in: PolicyNames.actionSpace) else { return nil }
    return PolicyNames.action(
      handle, permissionCount: permissionCount, transitions: transitions.base, token: token)
  }

  /// The action an action text's handle stands for: a permission below `permissionCount`,
  /// else a transition whose workflow and local target are in `transitions`.
  @inline(__always)
  static func action(
    _ handle: Int32, permissionCount: Int32, transitions: UnsafeMutablePointer<Int32>,
    token: UInt64
  ) -> Action {
    if handle < permissionCount {
      return Action(policyToken: token, permission: handle, workflow: -1, target: -1)
    }
    let t = Int(handle &- permissionCount) &* 2
    return Action(
      policyToken: token, permission: -1, workflow: transitions[t], target: transitions[t &+ 1])
  }

  /// The handle of a state name, or nil.
  func state(_ name: String) -> Int32? {
    index.handle(of: name, in: PolicyNames.stateSpace)
  }
}
