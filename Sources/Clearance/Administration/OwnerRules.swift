/// The owner rules: a named owner role, at least one active owner, protected owners with
/// a transfer flow, and deactivation of an organization by an owner only.
public struct OwnerRules: Sendable, Hashable {
  /// The owner role.
  public var role: RoleID
  /// When on, an organization that has an active owner (an active user holding the owner
  /// role) keeps at least one.
  public var atLeastOne: Bool
  /// When on, no one may deactivate, remove or change the role of an owner: ownership is
  /// transferred first.
  public var isProtected: Bool
  /// The role the old owner takes when transferring ownership; `nil` keeps them an owner.
  public var formerOwnerRole: RoleID?
  /// When on, only an owner (of the organization or an ancestor) may deactivate it.
  public var onlyOwnerDeactivatesOrg: Bool

  /// Creates the owner rules.
  public init(
    role: RoleID, atLeastOne: Bool = true, isProtected: Bool = false,
    formerOwnerRole: RoleID? = nil, onlyOwnerDeactivatesOrg: Bool = false
  ) {
    self.role = role
    self.atLeastOne = atLeastOne
    self.isProtected = isProtected
    self.formerOwnerRole = formerOwnerRole
    self.onlyOwnerDeactivatesOrg = onlyOwnerDeactivatesOrg
  }
}
