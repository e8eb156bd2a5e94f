import Clearance

/// A fixture folder: `policy.json`, `directory.json` and optionally `cases.json`.
public struct Fixture: Sendable {
  /// The folder it was loaded from.
  public let folder: String
  /// The compiled snapshot of its policy and directory.
  public let snapshot: Snapshot
  /// Its cases (empty when it has no `cases.json`).
  public let cases: [DecisionCase]

  /// Loads, validates and compiles a fixture folder.
  ///
  /// - Throws: ``ValidationError`` with every problem found. Paths are prefixed with the
  ///   file name (`policy.json: roles[2].inherits[0]: …`). Policy problems are reported
  ///   before the directory is looked at.
  public init(folder: String) throws(ValidationError) {
    self.folder = folder
    let policyPath = folder + "/policy.json"
    let directoryPath = folder + "/directory.json"
    let casesPath = folder + "/cases.json"
    var issues: [ValidationIssue] = []
    var policy: Policy?
    var directory: Directory?
    var cases: [DecisionCase] = []
    do {
      policy = try JSONDocuments.read(Policy.self, at: policyPath)
    } catch {
      issues += Fixture.prefixed(error, "policy.json")
    }
    do {
      directory = try JSONDocuments.read(Directory.self, at: directoryPath)
    } catch {
      issues += Fixture.prefixed(error, "directory.json")
    }
    if FileIO.exists(casesPath) {
      do {
        cases = try JSONDocuments.read(CaseFile.self, at: casesPath).cases
      } catch {
        issues += Fixture.prefixed(error, "cases.json")
      }
    }
    var compiled: CompiledPolicy?
    if let policy {
      do {
        compiled = try CompiledPolicy(policy)
      } catch {
        issues += Fixture.prefixed(error, "policy.json")
      }
    }
    var snapshot: Snapshot?
    if let compiled, let directory {
      do {
        snapshot = try Snapshot(policy: compiled, directory: directory)
      } catch {
        issues += Fixture.prefixed(error, "directory.json")
      }
    }
    guard issues.isEmpty, let snapshot else { throw ValidationError(issues) }
    self.snapshot = snapshot
    self.cases = cases
  }

  private static func prefixed(_ error: ValidationError, _ file: String) -> [ValidationIssue] {
    error.issues.map { issue in
      var copy = issue
      if copy.path.hasPrefix("/") {
        copy.path = file
      } else {
        copy.path = copy.path.isEmpty ? file : "\(file): \(copy.path)"
      }
      return copy
    }
  }

  /// Runs every case and returns those whose decision differs from the expectation.
  public func failingCases() -> [(decisionCase: DecisionCase, outcome: CaseOutcome)] {
    cases.compactMap { decisionCase in
      let outcome = decisionCase.run(on: snapshot)
      return decisionCase.isMet(by: outcome) ? nil : (decisionCase, outcome)
    }
  }
}
