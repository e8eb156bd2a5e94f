/// One permission of the catalog, with the permissions it requires.
public struct PermissionDefinition: Sendable, Hashable {
  /// The permission's key.
  public var key: PermissionKey
  /// Permissions that must also be held at the same relation for this one to be active.
  public var requires: [PermissionKey]
  /// A human-readable description, for tools and documentation.
  public var description: String?

  /// Creates a permission definition.
  public init(_ key: PermissionKey, requires: [PermissionKey] = [], description: String? = nil) {
    self.key = key
    self.requires = requires
    self.description = description
  }
}
