/// The policy's `administration` section: which permission each administration operation
/// needs, and which of the products' administration rules are switched on.
///
/// Every rule is off unless the section switches it on, with one exception: an operation
/// whose permission is not named in ``permissions`` is refused (rule
/// ``AdministrationRule/operationDisabled``): the engine fails closed. A policy without
/// the section therefore refuses every operation.
///
/// ```swift
/// var rules = AdministrationPolicy()
/// rules.permissions[.invite] = "admin::members::invite"
/// rules.owner = .init(role: "OWNER")
/// rules.selfProtection = .all
/// ```
public struct AdministrationPolicy: Sendable, Hashable {
  /// The permission each operation needs in the actor's membership of the organization
  /// concerned (checked like any request, on a resource of that organization).
  public var permissions: [AdministrationOperation.Kind: PermissionKey]
  /// Which roles each actor role may give; `nil` switches the rule off.
  public var assignable: AssignableRoles?
  /// The owner rules; `nil` switches them off.
  public var owner: OwnerRules?
  /// Which self-protection rules are on.
  public var selfProtection: SelfProtection
  /// When on, system roles cannot be renamed, edited or deleted.
  public var systemRolesImmutable: Bool
  /// When on, a role may be deleted only when no active user holds it and no live role
  /// inherits from it; a deleted role may not be given, and a user holding one may not be
  /// reactivated.
  public var deleteOnlyUnusedRoles: Bool
  /// Who may restore a deleted role, beyond the operation's permission; `nil` switches
  /// the rule off.
  public var restore: RestoreRule?
  /// When on, nobody grants beyond their own access: every permission a direct grant, a
  /// created role or an edited role (with what it inherits) gives must be active for the
  /// actor, in the organization they act through, at least as widely.
  public var grantOnlyHeld: Bool
  /// When on, `createAPIKey` may issue a key for another member of the organization (the
  /// actor receives a secret that acts as that member, within the key's scope); when off,
  /// only for the actor themselves (rule ``AdministrationRule/notOwnKey``). With
  /// ``grantOnlyHeld`` on, a key for another member may reach only permissions the actor
  /// holds at least as widely.
  public var apiKeysForOthers: Bool

  /// Creates an administration section; everything is off by default.
  public init(
    permissions: [AdministrationOperation.Kind: PermissionKey] = [:],
    assignable: AssignableRoles? = nil,
    owner: OwnerRules? = nil,
    selfProtection: SelfProtection = SelfProtection(),
    systemRolesImmutable: Bool = false,
    deleteOnlyUnusedRoles: Bool = false,
    restore: RestoreRule? = nil,
    grantOnlyHeld: Bool = false,
    apiKeysForOthers: Bool = false
  ) {
    self.permissions = permissions
    self.assignable = assignable
    self.owner = owner
    self.selfProtection = selfProtection
    self.systemRolesImmutable = systemRolesImmutable
    self.deleteOnlyUnusedRoles = deleteOnlyUnusedRoles
    self.restore = restore
    self.grantOnlyHeld = grantOnlyHeld
    self.apiKeysForOthers = apiKeysForOthers
  }
}

/// Which roles an actor may give, by the actor's role, separately for invitations and for
/// role changes. An actor role that is not listed may give no role at all; a list holding
/// `*` means every role.
public struct AssignableRoles: Sendable, Hashable {
  /// Roles each actor role may give by invitation; `nil` leaves invitations unchecked.
  public var invite: [RoleID: [RoleID]]?
  /// Roles each actor role may give by a role change; `nil` leaves role changes
  /// unchecked. A role change also needs the member's current role to be one the actor may
  /// give, so nobody changes the role of a member above them.
  public var changeRole: [RoleID: [RoleID]]?

  /// Creates the rule.
  public init(invite: [RoleID: [RoleID]]? = nil, changeRole: [RoleID: [RoleID]]? = nil) {
    self.invite = invite
    self.changeRole = changeRole
  }
}

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

/// The self-protection rules: what nobody may do to themselves.
public struct SelfProtection: Sendable, Hashable {
  /// Nobody changes their own role (nor transfers ownership to themselves).
  public var role: Bool
  /// Nobody deactivates themselves.
  public var deactivation: Bool
  /// Nobody removes their own membership.
  public var removal: Bool

  /// Creates the rules; all off by default.
  public init(role: Bool = false, deactivation: Bool = false, removal: Bool = false) {
    self.role = role
    self.deactivation = deactivation
    self.removal = removal
  }

  /// All three rules on.
  public static let all = SelfProtection(role: true, deactivation: true, removal: true)
}

/// Who may restore a soft-deleted role: a super admin, in active mode.
///
/// "Active mode" is the host's: a super admin who has entered the tenant in Super Admin
/// Active mode. The host says so on the operation (``AdministrationOperation/activeMode``),
/// so that the decision is part of the logged operation and replays identically.
public struct RestoreRule: Sendable, Hashable {
  /// The roles whose holders are super admins.
  public var superAdminRoles: [RoleID]
  /// When on, the operation must also be made in active mode.
  public var requiresActiveMode: Bool

  /// Creates the rule.
  public init(superAdminRoles: [RoleID], requiresActiveMode: Bool = true) {
    self.superAdminRoles = superAdminRoles
    self.requiresActiveMode = requiresActiveMode
  }
}
