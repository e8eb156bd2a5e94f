extension CompiledPolicy {
  /// Pass 6: numbers every state name: each workflow's states in declaration order, then
  /// the states named in role grants' conditions.
  static func states(of policy: Policy, issues: inout IssueCollector)
    throws(ValidationError) -> (names: [StateName], index: InternTable)
  {
    if policy.workflows.count > PolicyLimits.workflows {
      try issues.refuse(
        "workflows", "\(policy.workflows.count) workflows", limit: PolicyLimits.workflows,
        name: "workflows")
    }
    let transitions = policy.workflows.reduce(0) { $0 + $1.transitions.count }
    if transitions > PolicyLimits.transitions {
      try issues.refuse(
        "workflows", "\(transitions) transitions", limit: PolicyLimits.transitions,
        name: "transitions")
    }
    var names: [StateName] = []
    var index = InternTable()
    func intern(_ state: StateName, path: @autoclosure () -> String) throws(ValidationError) {
      guard !state.rawValue.isEmpty, index[state] == nil else { return }
      guard names.count < PolicyLimits.states else {
        try issues.refuse(
          path(), "\(names.count + 1) distinct states", limit: PolicyLimits.states,
          name: "states")
      }
      _ = index.intern(state.rawValue)
      names.append(state)
    }
    for (w, workflow) in policy.workflows.enumerated() {
      for (s, state) in workflow.states.enumerated() {
        try intern(state.name, path: "workflows[\(w)].states[\(s)]")
      }
    }
    for (r, role) in policy.roles.enumerated() {
      for (g, grant) in role.grants.enumerated() {
        for (s, state) in (grant.states ?? []).enumerated() {
          try intern(state, path: "roles[\(r)].grants[\(g)].states[\(s)]")
        }
      }
    }
    return (names, index)
  }
}
