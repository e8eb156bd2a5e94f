/// Writes the PostgreSQL export script: tables, data, functions and the row-level
/// security template. Every value is a quoted literal; every name in SQL text is the
/// quoted schema identifier or a fixed name.
struct PostgresScript {
  /// The quoted schema identifier.
  let schema: String
  private(set) var text = ""
  /// Rows per `INSERT` statement.
  static let batch = 500

  init(schema: String) { self.schema = schema }

  mutating func line(_ line: String = "") { text += line + "\n" }

  mutating func header(policyActions: Int) {
    line("-- Clearance export: the compiled policy and directory of one snapshot, and functions")
    line("-- that decide exactly as the library's `can` (\(policyActions) actions). Generated;")
    line("-- do not edit. Running it again replaces the schema.")
    line("BEGIN;")
    line("DROP SCHEMA IF EXISTS \(schema) CASCADE;")
    line("CREATE SCHEMA \(schema);")
  }

  mutating func tables() {
    let s = schema
    line(
      """
      CREATE TABLE \(s).organizations (id text PRIMARY KEY, parent text, is_live boolean NOT NULL,
        enter integer NOT NULL, exit integer NOT NULL);
      CREATE INDEX ON \(s).organizations (enter);
      CREATE TABLE \(s).users (id text PRIMARY KEY, is_active boolean NOT NULL);
      CREATE TABLE \(s).states (name text PRIMARY KEY);
      CREATE TABLE \(s).actions (name text PRIMARY KEY);
      CREATE TABLE \(s).action_features (action text NOT NULL, feature text NOT NULL,
        PRIMARY KEY (action, feature));
      CREATE TABLE \(s).org_disabled_features (org text NOT NULL, feature text NOT NULL,
        PRIMARY KEY (org, feature));
      -- security_blocks: (organization, role, action) triples that the security checks
      -- (an IP allowlist, MFA enforcement for the role, a step-up permission) deny when a
      -- request carries no context, as the context-free `can` does.
      CREATE TABLE \(s).security_blocks (org text NOT NULL, role text NOT NULL,
        action text NOT NULL, PRIMARY KEY (org, role, action));
      -- memberships: `direct` is '' without direct grants, else the hex SHA-256 of the
      -- membership's direct grant list; (role, direct) is the membership's profile.
      CREATE TABLE \(s).memberships (user_id text NOT NULL, org text NOT NULL, role text NOT NULL,
        direct text NOT NULL, shops text[] NOT NULL, PRIMARY KEY (user_id, org));
      CREATE INDEX ON \(s).memberships (org);
      CREATE INDEX ON \(s).memberships (role, direct);
      -- permits: at which relation level (0 assigned, 1 shop, 2 org, 3 tree) and resource
      -- state each profile (a role with a set of direct grants) held by some membership
      -- has each action active. any_state: every state; else `state` names one, and NULL
      -- stands for a resource without a state or with a state no policy element names.
      CREATE TABLE \(s).permits (role text NOT NULL, direct text NOT NULL, action text NOT NULL,
        level smallint NOT NULL, any_state boolean NOT NULL, state text);
      CREATE INDEX ON \(s).permits (role, direct, action);
      -- snapshot: the version of the snapshot the tables hold; change scripts check it.
      CREATE TABLE \(s).snapshot (version bigint NOT NULL);
      CREATE TYPE \(s).pair AS (a text, b text);
      CREATE TYPE \(s).triple AS (a text, b text, c text);
      """)
  }

  /// `INSERT` statements for `rows`, in batches; `nil` is `NULL`.
  mutating func insert(_ table: String, _ columns: [String], _ rows: [SQLRow])
    throws(SQLError)
  {
    var start = 0
    while start < rows.count {
      let end = min(start + PostgresScript.batch, rows.count)
      line("INSERT INTO \(schema).\(table) (\(columns.joined(separator: ", "))) VALUES")
      for i in start..<end {
        var values: [String] = []
        for value in rows[i] {
          if let value {
            values.append(try PostgreSQL.literal(value))
          } else {
            values.append("NULL")
          }
        }
        line("  (" + values.joined(separator: ", ") + ")" + (i == end - 1 ? ";" : ","))
      }
      start = end
    }
  }

  /// The columns of `organizations`.
  static let organizationColumns = ["id", "parent", "is_live", "enter", "exit"]
  /// The columns of `memberships`.
  static let membershipColumns = ["user_id", "org", "role", "direct", "shops"]
  /// The columns of `permits`.
  static let permitColumns = ["role", "direct", "action", "level", "any_state", "state"]

  /// `values` in PostgreSQL's array input syntax, `{"a","b"}`, for a `text[]` column.
  static func array(_ values: [String]) throws(SQLError) -> String {
    var out = "{"
    for (i, value) in values.enumerated() {
      try PostgreSQL.checkBindable(value)
      if i > 0 { out += "," }
      out += "\"" + backslashing(value) + "\""
    }
    return out + "}"
  }

  /// `value` with a backslash before every backslash and double-quote byte, byte by byte (a quote
  /// followed by a combining mark is still a quote to PostgreSQL).
  private static func backslashing(_ value: String) -> String {
    let special = { (byte: UInt8) in byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") }
    guard value.utf8.contains(where: special) else { return value }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(value.utf8.count + 4)
    for byte in value.utf8 {
      if special(byte) { bytes.append(UInt8(ascii: "\\")) }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
