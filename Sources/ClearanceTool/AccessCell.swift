import Clearance
import Foundation

/// A grant a role holds, with the role that declares it.
struct SourcedGrant: Hashable {
  /// The grant as written in the policy.
  let grant: Grant
  /// The role that declares the grant.
  let from: RoleID
  /// The inheritance path from the role holding it to `from` (just the role when own).
  let via: [RoleID]
  /// Whether the holding role declares the grant itself.
  var isOwn: Bool { via.count == 1 }
}

/// A prerequisite that does not reach as far as the permission that needs it.
struct Shortfall: Hashable {
  /// The prerequisite (or the workflow's base permission).
  let permission: PermissionKey
  /// How far the role holds it; nil when it does not hold it at all.
  let scope: Scope?
}

/// Wider reach that a role has only for resources in some states.
struct ConditionalReach: Hashable {
  /// The states the reach applies to.
  var states: [StateName]
  /// The widest granted scope in those states.
  let scope: Scope
  /// The widest active scope in those states; nil when inactive.
  let activeScope: Scope?
  /// Prerequisites that limit it.
  let shortfalls: [Shortfall]
}

/// One cell of a role table: how a role holds one permission (or workflow target).
struct AccessCell {
  /// Every grant that matches, with its source.
  var sources: [SourcedGrant] = []
  /// Whether the role itself grants it (else it is only inherited).
  var isOwn = false
  /// The widest scope of the role's own unconditional grants.
  var ownScope: Scope?
  /// The grant whose source the cell names (see ``RoleAccess/cell(_:needs:)``).
  var source: SourcedGrant?
  /// The widest unconditional scope granted.
  var scope: Scope?
  /// The widest unconditional scope at which it is active (prerequisites applied).
  var activeScope: Scope?
  /// Prerequisites that keep the unconditional grant from being active at `scope`.
  var shortfalls: [Shortfall] = []
  /// Wider reach for resources in some states.
  var conditions: [ConditionalReach] = []

  /// Whether any grant matches.
  var isGranted: Bool { !sources.isEmpty }
  /// Whether some granted reach is not active because of a prerequisite.
  var hasShortfall: Bool {
    !shortfalls.isEmpty || conditions.contains { !$0.shortfalls.isEmpty }
  }
  /// Whether nothing granted is active at all.
  var isInactive: Bool {
    isGranted && (scope == nil || activeScope == nil)
      && conditions.allSatisfy { $0.activeScope == nil }
  }
  /// The role the grant is inherited from, when the role does not grant it itself.
  var inheritedFrom: RoleID? { isOwn ? nil : source?.from }
}
