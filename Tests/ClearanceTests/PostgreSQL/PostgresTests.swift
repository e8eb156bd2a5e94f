// The PostgreSQL export against a real server: on random corpora and on every fixture,
// rows visible through row-level security == rows matched by the rendered filter ==
// rows `can` allows, for every user and a sample of actions; and `clearance_can` ==
// `can` on every request of the corpus's request stream and every fixture case.

import Clearance
import ClearanceJSON
import ClearanceTestSupport
import Foundation
import Testing

/// Builds the psql script for one snapshot and checks its output.
struct PostgresAgreement {
  let snapshot: Snapshot
  let universe: Universe
  let actions: [String]
  let users: [UserID]
  /// Requests for `clearance_can`: user, action, resource.
  let requests: [(UserID, String, Resource)]
  /// A tag unique to this run, for schema and role names.
  let tag: String

  var schema: String { "s_\(tag)" }
  var host: String { "h_\(tag).resources" }
  var role: String { "r_\(tag)" }

  func script() throws -> String {
    var sql = try snapshot.postgresScript(schema: schema)
    sql += """
      DROP SCHEMA IF EXISTS h_\(tag) CASCADE;
      CREATE SCHEMA h_\(tag);
      CREATE TABLE \(host) (id integer PRIMARY KEY, org text, shop text, assignee text, state text);
      DROP ROLE IF EXISTS \(role);
      CREATE ROLE \(role);
      GRANT USAGE ON SCHEMA \(schema), h_\(tag) TO \(role);
      GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO \(role);
      GRANT SELECT ON \(host) TO \(role);

      """
    for (i, r) in universe.resources.enumerated() {
      sql += "INSERT INTO \(host) VALUES (\(i), \(sqlLiteral(r.org.rawValue)), "
      sql += "\(sqlLiteral(r.shop?.rawValue)), \(sqlLiteral(r.assignee?.rawValue)), "
      sql += "\(sqlLiteral(r.state?.rawValue)));\n"
    }
    for (a, action) in actions.enumerated() {
      sql += "DROP POLICY IF EXISTS clearance_select ON \(host);\n"
      sql += "SELECT 'x' FROM (SELECT \(schema).protect('\(host)', \(sqlLiteral(action)))) z;\n"
      for (u, user) in users.enumerated() {
        sql += try filterQuery(action: a, user: u)
        sql += "SET ROLE \(role);\nBEGIN;\n"
        sql += "SET LOCAL clearance.user_id = \(sqlLiteral(user.rawValue));\n"
        sql += "SELECT 'R|\(a)|\(u)|' || coalesce(string_agg(id::text, ',' ORDER BY id), '') "
        sql += "FROM \(host);\nCOMMIT;\nRESET ROLE;\n"
      }
    }
    sql += canQuery()
    sql += "DROP SCHEMA h_\(tag) CASCADE;\nDROP SCHEMA \(schema) CASCADE;\nDROP ROLE \(role);\n"
    return sql
  }

  /// The rendered filter, prepared with its placeholders and executed with the values.
  private func filterQuery(action a: Int, user u: Int) throws -> String {
    let filter = snapshot.filter(users[u], actions[a])
    let condition = try filter.sql(columns: SQLColumns(table: "t"))
    let types = condition.parameters.map { value -> String in
      if case .text = value { return "text" } else { return "text[]" }
    }
    let values = condition.parameters.map { value -> String in
      switch value {
      case .text(let text): return sqlLiteral(text)
      case .textArray(let texts):
        return "ARRAY[" + texts.map(sqlLiteral).joined(separator: ",") + "]::text[]"
      }
    }
    let name = "q_\(tag)_\(a)_\(u)"
    var sql = "PREPARE \(name)" + (types.isEmpty ? "" : "(\(types.joined(separator: ", ")))")
    sql += " AS SELECT 'F|\(a)|\(u)|' || coalesce(string_agg(id::text, ',' ORDER BY id), '') "
    sql += "FROM \(host) t WHERE \(condition.text);\n"
    sql += "EXECUTE \(name)" + (values.isEmpty ? "" : "(\(values.joined(separator: ", ")))") + ";\n"
    return sql + "DEALLOCATE \(name);\n"
  }

  /// One query deciding every request with `clearance_can`, answering a string of 0/1.
  private func canQuery() -> String {
    guard !requests.isEmpty else { return "" }
    var rows: [String] = []
    for (i, (user, action, r)) in requests.enumerated() {
      let fields = [
        user.rawValue, action, r.org.rawValue, r.shop?.rawValue, r.assignee?.rawValue,
        r.state?.rawValue,
      ]
      rows.append("(\(i), " + fields.map(sqlLiteral).joined(separator: ", ") + ")")
    }
    return """
      SELECT 'C|' || string_agg(CASE WHEN \(schema).clearance_can(u, a, o, s, g, st) THEN '1'
        ELSE '0' END, '' ORDER BY i)
      FROM (VALUES \(rows.joined(separator: ",\n"))) v(i, u, a, o, s, g, st);

      """
  }

