/// What a name must be to serve as an identifier, and the check that every declared
/// identifier of a policy or directory passes.
///
/// An identifier is any non-empty string without leading or trailing white space and
/// without control or format characters (Unicode categories Cc and Cf: NUL, line breaks,
/// zero-width joiners, bidirectional overrides). Those are refused rather than trimmed or
/// normalised, because an id that looks like another must never be taken for it.
/// Everything else is allowed, and two ids are the same only when their UTF-8 bytes are.
public enum IdentifierRules {
  /// Why `name` cannot be an identifier, or nil when it can.
  public static func problem(with name: String) -> String? {
    if name.utf8.allSatisfy({ $0 < 0x80 }) { return asciiProblem(with: name.utf8) }
    let scalars = name.unicodeScalars
    guard let first = scalars.first, let last = scalars.last else { return "empty" }
    if first.properties.isWhitespace || last.properties.isWhitespace {
      return "leading or trailing white space"
    }
    for scalar in scalars {
      switch scalar.properties.generalCategory {
      case .control: return "control character U+\(hex(scalar))"
      case .format: return "format character U+\(hex(scalar))"
      default: continue
      }
    }
    return nil
  }

  /// The answer of ``problem(with:)`` for an all-ASCII name, without consulting the
  /// Unicode tables: in ASCII the white space is tab to carriage return and space, the
  /// control characters are those below space and DEL, and there is no format character.
  private static func asciiProblem(with bytes: String.UTF8View) -> String? {
    guard let first = bytes.first, let last = bytes.last else { return "empty" }
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
    if isSpace(first) || isSpace(last) { return "leading or trailing white space" }
    if let control = bytes.first(where: { $0 < 0x20 || $0 == 0x7F }) {
      return "control character U+\(hex(Unicode.Scalar(control)))"
    }
    return nil
  }

  /// A name as an error message shows it: quoted, with every scalar outside printable
  /// ASCII escaped as `\u{…}` so that look-alikes can be told apart.
  public static func quoted(_ name: String) -> String {
    var text = "\""
    for scalar in name.unicodeScalars {
      if scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" {
        text.unicodeScalars.append(scalar)
      } else {
        text += "\\u{\(hex(scalar))}"
      }
    }
    return text + "\""
  }

  private static func hex(_ scalar: Unicode.Scalar) -> String {
    let digits = String(scalar.value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  /// The message for an ill-formed `kind` named `name`, or nil when it is a valid
  /// identifier; emptiness is left to the caller, which reports it where it is declared.
  static func illFormed(_ name: String, _ kind: String) -> String? {
    guard !name.isEmpty, let problem = problem(with: name) else { return nil }
    return "ill-formed \(kind) \(quoted(name)): \(problem)"
  }

  /// Adds an issue at `path` when `name` is not empty (emptiness is reported where the
  /// name is declared) and is not a valid identifier. The path is only built for an issue.
  static func check(
    _ name: String, _ kind: String, at path: @autoclosure () -> String,
    into issues: inout IssueCollector
  ) {
    guard !name.isEmpty, let problem = problem(with: name) else { return }
    issues.add(path(), .illFormed, "ill-formed \(kind) \(quoted(name)): \(problem)")
  }
}

extension Policy {
  /// Checks every identifier the policy declares (features, plans, roles, workflows,
  /// states) against ``IdentifierRules``.
  func checkIdentifiers(into issues: inout IssueCollector) {
    for (i, parent) in features.enumerated() {
      IdentifierRules.check(
        parent.id.rawValue, "feature id", at: "features[\(i)].id", into: &issues)
      for (j, child) in parent.children.enumerated() {
        IdentifierRules.check(
          child.id.rawValue, "feature id", at: "features[\(i)].children[\(j)].id", into: &issues)
      }
    }
    for (i, plan) in plans.enumerated() {
      IdentifierRules.check(plan.id.rawValue, "plan id", at: "plans[\(i)].id", into: &issues)
    }
    for (i, role) in roles.enumerated() {
      IdentifierRules.check(role.id.rawValue, "role id", at: "roles[\(i)].id", into: &issues)
      for (j, grant) in role.grants.enumerated() {
        for (k, state) in (grant.states ?? []).enumerated() {
          IdentifierRules.check(
            state.rawValue, "state name", at: "roles[\(i)].grants[\(j)].states[\(k)]",
            into: &issues)
        }
      }
    }
    for (i, workflow) in workflows.enumerated() {
      let path = "workflows[\(i)]"
      IdentifierRules.check(workflow.id.rawValue, "workflow id", at: path + ".id", into: &issues)
      for (j, state) in workflow.states.enumerated() {
        IdentifierRules.check(
          state.name.rawValue, "state name", at: "\(path).states[\(j)].name", into: &issues)
      }
    }
  }
}
