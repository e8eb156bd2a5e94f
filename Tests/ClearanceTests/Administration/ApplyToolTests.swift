// `clearance apply` with an API-key operation: the secret is printed once, after its
// `accepted` line, and the written directory holds only its digest.

import Foundation
import Testing

extension ToolTests {
  @Test func applyPrintsAnIssuedSecretOnceAndWritesOnlyItsDigest() throws {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("clearance-apply-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let operations = scratch.appendingPathComponent("ops.json")
    try Data(
      """
      [{"op": "createAPIKey", "actor": "olivia", "user": "olivia", "org": "fixit",
        "scope": "read", "expiry": "90d", "created": "2026-03-01T00:00:00Z"},
       {"op": "setAllowlist", "actor": "olivia", "org": "fixit",
        "entries": ["10.0.0.0/8", "10.0.0.300"]}]
      """.utf8
    ).write(to: operations)
    let out = scratch.appendingPathComponent("out")
    let repairops = packageRoot.appendingPathComponent("Fixtures/repairops").path
    let result = try run(["apply", repairops, operations.path, "--write", out.path])
    let lines = result.out.split(separator: "\n").map(String.init)
    #expect(result.status == 1)
    try #require(lines.count == 3, "\(result.out)")
    #expect(lines[0] == "accepted")
    #expect(lines[1].hasPrefix("  issued API key "))
    #expect(lines[2] == "rejected: invalid: entries[1]: \"10.0.0.300\": not an IP address")
    let secret = try #require(lines[1].split(separator: " ").last.map(String.init))
    #expect(secret.hasPrefix("clr_") && secret.utf8.count == 85)
    let directory = try String(
      contentsOf: out.appendingPathComponent("directory.json"), encoding: .utf8)
    #expect(!directory.contains(secret))
    #expect(directory.contains(secret.split(separator: "_")[1]))
  }
}
