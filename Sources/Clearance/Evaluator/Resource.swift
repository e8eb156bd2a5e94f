/// A resource as the host describes it, by names. Resolve it with
/// ``Snapshot/resolve(_:)`` to check it on the hot path.
public struct Resource: Sendable, Hashable {
  /// The organization the resource belongs to.
  public var org: OrgID
  /// The shop it belongs to, if any.
  public var shop: ShopID?
  /// The user it is assigned to, if any.
  public var assignee: UserID?
  /// Its current workflow state, if any.
  public var state: StateName?

  /// Creates a resource description.
  public init(org: OrgID, shop: ShopID? = nil, assignee: UserID? = nil, state: StateName? = nil) {
    self.org = org
    self.shop = shop
    self.assignee = assignee
    self.state = state
  }
}
