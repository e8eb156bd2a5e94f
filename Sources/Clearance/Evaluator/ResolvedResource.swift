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
