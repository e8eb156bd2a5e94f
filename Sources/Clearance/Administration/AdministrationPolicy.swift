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
