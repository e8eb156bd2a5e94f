/// The rule that refused an administration operation. Each has a stable identifier (its
/// raw value), used in case files, audit records and the `clearance apply` output.
public enum AdministrationRule: String, Sendable, Hashable, CaseIterable, Codable,
  CustomStringConvertible
{
  /// The policy names no permission for this operation: it is switched off.
  case operationDisabled
  /// The actor lacks the operation's permission in the organization concerned (or is
  /// inactive, or not a member).
  case notPermitted
  /// The actor's role may not give this role (by invitation or by role change).
  case notAssignable
  /// The operation would leave an organization that has an active owner without one.
  case lastOwner
  /// Owners are protected: ownership must be transferred before an owner is
  /// deactivated, removed or given another role.
  case ownerProtected
  /// Only an owner may do this (deactivate the organization, transfer ownership).
  case notOwner
  /// Nobody changes their own role, deactivates or removes themselves.
  case selfProtection
  /// System roles cannot be renamed, edited or deleted.
  case systemRoleImmutable
  /// The role is held by an active user or inherited by a live role.
  case roleInUse
  /// The role is soft-deleted: it cannot be given, inherited, or held by a reactivated
  /// user.
  case roleDeleted
  /// Only a super admin in active mode restores a deleted role.
  case notSuperAdmin
  /// The grant (direct, or of a role with what it inherits) reaches beyond the actor's own
  /// access.
  case beyondOwnAccess
  /// The inheritance edit would create a cycle.
  case wouldCreateCycle
  /// A user, organization, membership, role, plan, feature or grant named by the
  /// operation does not exist.
  case unknownTarget
  /// The membership or role to create already exists.
  case alreadyExists
  /// An API key may be created only for the actor themselves: the policy does not let
  /// this operation issue keys for other users (``AdministrationPolicy/apiKeysForOthers``).
  case notOwnKey
  /// The sink could not keep the audit event of an accepted operation, so the operation
  /// was not applied (nothing unaudited happens).
  case auditFailed
  /// The operation is malformed or its result does not validate (a pattern that matches
  /// nothing, an unknown parent role, a nested batch, a limit exceeded).
  case invalid

  /// The rule's identifier.
  public var description: String { rawValue }
}

/// A refused administration operation: the rule that refused it and a message naming the
/// users, organizations and roles involved. The snapshot it was applied to is unchanged.
public struct AdministrationRejection: Error, Sendable, Hashable, CustomStringConvertible {
  /// The rule that refused it.
  public var rule: AdministrationRule
  /// What was refused and why, with names.
  public var message: String

  /// Creates a rejection.
  public init(_ rule: AdministrationRule, _ message: String) {
    self.rule = rule
    self.message = message
  }

  /// `rule: message`, as `clearance apply` prints it.
  public var description: String { "\(rule): \(message)" }
}
