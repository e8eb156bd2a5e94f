// Named factories for the problems every part of the library reports the same way, so
// that a message reads alike wherever it is found (`roles[2].inherits[0]: unknown role
// "TECH"`) and a call site says what went wrong rather than how the text is built.

extension ValidationIssue {
  /// A reference to something not declared: `unknown <kind> "<name>"`
  /// (``Code/unknownReference``).
  ///
  /// - Parameters:
  ///   - path: Where the reference is, such as `roles[3].inherits[0]`.
  ///   - kind: What was looked for, as a reader would say it: `role`, `organization`.
  ///   - name: The name that was not found.
  public static func unknownReference(
    path: String, kind: String, name: some CustomStringConvertible
  ) -> ValidationIssue {
    ValidationIssue(path: path, code: .unknownReference, message: "unknown \(kind) \"\(name)\"")
  }

  /// A reference to something not declared, described by `message`
  /// (``Code/unknownReference``).
  public static func unknownReference(path: String, message: String) -> ValidationIssue {
    ValidationIssue(path: path, code: .unknownReference, message: message)
  }

  /// Something declared twice: `duplicate <kind> "<name>"` (``Code/duplicate``).
  public static func duplicate(
    path: String, kind: String, name: some CustomStringConvertible
  ) -> ValidationIssue {
    ValidationIssue(path: path, code: .duplicate, message: "duplicate \(kind) \"\(name)\"")
  }

  /// A name or key not spelt as the format requires (``Code/illFormed``).
  public static func illFormed(path: String, message: String) -> ValidationIssue {
    ValidationIssue(path: path, code: .illFormed, message: message)
  }

  /// A document that cannot be read: not JSON, a field of the wrong type or missing, or a
  /// file that cannot be opened (``Code/malformed``).
  public static func malformed(path: String, message: String) -> ValidationIssue {
    ValidationIssue(path: path, code: .malformed, message: message)
  }

  /// An input past one of ``PolicyLimits``:
  /// `<what>: more than the limit of <limit> (PolicyLimits.<name>)`
  /// (``Code/limitExceeded``).
  ///
  /// - Parameters:
  ///   - what: What was counted, with its count: `"1000001 permissions"`.
  ///   - limit: The limit's value.
  ///   - name: The limit's name in ``PolicyLimits``, such as `permissions`.
  public static func limitExceeded(
    path: String, what: String, limit: Int, name: String
  ) -> ValidationIssue {
    ValidationIssue(
      path: path, code: .limitExceeded,
      message: "\(what): more than the limit of \(limit) (PolicyLimits.\(name))")
  }
}

extension ValidationError {
  /// An error of one problem: `throw ValidationError(.unknownReference(path: "org",
  /// kind: "organization", name: org))`.
  public init(_ issue: ValidationIssue) {
    self.init([issue])
  }
}
