/// A grant matched against the catalog: its source, its pattern as interned segments
/// (-1 for `*`), and its expansion.
struct CompiledGrant: Sendable {
  let source: Grant
  let matcher: [Int32]
  let expanded: ExpandedGrant
}

extension CompiledPolicy {
  /// Validates and expands one grant. Returns nil (with issues) when it is invalid.
  static func compile(
    _ grant: Grant, path: String, catalog: Catalog, stateIndex: [StateName: Int32],
    issues: inout IssueCollector
  ) -> CompiledGrant? {
    guard let pattern = PermissionKeySyntax.pattern(grant.permission.rawValue) else {
      issues.add(
        path + ".permission", .illFormed,
        "ill-formed permission pattern \"\(grant.permission)\" (expected a key whose segments may be *, or * alone)"
      )
      return nil
    }
    var matcher: [Int32] = []
    var impossible = false
    for part in pattern {
      if let part {
        if let id = catalog.segmentIndex[part] { matcher.append(id) } else { impossible = true }
      } else {
        matcher.append(-1)
      }
    }
    let permissions = impossible ? [] : catalog.expand(matcher, key: grant.permission)
    if permissions.isEmpty {
      issues.add(
        path + ".permission", .matchesNothing,
        "pattern \"\(grant.permission)\" matches no declared permission")
      return nil
    }
    var states: [Int32]?
    if let names = grant.states {
      var ids: [Int32] = []
      var valid = true
      if names.isEmpty {
        issues.add(path + ".states", .illFormed, "empty state list (omit it for no condition)")
        valid = false
      }
      for (k, name) in names.enumerated() {
        if let id = stateIndex[name] {
          ids.append(id)
        } else {
          issues.add(path + ".states[\(k)]", .unknownReference, "unknown state \"\(name)\"")
          valid = false
        }
      }
      if !valid { return nil }
      states = ids
    }
    return CompiledGrant(
      source: grant, matcher: matcher,
      expanded: ExpandedGrant(permissions: permissions, scope: grant.scope, states: states))
  }

  /// Compiles a membership's direct grants against this policy.
  func compileDirect(_ grants: [Grant], path: String, issues: inout IssueCollector)
    -> [CompiledGrant]
  {
    var compiled: [CompiledGrant] = []
    for (i, grant) in grants.enumerated() {
      if let grant = CompiledPolicy.compile(
        grant, path: "\(path)[\(i)]", catalog: catalog, stateIndex: stateIndex, issues: &issues)
      {
        compiled.append(grant)
      }
    }
    return compiled
  }

  /// Whether a compiled grant's pattern matches permission `p`.
  func matches(_ grant: CompiledGrant, permission p: Int) -> Bool {
    (0..<3).allSatisfy { grant.matcher[$0] < 0 || grant.matcher[$0] == segments[p * 3 + $0] }
  }
}
