extension CompiledPolicy {
  /// Pass 9: compiles each workflow into its own sparse tables (see ``CompiledWorkflow``).
  static func workflows(
    of policy: Policy, stateIndex: InternTable, permissionIndex: InternTable,
    issues: inout IssueCollector
  ) throws(ValidationError) -> (workflows: [CompiledWorkflow], index: [WorkflowID: Int32]) {
    var workflows: [CompiledWorkflow] = []
    var workflowIndex: [WorkflowID: Int32] = [:]
    for (i, workflow) in policy.workflows.enumerated() {
      let path = "workflows[\(i)]"
      if workflow.id.rawValue.isEmpty {
        issues.add(path + ".id", .illFormed, "empty workflow id")
      } else if workflowIndex[workflow.id] != nil {
        issues.add(.duplicate(path: path + ".id", kind: "workflow", name: workflow.id))
        continue
      }
      if let compiled = CompiledWorkflow(
        workflow, path: path, stateIndex: stateIndex, permissionIndex: permissionIndex,
        issues: &issues)
      {
        workflowIndex[workflow.id] = Int32(workflows.count)
        workflows.append(compiled)
      }
    }
    return (workflows, workflowIndex)
  }
}