  /// Runs the script and returns every disagreement (at most a few of each kind).
  func mismatches(on server: PostgresServer) throws -> [String] {
    let text = try script()
    if let dump = ProcessInfo.processInfo.environment["CLEARANCE_POSTGRES_DUMP"] {
      try text.write(toFile: dump + "/\(tag).sql", atomically: true, encoding: .utf8)
    }
    let lines = try server.run(text)
    var found: [String] = []
    var rls: [String: String] = [:]
    var rendered: [String: String] = [:]
    var decided = ""
    for line in lines {
      let parts = line.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
      guard let kind = parts.first else { continue }
      if kind == "C" && parts.count == 2 { decided = String(parts[1]) }
      guard parts.count == 4 else { continue }
      let key = "\(parts[1])|\(parts[2])"
      if kind == "R" { rls[key] = String(parts[3]) }
      if kind == "F" { rendered[key] = String(parts[3]) }
    }
    let resolved = universe.resources.map { snapshot.resolve($0) }
    for (a, action) in actions.enumerated() {
      let handle = snapshot.action(parsing: action)
      for (u, user) in users.enumerated() {
        let principal = snapshot.principal(user)
        let expected = resolved.indices.filter { i in
          snapshot.can(principal, handle, resolved[i]).isAllowed
        }.map(String.init).joined(separator: ",")
        let key = "\(a)|\(u)"
        if rls[key] != expected && found.count < 6 {
          found.append("RLS \(user) \(action): \(rls[key] ?? "no answer") != can \(expected)")
        }
        if rendered[key] != expected && found.count < 6 {
          found.append(
            "filter \(user) \(action): \(rendered[key] ?? "no answer") != can \(expected)")
        }
      }
    }
    let expected = requests.map { snapshot.can($0.0, $0.1, $0.2).isAllowed ? "1" : "0" }.joined()
    if decided != expected {
      let first = zip(decided, expected).enumerated().first { $0.element.0 != $0.element.1 }
      let index = first?.offset ?? 0
      found.append(
        "clearance_can disagrees with can on \(zip(decided, expected).filter { $0 != $1 }.count) "
          + "of \(requests.count) requests; first: \(requests.indices.contains(index) ? "\(requests[index])" : "?")"
      )
    }
    return found
  }
}

@Suite("PostgreSQL")
struct PostgresTests {
  @Test(arguments: FilterTests.seedBatches)
  func rowLevelSecurityFilterAndClearanceCanAgreeWithCanOnRandomCorpora(_ seeds: [UInt64]) throws {
    guard let server = PostgresServer.configured() else { return }
    for seed in seeds {
      var generator = CorpusGenerator(seed: seed)
      let corpus = generator.corpus()
      let snapshot = try Snapshot(
        policy: CompiledPolicy(corpus.policy), directory: corpus.directory)
      let universe = Universe(snapshot)
      var rng = SplitMix64(seed: seed ^ 0x9051)
      var stream = CorpusGenerator(seed: DifferentialConfig.requestSeed(seed))
      var requests: [(UserID, String, Resource)] = []
      for _ in 0..<600 {
        let probe = stream.probe(in: corpus)
        if probe.host == nil { requests.append((probe.user, probe.action, probe.resource)) }
      }
      let agreement = PostgresAgreement(
        snapshot: snapshot, universe: universe,
        actions: rng.sample(universe.actions, count: 5),
        users: corpus.directory.users.map(\.id) + ["ghost"], requests: requests,
        tag: "c\(seed)")
      let mismatches = try agreement.mismatches(on: server)
      #expect(
        mismatches.isEmpty,
        "seed \(seed) (CLEARANCE_DIFF_SEED=\(seed)): \(mismatches.joined(separator: "\n"))")
    }
  }

  @Test(arguments: ["example", "repairops", "garageos", "refritrak", "opsos"])
  func rowLevelSecurityFilterAndClearanceCanAgreeWithCanOnFixtures(_ name: String) throws {
    guard let server = PostgresServer.configured() else { return }
    let fixture = try loadFixture(named: name)
    let snapshot = fixture.snapshot
    let universe = Universe(snapshot)
    var rng = SplitMix64(seed: 0xF1C5)
    // Every universe request of a few users, and every case of the fixture.
    var requests = fixture.cases.map { ($0.user, $0.action.rawValue, $0.resource) }
    let sampleActions = rng.sample(universe.actions, count: 8)
    for user in snapshot.directory.users.prefix(2).map(\.id) {
      for action in sampleActions.prefix(2) {
        requests += universe.resources.map { (user, action, $0) }
      }
    }
    let agreement = PostgresAgreement(
      snapshot: snapshot, universe: universe, actions: sampleActions,
      users: snapshot.directory.users.map(\.id) + ["ghost"], requests: requests,
      tag: "fx_\(name)")
    let mismatches = try agreement.mismatches(on: server)
    #expect(mismatches.isEmpty, "\(name): \(mismatches.joined(separator: "\n"))")
  }
}
