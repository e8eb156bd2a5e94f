/// Statements of a change script: the difference between two sets of rows of one table,
/// written as `DELETE` and `INSERT` statements. Rows are compared by the UTF-8 bytes of
/// their values, never by `String ==`, so look-alike names stay distinct.
extension PostgresScript {
  /// Opens the transaction and moves the `snapshot` row from version `from` to `to`,
  /// raising an error (and so aborting the script) when the database is not at `from`.
  /// The check and the move are one `UPDATE`, so two scripts run at once cannot both
  /// pass it.
  mutating func changesHeader(from: Int64, to: Int64) {
    line("-- Clearance changes: brings a database exported at snapshot version \(from) to")
    line("-- version \(to). Generated; do not edit. One transaction: all or nothing.")
    line("BEGIN;")
    line(
      """
      DO $$ BEGIN
        UPDATE \(schema).snapshot SET version = \(to) WHERE version = \(from);
        IF NOT FOUND THEN
          RAISE EXCEPTION 'clearance: the database is not at snapshot version \(from)';
        END IF;
      END $$;
      """)
  }

  /// Closes the transaction.
  mutating func changesFooter() { line("COMMIT;") }

  /// Brings `table` from rows `old` to rows `new`, rows keyed by their first `keyCount`
  /// values (never `NULL`): deletes the keys that went or changed (in `old`'s order), then
  /// inserts the rows that came or changed (in `new`'s order).
  mutating func replace(
    _ table: String, _ columns: [String], keyCount: Int, old: [SQLRow], new: [SQLRow]
  ) throws(SQLError) {
    var oldIndex: [[UInt8]: Int] = [:]
    for (i, row) in old.enumerated() { oldIndex[rowBytes(row.prefix(keyCount))] = i }
    var kept = [Bool](repeating: false, count: old.count)
    var inserts: [SQLRow] = []
    for row in new {
      if let i = oldIndex[rowBytes(row.prefix(keyCount))],
        rowBytes(old[i][...]) == rowBytes(row[...])
      {
        kept[i] = true
      } else {
        inserts.append(row)
      }
    }
    let deletes = old.indices.filter { !kept[$0] }.map { Array(old[$0].prefix(keyCount)) }
    try delete(table, Array(columns.prefix(keyCount)), deletes)
    try insert(table, columns, inserts)
  }

  /// `DELETE` statements for the rows whose `columns` equal one of `keys`, in batches.
  mutating func delete(_ table: String, _ columns: [String], _ keys: [SQLRow]) throws(SQLError) {
    var start = 0
    while start < keys.count {
      let end = min(start + PostgresScript.batch, keys.count)
      line("DELETE FROM \(schema).\(table) WHERE (\(columns.joined(separator: ", "))) IN (")
      for i in start..<end {
        line("  (" + (try values(keys[i])) + ")" + (i == end - 1 ? ");" : ","))
      }
      start = end
    }
  }

  /// Inserts the `permits` rows of profile (`role`, `direct`) unless the table already
  /// holds rows of it: a profile's rows depend only on the policy, so rows present are
  /// the same rows. One statement, so that the check sees none of its own rows.
  mutating func insertProfile(_ role: String, _ direct: String, _ rows: [SQLRow])
    throws(SQLError)
  {
    guard !rows.isEmpty else { return }
    let columns = PostgresScript.permitColumns.joined(separator: ", ")
    line("INSERT INTO \(schema).permits (\(columns))")
    line("SELECT role, direct, action, level::smallint, any_state::boolean, state FROM (VALUES")
    for (i, row) in rows.enumerated() {
      line("  (" + (try values(row)) + ")" + (i == rows.count - 1 ? "" : ","))
    }
    line(") AS v (\(columns))")
    line("WHERE NOT EXISTS (SELECT 1 FROM \(schema).permits p")
    line("  WHERE p.role = \(try PostgreSQL.literal(role))")
    line("    AND p.direct = \(try PostgreSQL.literal(direct)));")
  }

  /// Deletes the `permits` rows of profile (`role`, `direct`); with `unlessHeld`, only when
  /// no membership points at the profile any more.
  mutating func deleteProfile(_ role: String, _ direct: String, unlessHeld: Bool)
    throws(SQLError)
  {
    let match =
      "role = \(try PostgreSQL.literal(role)) AND direct = \(try PostgreSQL.literal(direct))"
    let held = "\n  AND NOT EXISTS (SELECT 1 FROM \(schema).memberships WHERE \(match))"
    line("DELETE FROM \(schema).permits WHERE \(match)" + (unlessHeld ? held : "") + ";")
  }

  /// Values as a comma-separated list of literals (`NULL` for `nil`).
  private func values(_ row: SQLRow) throws(SQLError) -> String {
    var out: [String] = []
    for value in row {
      if let value { out.append(try PostgreSQL.literal(value)) } else { out.append("NULL") }
    }
    return out.joined(separator: ", ")
  }
}

/// The values of a row as bytes: each value's length and UTF-8 bytes, `nil` as a marker
/// no length can be; equal exactly when the values are byte for byte.
func rowBytes(_ row: ArraySlice<String?>) -> [UInt8] {
  var bytes: [UInt8] = []
  for value in row {
    guard let value else {
      bytes += [0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
      continue
    }
    let count = UInt32(value.utf8.count)
    bytes += [0] + (0..<4).map { UInt8(truncatingIfNeeded: count >> (8 * $0)) }
    bytes += value.utf8
  }
  return bytes
}
