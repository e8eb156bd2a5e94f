/// Everything wrong with a policy, a directory or a document, each problem at its place.
///
/// The compiler reports every problem it finds, not just the first, in a deterministic
/// order (the order of the input). Nothing half-built is ever returned alongside it.
///
/// ```
/// roles[3].inherits[0]: unknown role "senior_buyer"
/// roles: inheritance cycle buyer -> senior_buyer -> buyer
/// ```
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The problems, in the order they were found.
  public var issues: [ValidationIssue]

  /// Creates an error from its problems.
  public init(_ issues: [ValidationIssue]) {
    self.issues = issues
  }

  /// One problem a line, each as `path: message`.
  public var description: String {
    issues.map(\.description).joined(separator: "\n")
  }
}

/// One problem in a policy, a directory or a document.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
  /// Where the problem is, as a path into the document: `roles[3].inherits[0]`.
  public var path: String
  /// What kind of problem it is.
  public var code: Code
  /// What is wrong, for a person.
  public var message: String

  /// Creates an issue.
  public init(path: String, code: Code, message: String) {
    self.path = path
    self.code = code
    self.message = message
  }

  /// `path: message`.
  public var description: String { path.isEmpty ? message : "\(path): \(message)" }

  /// The kind of a validation problem. New kinds may be added in later versions.
  public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The code's name.
    public var rawValue: String
    /// Creates a code from its name.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The code's name.
    public var description: String { rawValue }

    /// The document is not valid JSON or a field has the wrong type or is missing.
    public static let malformed = Code(rawValue: "malformed")
    /// A name or key is empty or not spelt as the format requires.
    public static let illFormed = Code(rawValue: "illFormed")
    /// Something is declared twice.
    public static let duplicate = Code(rawValue: "duplicate")
    /// A reference to something that is not declared.
    public static let unknownReference = Code(rawValue: "unknownReference")
    /// An inheritance, prerequisite or organization cycle.
    public static let cycle = Code(rawValue: "cycle")
    /// A permission pattern that matches no declared permission.
    public static let matchesNothing = Code(rawValue: "matchesNothing")
    /// A permission whose first segment is neither a declared child feature nor ungated.
    public static let ungatedFeature = Code(rawValue: "ungatedFeature")
    /// A workflow rule is broken (a state entered without a permission, say).
    public static let workflow = Code(rawValue: "workflow")
    /// A live role inherits from, or a reference names, a soft-deleted role.
    public static let deletedRole = Code(rawValue: "deletedRole")
  }
}

/// Collects validation issues while the compiler walks its input.
struct IssueCollector {
  var issues: [ValidationIssue] = []

  mutating func add(_ path: String, _ code: ValidationIssue.Code, _ message: String) {
    issues.append(ValidationIssue(path: path, code: code, message: message))
  }

  func throwIfAny() throws(ValidationError) {
    if !issues.isEmpty { throw ValidationError(issues) }
  }
}

/// Finds a cycle in a directed graph given as adjacency lists, in a deterministic order.
/// Returns each cycle found as the list of nodes on it, first node repeated at the end.
func findCycles(nodeCount: Int, edges: (Int) -> [Int]) -> [[Int]] {
  // 0 = unvisited, 1 = on the stack, 2 = done.
  var mark = [UInt8](repeating: 0, count: nodeCount)
  var cycles: [[Int]] = []
  var stack: [Int] = []
  var iterators: [Int] = []
  for start in 0..<nodeCount where mark[start] == 0 {
    stack = [start]
    iterators = [0]
    mark[start] = 1
    while let node = stack.last {
      let next = edges(node)
      let position = iterators[iterators.count - 1]
      if position < next.count {
        iterators[iterators.count - 1] += 1
        let target = next[position]
        if mark[target] == 0 {
          mark[target] = 1
          stack.append(target)
          iterators.append(0)
        } else if mark[target] == 1, let from = stack.firstIndex(of: target) {
          cycles.append(Array(stack[from...]) + [target])
        }
      } else {
        mark[node] = 2
        stack.removeLast()
        iterators.removeLast()
      }
    }
  }
  return cycles
}
