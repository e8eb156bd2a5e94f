extension DirectoryStructure {
  /// Memberships validated in declaration order: their records (`shopStart` indexing
  /// `shops`) and direct grant sets.
  struct ValidatedMemberships {
    var records: [MemberRecord] = []
    var shops: [Int32] = []
    var direct: [[CompiledGrant]] = []
    var directIndex: [[Grant]: Int32] = [:]
  }

  /// The memberships pass: resolves each membership's user, organization, role, shops and
  /// direct grants, and refuses a second membership of a user in one organization.
  static func validateMemberships(
    _ memberships: [Membership], users: [UserID: Int32], orgs: OrgTables,
    policy: CompiledPolicy, issues: inout IssueCollector
  ) -> ValidatedMemberships {
    var result = ValidatedMemberships()
    result.records.reserveCapacity(memberships.count)
    var seenPairs = Set<PairKey>()
    for (i, membership) in memberships.enumerated() {
      let path = "memberships[\(i)]"
      let user = users[membership.user]
      if user == nil {
        issues.add(path + ".user", .unknownReference, "unknown user \"\(membership.user)\"")
      }
      let resolved = resolve(membership, path: path, orgs: orgs, policy: policy, issues: &issues)
      if let user, let org = resolved.org, !seenPairs.insert(PairKey(user: user, org: org)).inserted
      {
        issues.add(
          path, .duplicate,
          "user \"\(membership.user)\" already has a membership in \"\(membership.org)\" (one role per organization)"
        )
      }
      var direct: Int32 = -1
      if !membership.grants.isEmpty {
        if let existing = result.directIndex[membership.grants] {
          direct = existing
        } else if let compiled = compileGrants(
          membership.grants, path: path + ".grants", policy: policy, issues: &issues)
        {
          direct = Int32(result.direct.count)
          result.directIndex[membership.grants] = direct
          result.direct.append(compiled)
        }
      }
      guard let user, let org = resolved.org, let role = resolved.role else { continue }
      result.records.append(
        MemberRecord(
          user: user, org: org, role: role, direct: direct,
          shopStart: Int32(result.shops.count), shopCount: Int32(resolved.shops.count)))
      result.shops += resolved.shops
    }
    return result
  }

  /// A membership's organization, role and shops by handle; each unknown name is an issue.
  /// Shops keep their order and repetitions, so that the membership is written back as
  /// given.
  static func resolve(
    _ membership: Membership, path: String, orgs: OrgTables, policy: CompiledPolicy,
    issues: inout IssueCollector
  ) -> (org: Int32?, role: Int32?, shops: [Int32]) {
    let org = orgs.orgIndex[membership.org]
    let role = policy.roleIndex[membership.role]
    if org == nil {
      issues.add(path + ".org", .unknownReference, "unknown organization \"\(membership.org)\"")
    }
    if role == nil {
      issues.add(path + ".role", .unknownReference, "unknown role \"\(membership.role)\"")
    }
    guard let org else { return (nil, role, []) }
    let shops = resolveShops(
      membership.shops, org: org, orgName: membership.org, path: path + ".shops", orgs: orgs,
      issues: &issues)
    return (org, role, shops)
  }

  /// Shop handles of `shops` in organization `org`; each unknown shop is an issue.
  static func resolveShops(
    _ shops: [ShopID], org: Int32, orgName: OrgID, path: String, orgs: OrgTables,
    issues: inout IssueCollector
  ) -> [Int32] {
    var result: [Int32] = []
    for (j, shop) in shops.enumerated() {
      if let s = orgs.shopIndex[ShopKey(org: org, shop: shop)] {
        result.append(s)
      } else {
        issues.add(
          "\(path)[\(j)]", .unknownReference,
          "unknown shop \"\(shop)\" in organization \"\(orgName)\"")
      }
    }
    return result
  }

  /// Compiles a direct grant list; nil (with issues) when any grant does not compile.
  static func compileGrants(
    _ grants: [Grant], path: String, policy: CompiledPolicy, issues: inout IssueCollector
  ) -> [CompiledGrant]? {
    let before = issues.issues.count
    let compiled = policy.compileDirect(grants, path: path, issues: &issues)
    return issues.issues.count == before ? compiled : nil
  }

  /// Groups validated records by user into blocks, declaration order within a user; each
  /// record's declaration order is its position in `records`.
  static func makeBlocks(_ validated: ValidatedMemberships, users: [User]) -> [MemberBlock] {
    var counts = [Int32](repeating: 0, count: users.count + 1)
    for record in validated.records { counts[Int(record.user) + 1] += 1 }
    for u in 0..<users.count { counts[u + 1] += counts[u] }
    var fill = counts
    var grouped = validated.records
    var order = [Int32](repeating: 0, count: validated.records.count)
    for (m, record) in validated.records.enumerated() {
      let slot = Int(fill[Int(record.user)])
      grouped[slot] = record
      order[slot] = Int32(m)
      fill[Int(record.user)] += 1
    }
    return stride(from: 0, to: users.count, by: MemberBlock.capacity).map { low in
      let high = min(low + MemberBlock.capacity, users.count)
      let first = Int(counts[low])
      let last = Int(counts[high])
      var builder = MemberBlock.Builder()
      builder.active = users[low..<high].map(\.isActive)
      builder.start = counts[low...high].map { $0 - counts[low] }
      builder.order = Array(order[first..<last])
      builder.records = Array(grouped[first..<last])
      builder.shops = validated.shops
      return builder.freeze(stamp: Tokens.next())
    }
  }
}
