/// An action resolved against a compiled policy: a permission, or a move of a workflow
/// resource into a target state. Resolve once, check many times.
///
/// Resolving never fails: a text that names nothing the policy declares (an unknown
/// permission, workflow or state, or text of neither form) gives an *undeclared* action,
/// which every decision denies with ``DenyReason/unknownAction`` (after the principal
/// check, as the by-name API does). Check ``isDeclared`` at startup to catch a typo in a
/// host's own action names.
///
/// ```swift
/// let read = snapshot.action("tickets::ticket::read")
/// let toQC = snapshot.transition(in: "ticket", to: "QC_REVIEW")
/// assert(read.isDeclared && toQC.isDeclared)
/// ```
public struct Action: Sendable, Hashable {
  /// The policy's token; with ``undeclaredBit`` set for an undeclared action, so that the
  /// evaluator's token check turns it away at no cost on the hot path.
  @usableFromInline let policyToken: UInt64
  /// The permission, or -1 for a transition; for an undeclared action, its
  /// ``Undeclared`` kind.
  @usableFromInline let permission: Int32
  /// The workflow of a transition, or -1 (always -1 for an undeclared action).
  @usableFromInline let workflow: Int32
  /// The target of a transition, as the workflow's local state index; for an undeclared
  /// state, the workflow it is not a state of (else -1).
  @usableFromInline let target: Int32

  @usableFromInline
  init(policyToken: UInt64, permission: Int32, workflow: Int32, target: Int32) {
    self.policyToken = policyToken
    self.permission = permission
    self.workflow = workflow
    self.target = target
  }

  /// Whether the action is a workflow transition the policy declares.
  public var isTransition: Bool { workflow >= 0 }

  /// Whether the action names a permission, or a workflow and one of its states, that the
  /// policy declares. An undeclared action is denied with ``DenyReason/unknownAction``.
  public var isDeclared: Bool { policyToken & Action.undeclaredBit == 0 }

  /// Set in the token of an undeclared action. Policy tokens count up from 1 and never
  /// reach it.
  @usableFromInline static let undeclaredBit: UInt64 = 1 &<< 63

  /// What an undeclared action's text failed to name.
  enum Undeclared: Int32 {
    /// Neither a permission key (`a::b::c`) nor a transition (`workflow:STATE`).
    case illFormed
    /// A permission key the policy does not declare.
    case permission
    /// A transition in a workflow the policy does not declare.
    case workflow
    /// A transition into a state that is not one of its (declared) workflow's.
    case state
  }

  /// An undeclared action of the policy with token `token`; `workflow` is the declared
  /// workflow of an undeclared state.
  static func undeclared(_ kind: Undeclared, token: UInt64, workflow: Int32 = -1) -> Action {
    Action(
      policyToken: token | undeclaredBit, permission: kind.rawValue, workflow: -1,
      target: workflow)
  }

  /// The kind of an undeclared action (nil for a declared one).
  var undeclaredKind: Undeclared? {
    isDeclared ? nil : Undeclared(rawValue: permission)
  }
}

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

/// A resource resolved against a snapshot: its names turned into handles. A plain value
/// of 48 bytes with no references: copying it costs nothing.
public struct ResolvedResource: Sendable, Hashable {
  @usableFromInline let policyToken: UInt64
  @usableFromInline let structureToken: UInt64
  /// Organization handle, or -1 when unknown.
  @usableFromInline let org: Int32
  /// Shop handle, or -1 when none or not a shop of the organization.
  @usableFromInline let shop: Int32
  /// Assignee's directory user handle; -1 when none (or ill-formed), ``foreignUser`` when
  /// the directory does not list it.
  @usableFromInline let assignee: Int32
  /// State handle; -1 when none, -2 when no policy element names it.
  @usableFromInline let state: Int32
  /// The fingerprint of a foreign assignee's id, else ``NameFingerprint/none``.
  @usableFromInline let assigneeKey: NameFingerprint

  /// The handle of a user id the directory does not list.
  @usableFromInline static let foreignUser: Int32 = -3

  @usableFromInline
  init(
    policyToken: UInt64, structureToken: UInt64, org: Int32, shop: Int32, assignee: Int32,
    state: Int32, assigneeKey: NameFingerprint = .none
  ) {
    self.policyToken = policyToken
    self.structureToken = structureToken
    self.org = org
    self.shop = shop
    self.assignee = assignee
    self.state = state
    self.assigneeKey = assigneeKey
  }
}

/// A user with their memberships, resolved against a snapshot: who is asking.
///
/// Get one from the embedded directory with ``Snapshot/principal(_:)``, or build one from
/// the host's own data with ``Snapshot/principal(user:isActive:memberships:)``; both
/// decide alike. A directory principal is a plain value with no references (copying it
/// costs nothing); a host-built one holds one reference to its memberships.
public struct Principal: Sendable {
  @usableFromInline let policyToken: UInt64
  /// For a directory user, the stamp of the block holding its memberships; otherwise the
  /// structure's names token.
  @usableFromInline let structureToken: UInt64
  /// Directory user handle; ``ResolvedResource/foreignUser`` for a host-built principal
  /// of a user the directory does not list; -1 for an unknown user.
  @usableFromInline let user: Int32
  @usableFromInline let status: Status
  /// The principal's memberships in its directory block: `start ..< start + count`.
  @usableFromInline let start: Int32
  @usableFromInline let count: Int32
  /// The memberships of a host-built principal; nil for a directory principal.
  @usableFromInline let host: HostMemberships?

  @usableFromInline
  enum Status: UInt8, Sendable {
    case active, inactive, unknown
  }

  init(
    policyToken: UInt64, structureToken: UInt64, user: Int32, status: Status, start: Int32,
    count: Int32, host: HostMemberships?
  ) {
    self.policyToken = policyToken
    self.structureToken = structureToken
    self.user = user
    self.status = status
    self.start = start
    self.count = count
    self.host = host
  }

  /// Whether the user exists and is active.
  public var isActive: Bool { status == .active }
}

/// The memberships of a host-built principal, with its own shops and direct grants.
@usableFromInline
final class HostMemberships: Sendable {
  let members: [MemberRecord]
  let shops: [Int32]
  @usableFromInline let frozenMembers: Frozen<MemberRecord>
  @usableFromInline let frozenShops: Frozen<Int32>
  @usableFromInline let direct: DirectGrants
  /// The principal's user id, as the host gave it.
  let userID: UserID
  /// The fingerprint of ``userID`` when the directory does not list it, else `none`.
  let fingerprint: NameFingerprint

  init(
    members: [MemberRecord], shops: [Int32], direct: DirectGrants, userID: UserID,
    fingerprint: NameFingerprint
  ) {
    self.userID = userID
    self.fingerprint = fingerprint
    self.members = members
    self.shops = shops
    frozenMembers = Frozen(members)
    frozenShops = Frozen(shops)
    self.direct = direct
  }
}
