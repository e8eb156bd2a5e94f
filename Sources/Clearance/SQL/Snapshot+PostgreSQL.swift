extension Snapshot {
  /// One PostgreSQL script that recreates this snapshot's decisions in a database: the
  /// compiled policy and the directory as tables in schema `schema`, the helper functions
  /// `is_member(org)`, `has_shop_access(org, shop)` and `has_role(org, role)` for the
  /// current user, `clearance_can(user_id, action, org, shop, assignee, state)` deciding
  /// exactly as `can`, and `protect(table, action, …)`, which puts row-level security on
  /// a host table with org, shop, assignee and state columns.
  ///
  /// The current user is read from the setting `clearance.user_id`, which the host sets
  /// per transaction (`SET LOCAL clearance.user_id = 'tina'`); unset, nothing is visible.
  /// The script drops and recreates the schema, so running it again brings the database
  /// to this snapshot; ``postgresChanges(to:by:schema:)`` brings it to the next snapshot
  /// without recreating it. Role grants are precompiled per (role, direct grants) profile into
  /// `permits`, so the database never re-derives inheritance or prerequisites.
  ///
  /// Like `can`, the functions ignore the request context (IP allowlists, MFA).
  ///
  /// - Throws: ``SQLError`` for a schema name other than `[A-Za-z_][A-Za-z0-9_]*` of at
  ///   most 63 bytes, or a name with a NUL byte.
  public func postgresScript(schema: String = "clearance") throws(SQLError) -> String {
    var writer = PostgresScript(schema: try PostgreSQL.plainIdentifier(schema))
    writer.header(policyActions: actionNames().count)
    writer.tables()
    try writeData(&writer)
    writer.functions()
    writer.rowLevelSecurityTemplate()
    return writer.text
  }

  /// Every action text the policy declares: permission keys, then `workflow:STATE` for
  /// every state of every workflow, with their actions.
  func actionNames() -> [(name: String, action: Action)] {
    var result: [(String, Action)] = []
    for p in 0..<policy.permissionKeys.count {
      let action = Action(policyToken: policy.token, permission: Int32(p), workflow: -1, target: -1)
      result.append((policy.permissionKeys[p].rawValue, action))
    }
    for (w, workflow) in policy.workflows.enumerated() {
      for target in 0..<workflow.states.count {
        let action = Action(
          policyToken: policy.token, permission: -1, workflow: Int32(w), target: Int32(target))
        result.append((policy.name(of: action), action))
      }
    }
    return result
  }

  /// The child features an action is gated by.
  func gates(of action: Action) -> [FeatureID] {
    var permissions: [Int] = []
    if action.workflow < 0 {
      permissions = [Int(action.permission)]
    } else {
      let workflow = policy.workflows[Int(action.workflow)]
      permissions = [Int(workflow.enter[Int(action.target)]), Int(workflow.base)]
    }
    var result: [FeatureID] = []
    for p in permissions where p >= 0 && policy.gate[p] >= 0 {
      let feature = policy.childFeatures[Int(policy.gate[p])]
      if !result.contains(feature) { result.append(feature) }
    }
    return result
  }

  private func writeData(_ writer: inout PostgresScript) throws(SQLError) {
    let actions = actionNames()
    let catalog = catalogRows(actions)
    try writer.insert("snapshot", ["version"], try versionRows())
    try writer.insert("organizations", PostgresScript.organizationColumns, organizationRows())
    let users = (0..<structure.users.count).map { userRow($0) }
    try writer.insert("users", ["id", "is_active"], users)
    try writer.insert("states", ["name"], catalog.states)
    try writer.insert("actions", ["name"], catalog.actions)
    try writer.insert("action_features", ["action", "feature"], catalog.features)
    try writer.insert("org_disabled_features", ["org", "feature"], orgDisabledFeatureRows())
    try writer.insert("security_blocks", ["org", "role", "action"], securityBlockRows(actions))
    try writeMemberships(&writer, actions: actions)
  }

  /// Memberships, each pointing at its profile (role and direct grant set), and the
  /// `permits` rows of every profile: at which relation levels and states each action is
  /// active.
  private func writeMemberships(
    _ writer: inout PostgresScript, actions: [(name: String, action: Action)]
  ) throws(SQLError) {
    var seen: Set<ProfileKey> = []
    var profiles: [MemberRecord] = []
    var rows: [SQLRow] = []
    for u in 0..<structure.users.count {
      let own = try membershipRows(of: u)
      rows += own.rows
      for (record, row) in zip(own.profiles, own.rows)
      where seen.insert(ProfileKey(role: record.role, direct: row[3] ?? "")).inserted {
        profiles.append(record)
      }
    }
    try writer.insert("memberships", PostgresScript.membershipColumns, rows)
    rows = profiles.flatMap { permitRows($0, actions) }
    try writer.insert("permits", PostgresScript.permitColumns, rows)
  }
}

/// A profile: a role (by handle) and the `direct` key of a grant list (hex, ASCII).
struct ProfileKey: Hashable {
  let role: Int32
  let direct: String
}
