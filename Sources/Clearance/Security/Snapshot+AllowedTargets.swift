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
    targets(in: workflow) { can(principal, $0, resource, context: context).isAllowed }
  }
}
