/// The memberships of a directory structure grouped by organization, for `who can`:
/// those of organization `o` are `members[start[o] ..< start[o + 1]]`, as indices into
/// ``flat``'s records, in record order.
struct MemberIndex: Sendable {
  let flat: FlatMemberships
  let start: [Int32]
  let members: [Int32]

  /// Groups the memberships by organization with a counting sort: O(memberships + orgs).
  init(_ flat: FlatMemberships, orgCount: Int) {
    self.flat = flat
    let records = flat.records
    var start = [Int32](repeating: 0, count: orgCount + 1)
    for record in records where record.org >= 0 { start[Int(record.org) + 1] += 1 }
    for o in 0..<orgCount { start[o + 1] += start[o] }
    var fill = start
    var members = [Int32](repeating: 0, count: Int(start[orgCount]))
    for (m, record) in records.enumerated() where record.org >= 0 {
      members[Int(fill[Int(record.org)])] = Int32(m)
      fill[Int(record.org)] += 1
    }
    self.start = start
    self.members = members
  }

  /// The memberships of organization `org`.
  func members(of org: Int32) -> ArraySlice<Int32> {
    members[Int(start[Int(org)])..<Int(start[Int(org) + 1])]
  }
}

/// A snapshot's member index, built on first use and kept for the snapshot's lifetime.
final class MemberIndexCache: Sendable {
  private let lock = Lock()
  // Guarded by `lock`; written once.
  private nonisolated(unsafe) var index: MemberIndex?

  init() {}

  /// The index, built by `make` on the first call.
  func get(_ make: () -> MemberIndex) -> MemberIndex {
    lock.withLock {
      if let index { return index }
      let made = make()
      index = made
      return made
    }
  }
}
