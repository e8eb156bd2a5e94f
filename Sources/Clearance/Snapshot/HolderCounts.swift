/// How many memberships of active users hold each role, in all and, for the policy's
/// owner role, per organization: what the administration rules ask ("does this
/// organization still have an active owner", "is this role in use") answered without a
/// scan. Kept in ``ChunkedArray``s shared between snapshots; an update changes the counts
/// of the one user it touches, copying a chunk per changed count.
struct HolderCounts: Sendable {
  /// The role counted per organization (the administration section's owner role), or -1.
  let ownerRole: Int32
  /// Memberships of active users holding ``ownerRole``, per organization handle.
  private(set) var owners: ChunkedArray<Int32>
  /// Memberships of active users holding each role, per role handle.
  private(set) var byRole: ChunkedArray<Int32>

  /// The counts of `records` (each counted when `isActive` says its user is active) over
  /// `orgCount` organizations and the roles of `policy`.
  init(
    _ records: [MemberRecord], isActive: (Int32) -> Bool, orgCount: Int, policy: CompiledPolicy
  ) {
    ownerRole =
      policy.source.administration?.owner.flatMap { policy.roleIndex[$0.role] } ?? -1
    var owners = [Int32](repeating: 0, count: orgCount)
    var byRole = [Int32](repeating: 0, count: policy.roleIDs.count)
    for record in records where isActive(record.user) {
      byRole[Int(record.role)] += 1
      if record.role == ownerRole { owners[Int(record.org)] += 1 }
    }
    self.owners = ChunkedArray(owners)
    self.byRole = ChunkedArray(byRole)
  }

  /// Active memberships holding `role` in `org`, when `role` is the counted owner role;
  /// nil for any other role.
  func owners(_ role: Int32, in org: Int32) -> Int? {
    guard role == ownerRole, role >= 0, org >= 0, Int(org) < owners.count else { return nil }
    return Int(owners[Int(org)])
  }

  /// Active memberships holding `role` in any organization.
  func holders(of role: Int32) -> Int {
    role >= 0 && Int(role) < byRole.count ? Int(byRole[Int(role)]) : 0
  }

  /// Counts one more organization (added last), with no memberships yet.
  mutating func appendOrganization() { owners.append(0) }

  /// Moves the counts from one user's memberships before a change (`old`, counted when
  /// `wasActive`) to after it (`new`, counted when `isActive`). Only counts that differ
  /// are written.
  mutating func update(
    from old: some Sequence<MemberRecord>, wasActive: Bool,
    to new: some Sequence<MemberRecord>, isActive: Bool
  ) {
    // (is an owner count, index, delta); a user has a handful of memberships.
    var deltas: [(owner: Bool, index: Int, delta: Int32)] = []
    func add(_ owner: Bool, _ index: Int, _ delta: Int32) {
      if let i = deltas.firstIndex(where: { $0.owner == owner && $0.index == index }) {
        deltas[i].delta += delta
      } else {
        deltas.append((owner, index, delta))
      }
    }
    func count(_ record: MemberRecord, _ delta: Int32) {
      add(false, Int(record.role), delta)
      if record.role == ownerRole { add(true, Int(record.org), delta) }
    }
    if wasActive { for record in old { count(record, -1) } }
    if isActive { for record in new { count(record, 1) } }
    for (owner, index, delta) in deltas where delta != 0 {
      if owner {
        owners.set(index, to: owners[index] + delta)
      } else {
        byRole.set(index, to: byRole[index] + delta)
      }
    }
  }
}
