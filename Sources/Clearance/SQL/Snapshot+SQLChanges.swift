extension Snapshot {
  /// The SQL that brings a database exported from this snapshot (by ``postgresScript(schema:)``,
  /// or brought up to date by earlier change scripts) to `next`, the snapshot
  /// `operation` produced from this one with ``applying(_:)``: one transaction after which
  /// every table holds exactly what a fresh export of `next` would.
  ///
  /// Only what the operation can touch is compared: a membership or user operation
  /// rewrites that user's rows (and adds or drops the `permits` of a profile no other
  /// membership held), an organization operation compares the organization tables, and a
  /// role operation, which changes the compiled policy, compares the policy tables and the
  /// `permits` of every profile whole (O(memberships + profiles × actions)). A batch
  /// covers what its operations cover.
  ///
  /// The script first checks that the database is at this snapshot's ``version`` and
  /// moves it to `next`'s in the same statement; a database at any other version raises
  /// an error and the transaction changes nothing. Every name is a quoted literal.
  ///
  /// ```swift
  /// let next = try snapshot.applying(operation)
  /// let sql = try snapshot.postgresChanges(to: next, by: operation)
  /// ```
  ///
  /// - Throws: ``SQLError`` when `next` is not one version newer than this snapshot (it
  ///   cannot be `operation`'s result), for a schema name other than
  ///   `[A-Za-z_][A-Za-z0-9_]*`, or a name with a NUL byte.
  public func postgresChanges(
    to next: Snapshot, by operation: AdministrationOperation, schema: String = "clearance"
  ) throws(SQLError) -> String {
    guard next.version == version &+ 1 else {
      throw SQLError(
        "snapshot version \(next.version) is not one newer than \(version): it is not the result of one operation on this snapshot"
      )
    }
    var scope = SQLChangeScope()
    operation.widen(&scope)
    return try changes(to: next, scope: scope, everyUser: false, schema: schema)
  }

  /// The SQL that brings a database exported from this snapshot to `next`, whatever
  /// changed between them (a replaced policy or directory, a host's own updates):
  /// every table is compared whole, O(directory + profiles × actions).
  ///
  /// - Throws: ``SQLError`` for a schema name other than `[A-Za-z_][A-Za-z0-9_]*`, or a
  ///   name with a NUL byte.
  public func postgresChanges(to next: Snapshot, schema: String = "clearance")
    throws(SQLError) -> String
  {
    let scope = SQLChangeScope(users: [], organizations: true, policy: true)
    return try changes(to: next, scope: scope, everyUser: true, schema: schema)
  }

  private func changes(
    to next: Snapshot, scope: SQLChangeScope, everyUser: Bool, schema: String
  ) throws(SQLError) -> String {
    var writer = PostgresScript(schema: try PostgreSQL.plainIdentifier(schema))
    writer.changesHeader(from: try sqlVersion(), to: try next.sqlVersion())
    if scope.organizations || scope.policy {
      try writer.replace(
        "organizations", PostgresScript.organizationColumns, keyCount: 1,
        old: organizationRows(), new: next.organizationRows())
      try writer.replace(
        "org_disabled_features", ["org", "feature"], keyCount: 2,
        old: orgDisabledFeatureRows(), new: next.orgDisabledFeatureRows())
      try writer.replace(
        "security_blocks", ["org", "role", "action"], keyCount: 3,
        old: securityBlockRows(actionNames()), new: next.securityBlockRows(next.actionNames()))
    }
    if scope.policy {
      let old = catalogRows(actionNames())
      let new = next.catalogRows(next.actionNames())
      try writer.replace("states", ["name"], keyCount: 1, old: old.states, new: new.states)
      try writer.replace("actions", ["name"], keyCount: 1, old: old.actions, new: new.actions)
      try writer.replace(
        "action_features", ["action", "feature"], keyCount: 2, old: old.features,
        new: new.features)
    }
    let users: [Int32?] =
      everyUser ? [] : Array(Set(scope.users)).sorted().map { structure.userHandle($0) }
    let nextUsers: [Int32?] =
      everyUser ? [] : Array(Set(scope.users)).sorted().map { next.structure.userHandle($0) }
    let old = try directoryRows(everyUser ? nil : users)
    let new = try next.directoryRows(everyUser ? nil : nextUsers)
    try writer.replace("users", ["id", "is_active"], keyCount: 1, old: old.users, new: new.users)
    try writer.replace(
      "memberships", PostgresScript.membershipColumns, keyCount: 2, old: old.memberships,
      new: new.memberships)
    if scope.policy {
      try replacePermits(
        &writer, next: next, old: everyUser ? old.profiles : allProfiles(),
        new: everyUser ? new.profiles : next.allProfiles())
    } else {
      for (key, profile) in new.profiles {
        try writer.insertProfile(
          key.role, key.direct, next.permitRows(profile, next.actionNames()))
      }
      for (key, _) in old.profiles {
        try writer.deleteProfile(key.role, key.direct, unlessHeld: true)
      }
    }
    writer.changesFooter()
    return writer.text
  }

  /// The `users` and `memberships` rows of the given user handles (`nil`: every user;
  /// a `nil` handle: a user this snapshot does not hold), with the distinct profiles
  /// their memberships point at, in order.
  private func directoryRows(_ handles: [Int32?]?) throws(SQLError) -> (
    users: [SQLRow], memberships: [SQLRow], profiles: [(key: NamedProfile, record: MemberRecord)]
  ) {
    let chosen =
      handles.map { $0.compactMap { $0.map(Int.init) } } ?? Array(0..<structure.users.count)
    var users: [SQLRow] = []
    var memberships: [SQLRow] = []
    var profiles: [(key: NamedProfile, record: MemberRecord)] = []
    var seen: Set<[UInt8]> = []
    for u in chosen {
      users.append(userRow(u))
      let own = try membershipRows(of: u)
      memberships += own.rows
      for (record, row) in zip(own.profiles, own.rows) {
        let key = NamedProfile(role: row[2] ?? "", direct: row[3] ?? "")
        if seen.insert(rowBytes([key.role, key.direct])).inserted {
          profiles.append((key, record))
        }
      }
    }
    return (users, memberships, profiles)
  }

  /// The distinct profiles of every membership, in user and membership order.
  private func allProfiles() -> [(key: NamedProfile, record: MemberRecord)] {
    var keys: [Int32: String] = [:]
    var seen: Set<[UInt8]> = []
    var profiles: [(key: NamedProfile, record: MemberRecord)] = []
    for u in 0..<structure.users.count {
      let (block, local) = structure.place(of: u)
      for m in block.range(of: local) {
        let record = block.records[m]
        let direct = keys[record.direct] ?? directKey(record.direct)
        keys[record.direct] = direct
        let key = NamedProfile(role: policy.roleIDs[Int(record.role)].rawValue, direct: direct)
        if seen.insert(rowBytes([key.role, key.direct])).inserted {
          profiles.append((key, record))
        }
      }
    }
    return profiles
  }

  /// Brings `permits` from this snapshot's profiles to `next`'s, profile by profile:
  /// a profile whose rows differ (or that went or came) is deleted and written again.
  private func replacePermits(
    _ writer: inout PostgresScript, next: Snapshot,
    old: [(key: NamedProfile, record: MemberRecord)],
    new: [(key: NamedProfile, record: MemberRecord)]
  ) throws(SQLError) {
    let actions = actionNames()
    let nextActions = next.actionNames()
    var newIndex: [[UInt8]: Int] = [:]
    for (i, profile) in new.enumerated() {
      newIndex[rowBytes([profile.key.role, profile.key.direct])] = i
    }
    var written = [Bool](repeating: false, count: new.count)
    for profile in old {
      let rows = permitRows(profile.record, actions)
      if let i = newIndex[rowBytes([profile.key.role, profile.key.direct])] {
        written[i] = true
        let nextRows = next.permitRows(new[i].record, nextActions)
        if rowBytes(rows.flatMap { $0 }[...]) == rowBytes(nextRows.flatMap { $0 }[...]) {
          continue
        }
        try writer.deleteProfile(profile.key.role, profile.key.direct, unlessHeld: false)
        try writer.insert("permits", PostgresScript.permitColumns, nextRows)
      } else {
        try writer.deleteProfile(profile.key.role, profile.key.direct, unlessHeld: false)
      }
    }
    for (i, profile) in new.enumerated() where !written[i] {
      try writer.insert(
        "permits", PostgresScript.permitColumns, next.permitRows(profile.record, nextActions))
    }
  }
}

/// A profile by name: the role id and the membership's `direct` key.
struct NamedProfile {
  let role: String
  let direct: String
}
