/// One expectation about an administration operation, as written in a fixture's
/// `admin-cases.json`: operations `given` first (each must be accepted), then `operation`,
/// expected to be accepted or rejected by a named rule, then decision cases checked on
/// the resulting snapshot (`then`, each with its request context when it has one). API
/// keys an operation creates are issued as ``Snapshot/applied(_:)`` issues them; a case
/// that presents a key's secret afterwards gives the key's `keyId` and `digest` itself.
public struct AdministrationCase: Sendable, Hashable {
  /// A sentence saying what is checked.
  public var name: String
  /// Operations applied first, in order; each must be accepted.
  public var given: [AdministrationOperation]
  /// The operation under test.
  public var operation: AdministrationOperation
  /// Accepted, or rejected by a rule.
  public var expect: AdministrationExpectation
  /// Decisions checked afterwards: on the new snapshot when accepted, on the unchanged
  /// one when rejected.
  public var then: [DecisionCase]
  /// Where the expectation comes from (the product's wording).
  public var note: String?

  /// Creates a case.
  public init(
    name: String, given: [AdministrationOperation] = [], operation: AdministrationOperation,
    expect: AdministrationExpectation, then: [DecisionCase] = [], note: String? = nil
  ) {
    self.name = name
    self.given = given
    self.operation = operation
    self.expect = expect
    self.then = then
    self.note = note
  }

  /// Runs the case on `snapshot` and returns what went differently from the expectation;
  /// empty when the case passes.
  public func failures(on snapshot: Snapshot) -> [String] {
    var current = snapshot
    for (i, operation) in given.enumerated() {
      do {
        current = try current.applied(operation).snapshot
      } catch {
        return ["given[\(i)] was rejected: \(error)"]
      }
    }
    var failures: [String] = []
    do {
      let next = try current.applied(operation).snapshot
      if expect != .accepted { failures.append("expected \(expect), got accepted") }
      current = next
    } catch {
      if expect != .rejected(error.rule) {
        failures.append("expected \(expect), got rejected: \(error)")
      }
    }
    for check in then {
      let outcome = check.run(on: current)
      if !check.isMet(by: outcome) {
        failures.append("then \"\(check.name)\": expected \(check.expect), got \(outcome)")
      }
    }
    return failures
  }
}

/// What an administration case expects: `accepted`, or the identifier of the rule that
/// rejects the operation.
public enum AdministrationExpectation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The operation is accepted.
  case accepted
  /// The operation is rejected by this rule.
  case rejected(AdministrationRule)

  /// `accepted`, or the rule's identifier.
  public var description: String {
    switch self {
    case .accepted: "accepted"
    case .rejected(let rule): rule.rawValue
    }
  }

  /// Decodes `"accepted"` or a rule identifier such as `"notAssignable"`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    if text == "accepted" {
      self = .accepted
    } else if let rule = AdministrationRule(rawValue: text) {
      self = .rejected(rule)
    } else {
      let rules = AdministrationRule.allCases.map(\.rawValue).joined(separator: ", ")
      throw DecodingError.dataCorruptedError(
        in: container,
        debugDescription: "unknown expectation \"\(text)\" (expected accepted or one of: \(rules))")
    }
  }

  /// Encodes the expectation as its string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

extension AdministrationCase: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case name, given, operation, expect, then, note
  }

  /// Decodes a case; unknown fields are errors.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      name: try c.decode(String.self, forKey: .name),
      given: try c.decode(.given, default: []),
      operation: try c.decode(AdministrationOperation.self, forKey: .operation),
      expect: try c.decode(AdministrationExpectation.self, forKey: .expect),
      then: try c.decode(.then, default: []),
      note: try c.decodeIfPresent(String.self, forKey: .note))
  }

  /// Encodes a case.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(nonEmpty: given, forKey: .given)
    try c.encode(operation, forKey: .operation)
    try c.encode(expect, forKey: .expect)
    try c.encode(nonEmpty: then, forKey: .then)
    try c.encodeIfPresent(note, forKey: .note)
  }
}

/// The contents of an `admin-cases.json` file.
public struct AdministrationCaseFile: Sendable, Hashable, Codable {
  /// The cases, in file order.
  public var cases: [AdministrationCase]

  /// Creates a case file.
  public init(cases: [AdministrationCase]) { self.cases = cases }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case cases
  }

  /// Decodes `{"cases": […]}`; unknown fields are errors.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(cases: try c.decode([AdministrationCase].self, forKey: .cases))
  }
}
