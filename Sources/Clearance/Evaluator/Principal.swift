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
