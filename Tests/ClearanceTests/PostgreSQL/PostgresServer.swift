// A PostgreSQL server for the tests, reached through the `psql` client. Configured by:
// - CLEARANCE_POSTGRES_SOCKET: the folder of the server's unix socket (required);
// - CLEARANCE_POSTGRES_USER (default postgres), CLEARANCE_POSTGRES_DATABASE (default
//   postgres): a superuser and the database to work in.
// `.ci/postgres.sh start FOLDER` starts a private cluster and prints these settings.
// Unconfigured, the tests are skipped, except when CI=true: then they fail.

import Foundation
import Testing

struct PostgresServer: Sendable {
  let socket: String
  let user: String
  let database: String

  /// The configured server, or nil (having recorded a failure under CI) when none is.
  static func configured(sourceLocation: SourceLocation = #_sourceLocation) -> PostgresServer? {
    let environment = ProcessInfo.processInfo.environment
    guard let socket = environment["CLEARANCE_POSTGRES_SOCKET"], !socket.isEmpty else {
      if environment["CI"] == "true" {
        Issue.record(
          "CI=true but no PostgreSQL server is configured (set CLEARANCE_POSTGRES_SOCKET; .ci/postgres.sh starts one)",
          sourceLocation: sourceLocation)
      }
      return nil
    }
    return PostgresServer(
      socket: socket, user: environment["CLEARANCE_POSTGRES_USER"] ?? "postgres",
      database: environment["CLEARANCE_POSTGRES_DATABASE"] ?? "postgres")
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// Runs `script` through psql (stopping at the first error) and returns the output
  /// lines (unaligned, tuples only).
  func run(_ script: String) throws -> [String] {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("clearance-\(UUID().uuidString).sql")
    try script.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "psql", "-h", socket, "-U", user, "-d", database, "-X", "-q", "-A", "-t",
      "-v", "ON_ERROR_STOP=1", "-f", file.path,
    ]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(
        description: "psql failed (\(process.terminationStatus)): "
          + (String(data: errorData, encoding: .utf8) ?? "?"))
    }
    return (String(data: data, encoding: .utf8) ?? "").split(separator: "\n").map(String.init)
  }
}

/// `value` as a SQL string literal, or NULL.
func sqlLiteral(_ value: String?) -> String {
  guard let value else { return "NULL" }
  return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
}
