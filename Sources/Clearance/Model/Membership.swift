/// A membership: one user in one organization, with exactly one role.
public struct Membership: Sendable, Hashable {
  /// The member.
  public var user: UserID
  /// The organization.
  public var org: OrgID
  /// The member's role in the organization.
  public var role: RoleID
  /// The shops of the organization the member works in (for `shop`-scoped grants).
  public var shops: [ShopID]
  /// Direct grants, on top of the role. They survive a role change.
  public var grants: [Grant]

  /// Creates a membership.
  public init(
    user: UserID,
    org: OrgID,
    role: RoleID,
    shops: [ShopID] = [],
    grants: [Grant] = []
  ) {
    self.user = user
    self.org = org
    self.role = role
    self.shops = shops
    self.grants = grants
  }
}
