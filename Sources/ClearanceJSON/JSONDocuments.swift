import Clearance
import Foundation

/// Reads and writes Clearance's JSON documents: policies, directories and case files.
///
/// Reading is strict and reports problems as a ``ValidationError`` whose paths point into
/// the document (`roles[3].inherits[0]`). Writing is deterministic (sorted keys, stable
/// order), so load → write → load gives the same snapshot.
public enum JSONDocuments {
  /// Decodes a value from JSON data, turning decoding failures into path-named issues.
  ///
  /// - Parameter file: a name for the document, used as the path prefix of JSON syntax
  ///   errors.
  public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String = "")
    throws(ValidationError) -> T
  {
    do {
      return try JSONDecoder().decode(type, from: data)
    } catch let error as DecodingError {
      throw ValidationError([issue(for: error, file: file)])
    } catch {
      throw ValidationError([
        ValidationIssue(path: file, code: .malformed, message: "\(error)")
      ])
    }
  }

  /// Encodes a value as pretty-printed JSON with sorted keys.
  public static func encode<T: Encodable>(_ value: T) throws(ValidationError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      var data = try encoder.encode(value)
      data.append(0x0A)
      return data
    } catch {
      throw ValidationError([ValidationIssue(path: "", code: .malformed, message: "\(error)")])
    }
  }

  /// Reads and decodes a JSON file.
  public static func read<T: Decodable>(_ type: T.Type, at path: String) throws(ValidationError)
    -> T
  {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ValidationError([
        ValidationIssue(
          path: path, code: .malformed, message: "cannot read file: \(error.localizedDescription)")
      ])
    }
    return try decode(type, from: data, file: path)
  }

  /// Encodes a value and writes it to a file.
  public static func write<T: Encodable>(_ value: T, to path: String) throws(ValidationError) {
    let data = try encode(value)
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw ValidationError([
        ValidationIssue(
          path: path, code: .malformed, message: "cannot write file: \(error.localizedDescription)")
      ])
    }
  }

  static func issue(for error: DecodingError, file: String) -> ValidationIssue {
    switch error {
    case .keyNotFound(let key, let context):
      return ValidationIssue(
        path: path(context.codingPath), code: .malformed,
        message: "missing field \"\(key.stringValue)\"")
    case .typeMismatch(let type, let context):
      return ValidationIssue(
        path: path(context.codingPath), code: .malformed,
        message: "expected \(describe(type))")
    case .valueNotFound(let type, let context):
      return ValidationIssue(
        path: path(context.codingPath), code: .malformed,
        message: "expected \(describe(type)), found null")
    case .dataCorrupted(let context):
      var message = context.debugDescription
      if let underlying = context.underlyingError as NSError?,
        let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String
      {
        message += ": \(detail)"
      }
      let location = path(context.codingPath)
      return ValidationIssue(
        path: location.isEmpty ? file : location, code: .malformed, message: message)
    @unknown default:
      return ValidationIssue(path: file, code: .malformed, message: "\(error)")
    }
  }

  /// `roles[3].inherits[0]` from a coding path.
  static func path(_ codingPath: [any CodingKey]) -> String {
    var result = ""
    for key in codingPath {
      if let index = key.intValue {
        result += "[\(index)]"
      } else {
        result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
      }
    }
    return result
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Bool.Type: "a boolean"
    case is [Any].Type: "an array"
    case is [String: Any].Type: "an object"
    default:
      String(describing: type).hasPrefix("Array") ? "an array" : "\(type)"
    }
  }
}

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
    if FileManager.default.fileExists(atPath: casesPath) {
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
