/// One administration operation: a change to the directory or to the custom roles, made
/// by an actor and checked before it is applied.
///
/// Operations are plain values, so a host can log them and replay them: applying the same
/// ordered operations to the same snapshot gives the same snapshots on every machine. Their
/// JSON form has `"op"` and `"actor"` plus the change's fields (see `docs/FORMAT.md`):
///
/// ```swift
/// let op = AdministrationOperation(actor: "olivia", .changeRole(user: "tom", org: "fixit", role: "MANAGER"))
/// let next = try snapshot.applying(op)
/// ```
public struct AdministrationOperation: Sendable, Hashable {
  /// The user making the change.
  public var actor: UserID
  /// Whether the actor is a super admin who has entered the tenant in active mode (the
  /// host's notion, recorded on the operation). Only ``RestoreRule`` looks at it.
  public var activeMode: Bool
  /// The actor's request context (time, client IP, MFA verification), recorded on the
  /// operation: the operation's permission is then decided with it, so that an actor of
  /// an organization with an IP allowlist or MFA enforcement can administer it. Without
  /// one, such an organization refuses every operation (`notPermitted`, fail closed). It
  /// may not carry an API key: the secret would be logged with the operation.
  public var context: RequestContext?
  /// What changes.
  public var change: Change

  /// Creates an operation.
  public init(
    actor: UserID, activeMode: Bool = false, context: RequestContext? = nil, _ change: Change
  ) {
    self.actor = actor
    self.activeMode = activeMode
    self.context = context
    self.change = change
  }

  /// The kinds of operation, named as in the JSON form's `"op"`.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Membership and user operations (see ``Change`` for each).
    case invite, changeRole, removeMember, deactivateUser, reactivateUser, transferOwnership
    /// Organization and role operations.
    case deactivateOrg, reactivateOrg, createRole, editRole, deleteRole, restoreRole
    /// Direct grants, plans, feature overrides, and batches.
    case grantDirect, revokeDirect, setPlan, setFeature, batch
    /// API keys and an organization's security settings.
    case createAPIKey, revokeAPIKey, setAllowlist, setMFA

    /// Orders kinds by name.
    public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// The change an operation makes. Every change names the organization it concerns: the
  /// actor needs the operation's permission there (roles are the policy's, so a role
  /// operation names the organization whose membership the actor acts through).
  public enum Change: Sendable, Hashable {
    /// Adds a membership (and the user, if the directory does not know them).
    case invite(user: UserID, org: OrgID, role: RoleID, shops: [ShopID])
    /// Gives a member another role; direct grants stay.
    case changeRole(user: UserID, org: OrgID, role: RoleID)
    /// Removes a membership: the member loses all access to the organization at once.
    case removeMember(user: UserID, org: OrgID)
    /// Deactivates a user (in every organization), acting through `org`, where the user
    /// must be a member. History stays: the user and memberships remain, inactive.
    case deactivateUser(user: UserID, org: OrgID)
    /// Reactivates a user, acting through `org`, where the user must be a member.
    case reactivateUser(user: UserID, org: OrgID)
    /// Makes `user` (a member) an owner; the actor, an owner, takes the policy's former
    /// owner role.
    case transferOwnership(user: UserID, org: OrgID)
    /// Deactivates an organization and, with it, its sub-organizations.
    case deactivateOrg(org: OrgID)
    /// Reactivates an organization.
    case reactivateOrg(org: OrgID)
    /// Adds a custom role.
    case createRole(org: OrgID, role: Role)
    /// Renames a role, replaces its grants, or replaces its parents (each when given).
    case editRole(
      org: OrgID, role: RoleID, name: String?, grants: [Grant]?, inherits: [RoleID]?)
    /// Soft-deletes a role: it grants nothing, history stays.
    case deleteRole(org: OrgID, role: RoleID)
    /// Restores a soft-deleted role.
    case restoreRole(org: OrgID, role: RoleID)
    /// Adds a direct grant to a membership; with `withPrerequisites`, also grants, at the
    /// same scope, each prerequisite the member does not already hold.
    case grantDirect(user: UserID, org: OrgID, grant: Grant, withPrerequisites: Bool)
    /// Removes a membership's direct grants of `permission` (of `scope` only, when given).
    case revokeDirect(user: UserID, org: OrgID, permission: PermissionPattern, scope: Scope?)
    /// Sets (or, with `nil`, removes) an organization's plan.
    case setPlan(org: OrgID, plan: PlanID?)
    /// Sets (or, with `nil`, removes) an organization's override of a child feature.
    case setFeature(org: OrgID, feature: FeatureID, enabled: Bool?)
    /// Several operations applied in order, all or none.
    case batch([AdministrationOperation])
    /// Issues an API key for a member. The library makes the secret: apply the operation
    /// with ``Snapshot/applied(_:)``, which returns the secret once and the operation to
    /// log (with the key's id and digest, never the secret).
    case createAPIKey(NewAPIKey)
    /// Revokes the API key `id` of an organization; it never works again.
    case revokeAPIKey(org: OrgID, id: String)
    /// Sets an organization's IP allowlist (addresses and CIDR blocks), or with `nil`
    /// removes it so that the nearest ancestor's applies.
    case setAllowlist(org: OrgID, entries: [String]?)
    /// Sets an organization's MFA enforcement (the grace period runs from its `since`),
    /// or with `nil` removes it so that the nearest ancestor's applies.
    case setMFA(org: OrgID, enforcement: MFAEnforcement?)
  }

