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
    /// The input passes one of the engine's limits (see ``PolicyLimits``); the message
    /// names the limit.
    public static let limitExceeded = Code(rawValue: "limitExceeded")
  }
}
