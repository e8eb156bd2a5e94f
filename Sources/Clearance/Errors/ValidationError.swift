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