  /// The operation's kind.
  public var kind: Kind {
    switch change {
    case .invite: .invite
    case .changeRole: .changeRole
    case .removeMember: .removeMember
    case .deactivateUser: .deactivateUser
    case .reactivateUser: .reactivateUser
    case .transferOwnership: .transferOwnership
    case .deactivateOrg: .deactivateOrg
    case .reactivateOrg: .reactivateOrg
    case .createRole: .createRole
    case .editRole: .editRole
    case .deleteRole: .deleteRole
    case .restoreRole: .restoreRole
    case .grantDirect: .grantDirect
    case .revokeDirect: .revokeDirect
    case .setPlan: .setPlan
    case .setFeature: .setFeature
    case .batch: .batch
    case .createAPIKey: .createAPIKey
    case .revokeAPIKey: .revokeAPIKey
    case .setAllowlist: .setAllowlist
    case .setMFA: .setMFA
    }
  }

  /// The organization the operation concerns (`nil` for a batch).
  public var org: OrgID? {
    switch change {
    case .invite(_, let org, _, _), .changeRole(_, let org, _), .removeMember(_, let org),
      .deactivateUser(_, let org), .reactivateUser(_, let org),
      .transferOwnership(_, let org), .deactivateOrg(let org), .reactivateOrg(let org),
      .createRole(let org, _), .editRole(let org, _, _, _, _), .deleteRole(let org, _),
      .restoreRole(let org, _), .grantDirect(_, let org, _, _), .revokeDirect(_, let org, _, _),
      .setPlan(let org, _), .setFeature(let org, _, _), .revokeAPIKey(let org, _),
      .setAllowlist(let org, _), .setMFA(let org, _):
      org
    case .createAPIKey(let key): key.org
    case .batch: nil
    }
  }

  /// What the operation acts on, for audit records: `user tom in fixit`, `role buyer`,
  /// `organization fixit`, or `3 operations`.
  public var target: String {
    switch change {
    case .invite(let user, let org, _, _), .changeRole(let user, let org, _),
      .removeMember(let user, let org), .deactivateUser(let user, let org),
      .reactivateUser(let user, let org), .transferOwnership(let user, let org),
      .grantDirect(let user, let org, _, _), .revokeDirect(let user, let org, _, _):
      "user \(user) in \(org)"
    case .deactivateOrg(let org), .reactivateOrg(let org), .setPlan(let org, _),
      .setFeature(let org, _, _), .setAllowlist(let org, _), .setMFA(let org, _):
      "organization \(org)"
    case .createAPIKey(let key): "user \(key.user) in \(key.org)"
    case .revokeAPIKey(let org, let id): "API key \(id) in \(org)"
    case .createRole(_, let role): "role \(role.id)"
    case .editRole(_, let role, _, _, _), .deleteRole(_, let role), .restoreRole(_, let role):
      "role \(role)"
    case .batch(let operations): "\(operations.count) operations"
    }
  }
}
