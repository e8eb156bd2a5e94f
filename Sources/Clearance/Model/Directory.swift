/// Who is who: organizations, users and memberships. Changes often.
///
/// A directory is an immutable value. Combined with a ``CompiledPolicy`` it becomes a
/// ``Snapshot``, against which every decision is made.
public struct Directory: Sendable, Hashable {
  /// The organizations (tenants), forming a tree through ``Organization/parent``.
  public var organizations: [Organization]
  /// The users.
  public var users: [User]
  /// The memberships: user × organization → exactly one role.
  public var memberships: [Membership]
  /// The API keys, each stored by the digest of its secret.
  public var apiKeys: [APIKey]

  /// Creates a directory.
  public init(
    organizations: [Organization] = [],
    users: [User] = [],
    memberships: [Membership] = [],
    apiKeys: [APIKey] = []
  ) {
    self.organizations = organizations
    self.users = users
    self.memberships = memberships
    self.apiKeys = apiKeys
  }
}

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

/// A user.
public struct User: Sendable, Hashable {
  /// The user's identifier.
  public var id: UserID
  /// An inactive user is denied everything.
  public var isActive: Bool

  /// Creates a user.
  public init(_ id: UserID, isActive: Bool = true) {
    self.id = id
    self.isActive = isActive
  }
}

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
