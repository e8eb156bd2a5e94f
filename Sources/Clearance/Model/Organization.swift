/// An organization: a tenant, possibly a sub-organization of another.
public struct Organization: Sendable, Hashable {
  /// The organization's identifier.
  public var id: OrgID
  /// The parent organization, for a sub-organization.
  public var parent: OrgID?
  /// The subscription plan; when unset, the nearest ancestor's plan applies.
  public var plan: PlanID?
  /// Per-tenant feature switches, overriding the plan for this organization and its
  /// descendants (the nearest override wins).
  public var featureOverrides: [FeatureID: Bool]
  /// The shops (locations) of this organization.
  public var shops: [ShopID]
  /// An inactive organization, and every descendant of one, grants nothing.
  public var isActive: Bool
  /// IP allowlist and MFA enforcement; unset fields follow the nearest ancestor.
  public var security: OrgSecurity

  /// Creates an organization.
  public init(
    _ id: OrgID,
    parent: OrgID? = nil,
    plan: PlanID? = nil,
    featureOverrides: [FeatureID: Bool] = [:],
    shops: [ShopID] = [],
    isActive: Bool = true,
    security: OrgSecurity = OrgSecurity()
  ) {
    self.security = security
    self.id = id
    self.parent = parent
    self.plan = plan
    self.featureOverrides = featureOverrides
    self.shops = shops
    self.isActive = isActive
  }
}
