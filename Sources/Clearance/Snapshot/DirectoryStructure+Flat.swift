/// Every membership of a directory structure in one flat table, for the whole-directory
/// readers (who can, the PostgreSQL export) that walk all memberships rather than one
/// principal's.
struct FlatMemberships: Sendable {
  /// The memberships, grouped by user in handle order; `shopStart` indexes ``shops``.
  let records: [MemberRecord]
  /// Declaration order of each record (its position when the directory is written).
  let order: [Int32]
  /// Shop handles of the records, in a frozen buffer: the evaluator's
  /// `relation(of:user:shops:to:)` reads a record's shops through its base address.
  let shops: Frozen<Int32>
  /// Whether each user (by handle) is active now.
  let userIsActive: [Bool]
  /// User ids by handle.
  let userIDs: [UserID]
}

extension DirectoryStructure {
  /// All memberships in one table: O(memberships).
  func flatMemberships() -> FlatMemberships {
    var records: [MemberRecord] = []
    var order: [Int32] = []
    var shops: [Int32] = []
    var active: [Bool] = []
    var ids: [UserID] = []
    records.reserveCapacity(memberCount)
    for u in 0..<users.count {
      let (block, local) = place(of: u)
      active.append(block.active[local])
      ids.append(users[u].id)
      for m in block.range(of: local) {
        var record = block.records[m]
        let own = block.shops(of: record)
        record.shopStart = Int32(shops.count)
        shops += own
        records.append(record)
        order.append(block.order[m])
      }
    }
    return FlatMemberships(
      records: records, order: order, shops: Frozen(shops), userIsActive: active, userIDs: ids)
  }
}
