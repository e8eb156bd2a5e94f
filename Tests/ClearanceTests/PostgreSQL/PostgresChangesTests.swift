// Change scripts against a real server: export a snapshot, apply random operation
// sequences, run each accepted operation's `postgresChanges` on the exported schema, and
// after every step check that every table equals a fresh export of the new snapshot and
// that `clearance_can` agrees with the new snapshot's `can` on sampled requests.

import Clearance
import ClearanceJSON
import ClearanceTestSupport
import Foundation
import Testing

/// One random sequence against one database: the psql script and its check.
struct PostgresChangeRun {
  static let tables = [
    "snapshot", "organizations", "users", "states", "actions", "action_features",
    "org_disabled_features", "security_blocks", "memberships", "permits",
  ]

  let seed: UInt64
  let start: Snapshot
  let steps: Int
  let tag: String

  var live: String { "l_\(tag)" }
  var fresh: String { "f_\(tag)" }

  /// Applies `steps` random operations; returns the script, the expected `clearance_can`
  /// answers per step, and how many operations were accepted.
  func script() throws -> (sql: String, expected: [Int: String], accepted: Int) {
    var generator = OperationGenerator(seed: seed)
    var snapshot = start
    var sql = try snapshot.postgresScript(schema: live)
    var expected: [Int: String] = [:]
    var accepted = 0
    var probes = CorpusGenerator(seed: seed ^ 0xC4A7)
    for step in 0..<steps {
      var operation = generator.operation(on: snapshot)
      if step % 5 == 0 { operation = Self.batch(&generator, on: snapshot) ?? operation }
      guard let next = try? snapshot.applying(operation) else { continue }
      accepted += 1
      sql += "SELECT 'S|\(step)|\(operation.kind)';\n"
      sql += try snapshot.postgresChanges(to: next, by: operation, schema: live)
      snapshot = next
      sql += try snapshot.postgresScript(schema: fresh)
      for table in Self.tables {
        let a = "\(live).\(table)"
        let b = "\(fresh).\(table)"
        sql += "SELECT 'T|\(step)|\(table)|' || (SELECT count(*) FROM ((TABLE \(a) EXCEPT ALL "
        sql += "TABLE \(b)) UNION ALL (TABLE \(b) EXCEPT ALL TABLE \(a))) d);\n"
      }
      let corpus = Corpus(policy: snapshot.currentPolicy, directory: snapshot.directory)
      var rows: [String] = []
      var answers = ""
      for _ in 0..<40 {
        let probe = probes.probe(in: corpus)
        guard probe.host == nil else { continue }
        let r = probe.resource
        let fields = [
          probe.user.rawValue, probe.action, r.org.rawValue, r.shop?.rawValue,
          r.assignee?.rawValue, r.state?.rawValue,
        ]
        rows.append("(\(rows.count), " + fields.map(sqlLiteral).joined(separator: ", ") + ")")
        answers += snapshot.can(probe.user, ActionName(probe.action), r).isAllowed ? "1" : "0"
      }
      expected[step] = answers
      if !rows.isEmpty {
        sql += "SELECT 'C|\(step)|' || string_agg(CASE WHEN \(live).clearance_can(u, a, o, s, g, "
        sql += "st) THEN '1' ELSE '0' END, '' ORDER BY i) FROM (VALUES "
        sql += rows.joined(separator: ",\n") + ") v(i, u, a, o, s, g, st);\n"
      }
    }
    sql += "DROP SCHEMA IF EXISTS \(live) CASCADE;\nDROP SCHEMA IF EXISTS \(fresh) CASCADE;\n"
    return (sql, expected, accepted)
  }

  /// Often a batch of two operations that are accepted one after the other (random
  /// batches are mostly refused whole).
  static func batch(_ generator: inout OperationGenerator, on snapshot: Snapshot)
    -> AdministrationOperation?
  {
    for _ in 0..<20 {
      let first = generator.operation(on: snapshot, allowBatch: false)
      guard let middle = try? snapshot.applying(first) else { continue }
      let second = generator.operation(on: middle, allowBatch: false)
      guard (try? middle.applying(second)) != nil else { continue }
      return AdministrationOperation(actor: first.actor, .batch([first, second]))
    }
    return nil
  }

  /// Runs the sequence; every disagreement (at most a few), and the operations accepted.
  func mismatches(on server: PostgresServer) throws -> (found: [String], accepted: Int) {
    let (sql, expected, accepted) = try script()
    if let dump = ProcessInfo.processInfo.environment["CLEARANCE_POSTGRES_DUMP"] {
      try sql.write(toFile: dump + "/\(tag).sql", atomically: true, encoding: .utf8)
    }
    var found: [String] = []
    var kind = ""
    for line in try server.run(sql) where found.count < 6 {
      let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
      if parts.first == "S", parts.count == 3 { kind = parts[2] }
      if parts.first == "T", parts.count == 4, parts[3] != "0" {
        found.append("step \(parts[1]) (\(kind)): \(parts[2]) differs in \(parts[3]) rows")
      }
      if parts.first == "C", parts.count == 3, let step = Int(parts[1]),
        expected[step] != parts[2]
      {
        found.append(
          "step \(step) (\(kind)): clearance_can \(parts[2]) != can \(expected[step] ?? "")")
      }
    }
    return (found, accepted)
  }
}

