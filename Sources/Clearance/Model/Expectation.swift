/// The expected outcome of a ``DecisionCase``: `allow`, or a deny reason's name.
public enum Expectation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The request must be allowed.
  case allow
  /// The request must be denied for this reason.
  case deny(DenyReason)
  /// The request must be refused by the API key's rate limit (HTTP 429).
  case rateLimited

  /// `allow`, or the reason's name.
  public var description: String {
    switch self {
    case .allow: "allow"
    case .deny(let reason): reason.description
    case .rateLimited: "rateLimited"
    }
  }

  /// Decodes `"allow"` or a deny reason's name.
  public init(from decoder: any Decoder) throws {
    self = try decoder.decodeText(
      Expectation.init(name:),
      failure: {
        "unknown expectation \"\($0)\" (expected allow or a deny reason such as notPermitted)"
      })
  }

  /// The expectation named `text`: `allow`, `rateLimited` or a deny reason's name.
  private init?(name text: String) {
    if text == "allow" {
      self = .allow
    } else if text == "rateLimited" {
      self = .rateLimited
    } else if let reason = DenyReason(name: text) {
      self = .deny(reason)
    } else {
      return nil
    }
  }

  /// Encodes the expectation as its name.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeShorthand(description)
  }
}
