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
  /// to this snapshot. Role grants are precompiled per (role, direct grants) profile into
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
    let flat = structure.flatMemberships()
    let intervals = structure.orgs.frozenIntervals.base
    var rows: [[String?]] = []
    for o in 0..<structure.orgIDs.count {
      let parent = structure.orgParent[o]
      rows.append([
        structure.orgIDs[o].rawValue, parent >= 0 ? structure.orgIDs[Int(parent)].rawValue : nil,
        frozenLive.base[o] ? "t" : "f", String(intervals[2 * o]), String(intervals[2 * o + 1]),
      ])
    }
    try writer.insert("organizations", ["id", "parent", "is_live", "enter", "exit"], rows)
    rows = flat.userIDs.indices.map {
      [flat.userIDs[$0].rawValue, flat.userIsActive[$0] ? "t" : "f"]
    }
    try writer.insert("users", ["id", "is_active"], rows)
    try writer.insert("states", ["name"], policy.stateNames.map { [$0.rawValue] })
    try writer.insert("actions", ["name"], actions.map { [$0.name] })
    rows = actions.flatMap { entry in gates(of: entry.action).map { [entry.name, $0.rawValue] } }
    try writer.insert("action_features", ["action", "feature"], rows)
    rows = []
    for o in 0..<structure.orgIDs.count {
      for (f, feature) in policy.childFeatures.enumerated()
      where !orgState.isEnabled(feature: f, org: o, words: policy.featureWordCount) {
        rows.append([structure.orgIDs[o].rawValue, feature.rawValue])
      }
    }
    try writer.insert("org_disabled_features", ["org", "feature"], rows)
    rows = []
    for o in 0..<structure.orgIDs.count {
      for (name, action) in actions where needsSecurity(action, org: o) {
        for (r, role) in policy.roleIDs.enumerated()
        where securityBlocks(action, role: r, org: o) {
          rows.append([structure.orgIDs[o].rawValue, role.rawValue, name])
        }
      }
    }
    try writer.insert("security_blocks", ["org", "role", "action"], rows)
    try writeMemberships(&writer, actions: actions, flat: flat)
  }

  /// Memberships, each pointing at its profile (role and direct grant set), and the
  /// `permits` rows of every profile: at which relation levels and states each action is
  /// active.
  private func writeMemberships(
    _ writer: inout PostgresScript, actions: [(name: String, action: Action)],
    flat: FlatMemberships
  ) throws(SQLError) {
    var profileIndex: [Int64: Int] = [:]
    var profiles: [MemberRecord] = []
    var rows: [[String?]] = []
    for m in flat.records.indices.sorted(by: { flat.order[$0] < flat.order[$1] }) {
      let record = flat.records[m]
      let key = Int64(record.role) << 32 | Int64(UInt32(bitPattern: record.direct))
      let profile = profileIndex[key] ?? profiles.count
      if profile == profiles.count {
        profileIndex[key] = profile
        profiles.append(
          MemberRecord(
            user: -1, org: -1, role: record.role, direct: record.direct, shopStart: 0,
            shopCount: 0))
      }
      let shops = flat.shops(of: record).map { structure.shopIDs[Int($0)].rawValue }
      rows.append([
        flat.userIDs[Int(record.user)].rawValue, structure.orgIDs[Int(record.org)].rawValue,
        policy.roleIDs[Int(record.role)].rawValue, String(profile), try writer.array(shops),
      ])
    }
    try writer.insert("memberships", ["user_id", "org", "role", "profile", "shops"], rows)
    rows = []
    for (p, profile) in profiles.enumerated() {
      for (name, action) in actions {
        let entering = enteringStates(action)
        for level in 0..<4 {
          let reach = stateReach(
            action, profile, structure.direct, level: level, entering: entering)
          rows += permitRows(profile: p, action: name, level: level, reach: reach)
        }
      }
    }
    try writer.insert("permits", ["profile", "action", "level", "any_state", "state"], rows)
  }

  private func permitRows(profile: Int, action: String, level: Int, reach: StateReach)
    -> [[String?]]
  {
    let head = [String(profile), action, String(level)]
    switch reach {
    case .none: return []
    case .all: return [head + ["t", nil]]
    case .some(let other, let known):
      var rows: [[String?]] = other ? [head + ["f", nil]] : []
      for (s, name) in policy.stateNames.enumerated() where Bits.test(s, in: known) {
        rows.append(head + ["f", name.rawValue])
      }
      return rows
    }
  }
}