@Suite("PostgreSQL changes")
struct PostgresChangesTests {
  @Test(arguments: [
    [UInt64(9_100_001), 9_100_003, 9_100_005, 9_100_007],
    [9_100_002, 9_100_004, 9_100_006, 9_100_008],
  ])
  func changeScriptsKeepTheDatabaseEqualToAFreshExportOnRandomSequences(_ seeds: [UInt64])
    throws
  {
    guard let server = PostgresServer.configured() else { return }
    for seed in seeds {
      var generator = OperationGenerator(seed: seed)
      let corpus = generator.start()
      let start = try Snapshot(policy: CompiledPolicy(corpus.policy), directory: corpus.directory)
      let run = PostgresChangeRun(seed: seed, start: start, steps: 100, tag: "ch\(seed)")
      let (found, accepted) = try run.mismatches(on: server)
      #expect(found.isEmpty, "seed \(seed): \(found.joined(separator: "\n"))")
      #expect(accepted > 0, "seed \(seed): no operation was accepted")
    }
  }

  @Test(arguments: ["repairops", "garageos", "refritrak", "opsos"])
  func changeScriptsKeepTheDatabaseEqualToAFreshExportOnFixtures(_ name: String) throws {
    guard let server = PostgresServer.configured() else { return }
    let fixture = try loadFixture(named: name)
    let run = PostgresChangeRun(
      seed: 0xF1C5 ^ UInt64(name.utf8.count), start: fixture.snapshot, steps: 100,
      tag: "chfx_\(name)")
    let (found, accepted) = try run.mismatches(on: server)
    #expect(found.isEmpty, "\(name): \(found.joined(separator: "\n"))")
    #expect(accepted > 0, "\(name): no operation was accepted")
  }

  @Test func aChangeScriptRefusesADatabaseAtAnotherVersion() throws {
    guard let server = PostgresServer.configured() else { return }
    let fixture = try loadFixture(named: "repairops")
    let snapshot = fixture.snapshot
    var generator = OperationGenerator(seed: 77)
    var operation = generator.operation(on: snapshot)
    var next = try? snapshot.applying(operation)
    for _ in 0..<200 where next == nil {
      operation = generator.operation(on: snapshot)
      next = try? snapshot.applying(operation)
    }
    let applied = try #require(next)
    let changes = try snapshot.postgresChanges(to: applied, by: operation, schema: "v_refuse")
    var sql = try snapshot.postgresScript(schema: "v_refuse") + changes
    sql += "SELECT 'V|' || version FROM v_refuse.snapshot;\n"
    #expect(try server.run(sql).contains("V|\(applied.version)"))
    // The same script again: the database is no longer at the old version.
    #expect(throws: PostgresServer.Failure.self) { try server.run(changes) }
    _ = try server.run("DROP SCHEMA v_refuse CASCADE;")
    #expect(throws: SQLError.self) {
      try applied.postgresChanges(to: snapshot, by: operation, schema: "v_refuse")
    }
  }

  @Test func hostileNamesAreQuotedAndTheScriptIsDeterministic() throws {
    let snapshot = try loadFixture(named: "repairops").snapshot
    let hostile = UserID("o'brien\"$$; DROP TABLE x; --")
    let operation = AdministrationOperation(
      actor: "olivia", .invite(user: hostile, org: "fixit", role: "TECH", shops: ["downtown"]))
    let next = try snapshot.applying(operation)
    let sql = try snapshot.postgresChanges(to: next, by: operation, schema: "h_quote")
    #expect(sql.contains("'o''brien\"$$; DROP TABLE x; --'"))
    #expect(try snapshot.postgresChanges(to: next, by: operation, schema: "h_quote") == sql)
    guard let server = PostgresServer.configured() else { return }
    var script = try snapshot.postgresScript(schema: "h_quote") + sql
    script += try next.postgresScript(schema: "h_fresh")
    for table in PostgresChangeRun.tables {
      script += "SELECT 'T|\(table)|' || (SELECT count(*) FROM ((TABLE h_quote.\(table) EXCEPT ALL "
      script += "TABLE h_fresh.\(table)) UNION ALL (TABLE h_fresh.\(table) EXCEPT ALL "
      script += "TABLE h_quote.\(table))) d);\n"
    }
    script += "SELECT 'M|' || count(*) FROM h_quote.memberships WHERE user_id = "
    script += sqlLiteral(hostile.rawValue) + ";\n"
    script += "DROP SCHEMA h_quote CASCADE;\nDROP SCHEMA h_fresh CASCADE;\n"
    let lines = try server.run(script)
    #expect(lines.filter { $0.hasPrefix("T|") && !$0.hasSuffix("|0") }.isEmpty, "\(lines)")
    #expect(lines.contains("M|1"))
  }

  @Test func aWholeDiffBringsAnyTwoSnapshotsInStep() throws {
    guard let server = PostgresServer.configured() else { return }
    let before = try loadFixture(named: "repairops").snapshot
    let after = try loadFixture(named: "garageos").snapshot
    var sql = try before.postgresScript(schema: "w_live")
    sql += try before.postgresChanges(to: after, schema: "w_live")
    sql += try after.postgresScript(schema: "w_fresh")
    for table in PostgresChangeRun.tables {
      sql += "SELECT 'T|\(table)|' || (SELECT count(*) FROM ((TABLE w_live.\(table) EXCEPT ALL "
      sql += "TABLE w_fresh.\(table)) UNION ALL (TABLE w_fresh.\(table) EXCEPT ALL "
      sql += "TABLE w_live.\(table))) d);\n"
    }
    sql += "DROP SCHEMA w_live CASCADE;\nDROP SCHEMA w_fresh CASCADE;\n"
    let differing = try server.run(sql).filter { $0.hasPrefix("T|") && !$0.hasSuffix("|0") }
    #expect(differing.isEmpty, "\(differing)")
  }
}
