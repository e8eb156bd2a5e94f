import Clearance
import ClearanceJSON
import ClearanceTestSupport
import Foundation
import Testing

/// Bad input never crashes and never half-loads: seeded mutations of the fixtures' JSON
/// either load whole or are rejected with issues that name a place.
@Suite("Semantics 10 — malformed input")
struct MalformedInputTests {
  /// Replacements that keep the text JSON-shaped but change what it says.
  static let tokens = [
    "\"\"", "\"*\"", "\"::\"", "\"a::b\"", "\"OWNER\"", "\"tree\"", "\"galaxy\"", "null", "true",
    "[]", "{}", "0", "-1", "\"x::y::z\"", "\"INTAKE\"", "\"\\u0000\"", "\"Ünïcödé\"",
  ]

  /// Mutates one JSON document: swaps a string or literal for another token, drops a
  /// character, or duplicates a span.
  static func mutate(_ text: String, _ random: inout SplitMix64) -> String {
    var bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return text }
    let position = random.below(bytes.count)
    switch random.below(3) {
    case 0:
      // Replace the string literal (or word) at `position` with a token.
      var start = position
      while start > 0 && bytes[start] != UInt8(ascii: "\"") { start -= 1 }
      var end = start + 1
      while end < bytes.count && bytes[end] != UInt8(ascii: "\"") { end += 1 }
      let token = Array(tokens[random.below(tokens.count)].utf8)
      bytes.replaceSubrange(start..<min(end + 1, bytes.count), with: token)
    case 1:
      bytes.remove(at: position)
    default:
      let length = min(1 + random.below(40), bytes.count - position)
      bytes.insert(contentsOf: bytes[position..<position + length], at: position)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test(arguments: ["example", "repairops", "garageos", "refritrak", "opsos"])
  func mutatedFixturesLoadWholeOrNameTheirErrors(_ name: String) throws {
    let folder = packageRoot.appendingPathComponent("Fixtures/\(name)")
    let policyText = try String(
      contentsOf: folder.appendingPathComponent("policy.json"), encoding: .utf8)
    let directoryText = try String(
      contentsOf: folder.appendingPathComponent("directory.json"), encoding: .utf8)
    var random = SplitMix64(seed: UInt64(name.utf8.count) &* 7_919)
    var rejected = 0
    for _ in 0..<150 {
      var policyMutated = policyText
      var directoryMutated = directoryText
      for _ in 0...random.below(3) {
        if random.below(2) == 0 {
          policyMutated = Self.mutate(policyMutated, &random)
        } else {
          directoryMutated = Self.mutate(directoryMutated, &random)
        }
      }
      do {
        let policy = try JSONDocuments.decode(Policy.self, from: Data(policyMutated.utf8))
        let directory = try JSONDocuments.decode(Directory.self, from: Data(directoryMutated.utf8))
        let snapshot = try Snapshot(policy: CompiledPolicy(policy), directory: directory)
        // Whatever loaded decides without crashing, on known and unknown names alike.
        for user in directory.users.prefix(3).map(\.id) + ["nobody"] {
          for key in policy.permissions.prefix(3).map(\.key.rawValue) + ["x::y::z"] {
            _ = snapshot.explain(
              user, ActionName(key), Resource(org: directory.organizations.first?.id ?? "none"))
          }
        }
      } catch {
        rejected += 1
        #expect(!error.issues.isEmpty)
        #expect(error.issues.allSatisfy { !$0.message.isEmpty })
      }
    }
    // The mutations are meant to break things: most must be caught.
    #expect(rejected > 50)
  }
}
