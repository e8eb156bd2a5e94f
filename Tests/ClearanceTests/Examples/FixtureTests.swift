import Clearance
import ClearanceJSON
import Foundation
import Testing

/// The root of the package, found from this file's path
/// (`Tests/ClearanceTests/Examples/FixtureTests.swift`).
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// Every fixture folder under `Fixtures/`, by name.
func fixtureNames() -> [String] {
  let folder = packageRoot.appendingPathComponent("Fixtures")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
  return names.filter { name in
    FileManager.default.fileExists(
      atPath: folder.appendingPathComponent(name + "/policy.json").path)
  }.sorted()
}

@Suite("Fixtures")
struct FixtureTests {
  @Test func theReferenceSystemsAreAllPresent() {
    let names = fixtureNames()
    for system in ["example", "repairops", "garageos", "refritrak", "opsos"] {
      #expect(names.contains(system), "Fixtures/\(system) is missing")
    }
  }

  @Test(arguments: fixtureNames())
  func everyCaseOfTheFixtureHoldsAndExplainAgrees(_ name: String) throws {
    let fixture = try Fixture(folder: packageRoot.appendingPathComponent("Fixtures/\(name)").path)
    #expect(!fixture.cases.isEmpty)
    for decisionCase in fixture.cases {
      let outcome = decisionCase.run(on: fixture.snapshot)
      #expect(
        decisionCase.isMet(by: outcome),
        "\(name): \(decisionCase.name): expected \(decisionCase.expect), got \(outcome)")
      guard decisionCase.repeatCount == 1 else { continue }
      let explanation =
        decisionCase.context.map {
          fixture.snapshot.explain(
            decisionCase.user, decisionCase.action, decisionCase.resource, context: $0)
        }
        ?? fixture.snapshot.explain(decisionCase.user, decisionCase.action, decisionCase.resource)
      #expect(
        .decided(explanation.decision) == outcome,
        "\(name): \(decisionCase.name): explain disagrees")
    }
  }

  @Test(arguments: fixtureNames())
  func loadWriteLoadGivesTheSameSnapshot(_ name: String) throws {
    let fixture = try Fixture(folder: packageRoot.appendingPathComponent("Fixtures/\(name)").path)
    let snapshot = fixture.snapshot
    let policyData = try JSONDocuments.encode(snapshot.currentPolicy)
    let directoryData = try JSONDocuments.encode(snapshot.directory)
    let policy = try JSONDocuments.decode(Policy.self, from: policyData)
    let directory = try JSONDocuments.decode(Directory.self, from: directoryData)
    #expect(policy == snapshot.currentPolicy)
    #expect(directory == snapshot.directory)
    // Writing is deterministic: the same bytes twice.
    #expect(try JSONDocuments.encode(policy) == policyData)
    #expect(try JSONDocuments.encode(directory) == directoryData)
    let reloaded = try Snapshot(policy: CompiledPolicy(policy), directory: directory)
    for decisionCase in fixture.cases {
      #expect(decisionCase.run(on: reloaded) == decisionCase.run(on: snapshot))
    }
  }
}
