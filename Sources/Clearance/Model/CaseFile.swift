/// The contents of a `cases.json` file.
public struct CaseFile: Sendable, Hashable, Codable {
  /// The cases, in file order.
  public var cases: [DecisionCase]

  /// Creates a case file.
  public init(cases: [DecisionCase]) { self.cases = cases }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case cases
  }

  /// Decodes a case file; unknown fields are errors.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(cases: try c.decode([DecisionCase].self, forKey: .cases))
  }
}
