/// A role: grants of its own plus the grants of every role it inherits from.
public struct Role: Sendable, Hashable {
  /// The role's identifier (case-sensitive).
  public var id: RoleID
  /// A display name, for tools and documentation.
  public var name: String?
  /// The roles this role inherits from (any number; the graph must be acyclic).
  public var inherits: [RoleID]
  /// The role's own grants.
  public var grants: [Grant]
  /// A system role is immutable for administration operations.
  public var isSystem: Bool
  /// A soft-deleted role grants nothing and may not be inherited by a live role.
  public var isDeleted: Bool

  /// Creates a role.
  public init(
    _ id: RoleID,
    name: String? = nil,
    inherits: [RoleID] = [],
    grants: [Grant] = [],
    isSystem: Bool = false,
    isDeleted: Bool = false
  ) {
    self.id = id
    self.name = name
    self.inherits = inherits
    self.grants = grants
    self.isSystem = isSystem
    self.isDeleted = isDeleted
  }
}
