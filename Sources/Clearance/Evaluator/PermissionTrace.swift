/// The trace of one permission for one membership.
public struct PermissionTrace: Sendable, Hashable {
  /// The permission.
  public let permission: PermissionKey
  /// Every grant of the membership whose pattern matches the permission.
  public let grants: [GrantMatch]
  /// Whether some grant covers the resource.
  public let isCovered: Bool
  /// Prerequisites (transitive) not covered at the relation: why a covered permission is
  /// inactive.
  public let missingPrerequisites: [PermissionKey]
  /// Covered, with every prerequisite covered too.
  public var isActive: Bool { isCovered && missingPrerequisites.isEmpty }
}
