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
