import Clearance

/// One problem found while decoding, with its place as a coding path.
struct DecodeIssue: Sendable {
  var path: [any CodingKey]
  var code: ValidationIssue.Code
  var message: String
}

/// Every problem found while decoding a value, its parts included. Thrown instead of the
/// first `DecodingError` so a document's problems are all reported together.
struct DecodeFailures: Error {
  var issues: [DecodeIssue]

  /// The problems an error thrown while decoding the value at `node` stands for.
  static func issues(from error: any Error, in tape: JSONTape, at node: Int) -> [DecodeIssue] {
    switch error {
    case let failures as DecodeFailures: return failures.issues
    case is AlreadyReported: return []
    case let error as DecodingError: return [issue(for: error, in: tape)]
    case let error as ValidationError:
      let path = tape.codingPath(of: node)
      return error.issues.map { DecodeIssue(path: path, code: $0.code, message: $0.message) }
    default:
      return [DecodeIssue(path: tape.codingPath(of: node), code: .malformed, message: "\(error)")]
    }
  }

  static func issue(for error: DecodingError, in tape: JSONTape) -> DecodeIssue {
    switch error {
    case .keyNotFound(let key, let context):
      return DecodeIssue(
        path: context.codingPath, code: .malformed,
        message: "missing field \"\(key.stringValue)\"")
    case .typeMismatch(let type, let context):
      return DecodeIssue(
        path: context.codingPath, code: .malformed, message: "expected \(describe(type))")
    case .valueNotFound(let type, let context):
      return DecodeIssue(
        path: context.codingPath, code: .malformed,
        message: "expected \(describe(type)), found null")
    case .dataCorrupted(let context):
      return DecodeIssue(
        path: context.codingPath, code: .malformed, message: context.debugDescription)
    @unknown default:
      return DecodeIssue(path: [], code: .malformed, message: "\(error)")
    }
  }

  /// "a string", "an array", … for a type named in a mismatch.
  static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Bool.Type: "a boolean"
    case is Double.Type, is Float.Type: "a number"
    case is any FixedWidthInteger.Type: "an integer"
    case is [Any].Type: "an array"
    case is [String: Any].Type: "an object"
    default:
      String(describing: type).hasPrefix("Array") ? "an array" : "\(type)"
    }
  }
}

/// Thrown for a key or element whose problem was already reported; adds no issue.
struct AlreadyReported: Error {}

/// A key of a coding path built from the document.
struct PathKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(stringValue: String) { self.stringValue = stringValue }
  init(intValue: Int) {
    self.stringValue = "Index \(intValue)"
    self.intValue = intValue
  }
}

extension JSONTape {
  /// The coding path of a node, rebuilt from the parent links.
  func codingPath(of index: Int) -> [any CodingKey] {
    var path: [any CodingKey] = []
    var child = index
    while child < nodes.count, nodes[child].parent != JSONNode.noParent {
      let parent = Int(nodes[child].parent)
      if nodes[parent].kind == .object {
        path.append(PathKey(stringValue: string(child - 1)))
      } else {
        path.append(PathKey(intValue: Int(nodes[child].position)))
      }
      child = parent
    }
    return path.reversed()
  }

  /// How many containers enclose a node.
  func depth(of index: Int) -> Int {
    var depth = 0
    var child = index
    while child < nodes.count, nodes[child].parent != JSONNode.noParent {
      child = Int(nodes[child].parent)
      depth += 1
    }
    return depth
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
}
