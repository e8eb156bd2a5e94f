/// A string-backed name used as an identifier in a policy or a directory.
///
/// Every kind of name has its own type (``RoleID``, ``OrgID``, ``PermissionKey``, …) so that
/// arguments cannot be swapped by accident.
///
/// Names are bytes: two identifiers are equal only when their UTF-8 bytes are, and they
/// hash and order by those bytes. Swift's `String ==` treats canonically equivalent
/// spellings as equal (the Kelvin sign U+212A and `K`, `é` and `e` + U+0301), which would
/// let a look-alike id resolve to another user; identifiers never do.
public protocol StringIdentifier: RawRepresentable, Hashable, Comparable, Codable, Sendable,
  ExpressibleByStringLiteral, CustomStringConvertible
where RawValue == String {
  /// Creates the identifier from its string.
  init(_ rawValue: String)
}

extension StringIdentifier {
  /// Creates the identifier from its string.
  public init(rawValue: String) { self.init(rawValue) }

  /// Creates the identifier from a string literal.
  public init(stringLiteral value: String) { self.init(value) }

  /// The identifier's string.
  public var description: String { rawValue }

  /// Whether two identifiers have the same UTF-8 bytes.
  @inlinable
  public static func == (lhs: Self, rhs: Self) -> Bool {
    utf8Equal(lhs.rawValue, rhs.rawValue)
  }

  /// Hashes the identifier's UTF-8 bytes: their keyed 64-bit name hash (a few
  /// instructions per eight bytes) is what goes into the hasher, so a dictionary lookup
  /// costs one short hash rather than a byte-by-byte feed of the hasher.
  @inlinable
  public func hash(into hasher: inout Hasher) {
    hasher.combine(withUTF8Bytes(of: rawValue) { NameHash.hash($0, space: 0) })
  }

  /// Orders identifiers by their UTF-8 bytes (for ASCII, the usual string order).
  @inlinable
  public static func < (lhs: Self, rhs: Self) -> Bool {
    lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
  }

  /// Decodes the identifier from a JSON string.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    self.init(try container.decode(String.self))
  }

  /// Encodes the identifier as a JSON string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// The key of a permission: `feature::sub_feature::action`.
///
/// Each of the three segments matches `[a-z][a-z0-9_]*`. The compiler rejects any other
/// spelling, so a key that loads is always well formed.
public struct PermissionKey: StringIdentifier {
  /// The key's string, for example `jobs_core::jobs::transition`.
  public let rawValue: String
  /// Creates a key from its string; validity is checked when a policy is compiled.
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A permission pattern in a grant or an API-key scope.
///
/// A pattern is a ``PermissionKey`` in which any whole segment may be `*`; `*` alone
/// matches every permission. Patterns are expanded when the policy is compiled, and a
/// pattern that matches no declared permission is a compile error.
public struct PermissionPattern: StringIdentifier {
  /// The pattern's string, for example `tickets::*::read`.
  public let rawValue: String
  /// Creates a pattern from its string; validity is checked when a policy is compiled.
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The identifier of a role. Role identifiers are case-sensitive.
public struct RoleID: StringIdentifier {
  /// The role's identifier, for example `OWNER`.
  public let rawValue: String
  /// Creates a role identifier.
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The identifier of an organization (a tenant).
public struct OrgID: StringIdentifier {
  /// The organization's identifier.
  public let rawValue: String
  /// Creates an organization identifier.
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The identifier of a user.
public struct UserID: StringIdentifier {
  /// The user's identifier.
  public let rawValue: String
  /// Creates a user identifier.
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The identifier of a shop (a location within an organization).
public struct ShopID: StringIdentifier {
  /// The shop's identifier.
  public let rawValue: String
  /// Creates a shop identifier.
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The name of a state: a workflow state, or a state named in a grant's condition.
public struct StateName: StringIdentifier {
  /// The state's name, for example `QC_REVIEW`.
  public let rawValue: String
  /// Creates a state name.
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The identifier of a feature: a parent umbrella or a child module.
public struct FeatureID: StringIdentifier {
  /// The feature's identifier, for example `jobs_core`.
  public let rawValue: String
  /// Creates a feature identifier.
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The identifier of a subscription plan.
public struct PlanID: StringIdentifier {
  /// The plan's identifier, for example `starter`.
  public let rawValue: String
  /// Creates a plan identifier.
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The identifier of a workflow, for example `ticket`.
public struct WorkflowID: StringIdentifier {
  /// The workflow's identifier.
  public let rawValue: String
  /// Creates a workflow identifier.
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// An action as requests and case files write it: a permission key (`a::b::c`) or a
/// workflow transition (`workflow:TARGET`).
public struct ActionName: StringIdentifier {
  /// The action's text, for example `tickets::ticket::read` or `ticket:QC_REVIEW`.
  public let rawValue: String
  /// Creates an action name; it is looked up when a request is decided.
  public init(_ rawValue: String) { self.rawValue = rawValue }
}
