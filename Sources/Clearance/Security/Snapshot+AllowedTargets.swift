extension Snapshot {
  /// The target states `principal` may move `resource` into with this request context, in
  /// the workflow's declaration order: the targets `t` for which
  /// `can(principal, transition(in: workflow, to: t), resource, context: context)` allows,
  /// so the security checks (API key and its scope, IP allowlist, MFA and step-up) apply
  /// exactly as they do there. Empty when the resource's state is not a state of the
  /// workflow, and for a workflow the policy does not declare.
  public func allowedTargets(
    for principal: Principal, moving resource: ResolvedResource, in workflow: WorkflowID,
    context: RequestContext
  ) -> [StateName] {
    guard let w = policy.workflowIndex[workflow] else { return [] }
    let compiled = policy.workflows[Int(w)]
    var targets: [StateName] = []
    for target in 0..<compiled.states.count {
      let action = Action(
        policyToken: policy.token, permission: -1, workflow: w, target: Int32(target))
      if can(principal, action, resource, context: context).isAllowed {
        targets.append(policy.stateNames[Int(compiled.states[target])])
      }
    }
    return targets
  }
}
