/// One row of an exported table: its values as text (numbers and booleans in PostgreSQL's
/// input syntax, `t`/`f`), `nil` for `NULL`.
typealias SQLRow = [String?]

/// The rows of the exported tables, built from one snapshot. The export writes them all;
/// the change scripts (``Snapshot/postgresChanges(to:by:schema:)``) build the same rows for
/// the part an operation touched in the old and the new snapshot and write the difference,
/// so a database brought up to date holds exactly what a fresh export would.
extension Snapshot {
  /// `snapshot (version)`: the snapshot's version, which change scripts check and advance.
  func versionRows() throws(SQLError) -> [SQLRow] { [[String(try sqlVersion())]] }

  /// The version as a PostgreSQL `bigint`.
  func sqlVersion() throws(SQLError) -> Int64 {
    guard let version = Int64(exactly: version) else {
      throw SQLError("snapshot version \(version) does not fit PostgreSQL's bigint")
    }
    return version
  }

  /// `organizations (id, parent, is_live, enter, exit)`, in handle order.
  func organizationRows() -> [SQLRow] {
    let intervals = structure.orgs.frozenIntervals.base
    return (0..<structure.orgIDs.count).map { o in
      let parent = structure.orgParent[o]
      return [
        structure.orgIDs[o].rawValue, parent >= 0 ? structure.orgIDs[Int(parent)].rawValue : nil,
        hot.isLive(o) ? "t" : "f", String(intervals[2 * o]), String(intervals[2 * o + 1]),
      ]
    }
  }

  /// `org_disabled_features (org, feature)`: the child features disabled per organization.
  func orgDisabledFeatureRows() -> [SQLRow] {
    var rows: [SQLRow] = []
    for o in 0..<structure.orgIDs.count {
      for (f, feature) in policy.childFeatures.enumerated()
      where !orgState.isEnabled(feature: f, org: o, words: policy.featureWordCount) {
        rows.append([structure.orgIDs[o].rawValue, feature.rawValue])
      }
    }
    return rows
  }

  /// `security_blocks (org, role, action)`: what the security checks deny without a context.
  func securityBlockRows(_ actions: [(name: String, action: Action)]) -> [SQLRow] {
    var rows: [SQLRow] = []
    for o in 0..<structure.orgIDs.count {
      for (name, action) in actions where needsSecurity(action, org: o) {
        for (r, role) in policy.roleIDs.enumerated()
        where securityBlocks(action, role: r, org: o) {
          rows.append([structure.orgIDs[o].rawValue, role.rawValue, name])
        }
      }
    }
    return rows
  }

  /// `states (name)`, `actions (name)` and `action_features (action, feature)`.
  func catalogRows(_ actions: [(name: String, action: Action)])
    -> (states: [SQLRow], actions: [SQLRow], features: [SQLRow])
  {
    let features = actions.flatMap { entry in
      gates(of: entry.action).map { [entry.name, $0.rawValue] as SQLRow }
    }
    return (policy.stateNames.map { [$0.rawValue] }, actions.map { [$0.name] }, features)
  }

  /// The `users` row of directory user `u`.
  func userRow(_ u: Int) -> SQLRow {
    let (block, local) = structure.place(of: u)
    return [structure.users[u].id.rawValue, block.active[local] ? "t" : "f"]
  }

  /// The `memberships` rows (user_id, org, role, direct, shops) of directory user `u`,
  /// with the profiles (role and direct grant set) they point at.
  func membershipRows(of u: Int) throws(SQLError) -> (rows: [SQLRow], profiles: [MemberRecord]) {
    let (block, local) = structure.place(of: u)
    var rows: [SQLRow] = []
    var profiles: [MemberRecord] = []
    for m in block.range(of: local) {
      let record = block.records[m]
      let shops = block.shops(of: record).map { structure.shopIDs[Int($0)].rawValue }
      rows.append([
        structure.users[u].id.rawValue, structure.orgIDs[Int(record.org)].rawValue,
        policy.roleIDs[Int(record.role)].rawValue, directKey(record.direct),
        try PostgresScript.array(shops),
      ])
      profiles.append(record)
    }
    return (rows, profiles)
  }

  /// The `direct` column of a membership: empty without direct grants, otherwise the hex
  /// SHA-256 of its grant list (each grant's pattern, scope and states, length-prefixed),
  /// so that memberships with equal grant lists share one profile, whatever set they
  /// were compiled into.
  func directKey(_ set: Int32) -> String {
    guard set >= 0 else { return "" }
    var hash = SHA256()
    func add(_ text: String) {
      let count = UInt32(text.utf8.count)
      hash.update((0..<4).map { UInt8(truncatingIfNeeded: count >> (8 * $0)) })
      hash.update(text.utf8)
    }
    for grant in structure.direct.compiled(Int(set)).map(\.source) {
      add(grant.permission.rawValue)
      add(String(grant.scope.rawValue))
      if let states = grant.states {
        add(String(states.count))
        for state in states { add(state.rawValue) }
      } else {
        add("*")
      }
    }
    return hash.finalize().hex
  }

  /// The `permits` rows (role, direct, action, level, any_state, state) of one profile:
  /// at which relation levels and states each action is active for a membership with
  /// `profile`'s role and direct grants.
  func permitRows(_ profile: MemberRecord, _ actions: [(name: String, action: Action)])
    -> [SQLRow]
  {
    let head = [policy.roleIDs[Int(profile.role)].rawValue, directKey(profile.direct)]
    var rows: [SQLRow] = []
    for (name, action) in actions {
      let entering = enteringStates(action)
      for level in 0..<4 {
        let prefix = head + [name, String(level)]
        switch stateReach(action, profile, structure.direct, level: level, entering: entering) {
        case .none: continue
        case .all: rows.append(prefix + ["t", nil])
        case .some(let other, let known):
          if other { rows.append(prefix + ["f", nil]) }
          for (s, state) in policy.stateNames.enumerated() where Bits.test(s, in: known) {
            rows.append(prefix + ["f", state.rawValue])
          }
        }
      }
    }
    return rows
  }
}
