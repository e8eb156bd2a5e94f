/// A grant that matched a permission, with its source and whether it covers the resource.
public struct GrantMatch: Sendable, Hashable {
  /// Where the grant comes from.
  public let source: PermissionSource
  /// The grant as written in the policy or directory.
  public let grant: Grant
  /// Whether the grant covers the resource (its scope reaches the relation and its state
  /// condition, if any, holds).
  public let covers: Bool
}
