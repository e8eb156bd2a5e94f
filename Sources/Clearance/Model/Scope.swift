/// How far a grant reaches, and how closely a membership relates to a resource.
///
/// Scopes are ordered `assigned < shop < org < tree`. A scope also measures how one
/// membership relates to one resource (docs/SEMANTICS.md section 3): a resource assigned
/// to the user relates at `assigned`, one in the membership's shops at `shop`, any other
/// resource of the membership's organization at `org`, and a resource of a
/// sub-organization at `tree`. A grant with scope `s` covers a resource whose relation to
/// the membership is `ρ` exactly when `ρ <= s`.
public enum Scope: Int, Comparable, CaseIterable, Codable, Sendable, CustomStringConvertible {
  /// Only resources assigned to the user.
  case assigned = 0
  /// Resources in the membership's shops (and those assigned to the user).
  case shop = 1
  /// Every resource of the membership's organization.
  case org = 2
  /// The organization and all of its sub-organizations.
  case tree = 3

  /// Orders scopes from narrowest to widest.
  public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The scope's name as written in policy files: `assigned`, `shop`, `org` or `tree`.
  public var description: String {
    switch self {
    case .assigned: "assigned"
    case .shop: "shop"
    case .org: "org"
    case .tree: "tree"
    }
  }

  /// Parses a scope name as written in policy files.
  public init?(name: String) {
    guard let scope = Scope.allCases.first(where: { $0.description == name }) else { return nil }
    self = scope
  }

  /// Decodes a scope from its name.
  public init(from decoder: any Decoder) throws {
    self = try decoder.decodeText(
      { Scope(name: $0) },
      failure: { "unknown scope \"\($0)\" (expected assigned, shop, org or tree)" })
  }

  /// Encodes a scope as its name.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeShorthand(description)
  }
}

/// The relation of one membership to one resource: the same four levels as ``Scope``.
@available(*, deprecated, renamed: "Scope", message: "a relation is a Scope; use Scope")
public typealias Relation = Scope
