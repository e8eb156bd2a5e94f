/// The compiled form of a directory's organizations, users and memberships: everything a
/// principal or resource handle indexes into. Feature switches, plans and organization
/// activity live in ``OrgState`` instead, so changing them keeps handles valid.
@usableFromInline
final class DirectoryStructure: Sendable {
  /// Ties principals and resources to this structure.
  @usableFromInline let token: UInt64

  // Organizations.
  let orgIDs: [OrgID]
  let orgIndex: [OrgID: Int32]
  let orgParent: [Int32]
  let orgShops: [[ShopID]]
  /// Euler-tour interval of each organization: `b` is a proper descendant of `a` iff
  /// `enter[a] < enter[b] && exit[b] <= exit[a]`.
  /// The Euler intervals again, for the evaluator: `[enter, exit]` of each organization.
  @usableFromInline let frozenIntervals: Frozen<Int32>
  /// Organizations with every parent before its children.
  let orgOrder: [Int32]
  /// Children of each organization.
  let orgChildren: [[Int32]]

  // Shops: one handle per (organization, shop).
  let shopIndex: [ShopKey: Int32]
  let shopIDs: [ShopID]

  // Users.
  let userIDs: [UserID]
  let userIndex: [UserID: Int32]
  let userIsActive: [Bool]
  /// Memberships of user `u`: `members[userStart[u] ..< userStart[u + 1]]`.
  let userStart: [Int32]
  /// Users, organizations and shops by the exact bytes of their ids: how request names
  /// become handles (see ``NameSpace``).
  let names: NameIndex

  // Memberships, grouped by user, in declaration order within a user.
  let members: [MemberRecord]
  /// The memberships again, for the evaluator.
  @usableFromInline let frozenMembers: Frozen<MemberRecord>
  /// Position of each membership in the source directory's `memberships`.
  let memberPosition: [Int32]
  /// Shop handles of membership `m`: `memberShops[members[m].shopStart ..< +shopCount]`.
  let memberShops: [Int32]
  @usableFromInline let frozenShops: Frozen<Int32>
  /// Direct grant sets (deduplicated); `directSources[s]` is the source of set `s`.
  @usableFromInline let directGrants: GrantTable
  let directSources: [[Grant]]
  let directCompiled: [[CompiledGrant]]

  /// Validates `directory` against `policy` and compiles it.
  init(_ directory: Directory, policy: CompiledPolicy) throws(ValidationError) {
    var issues = IssueCollector()
    directory.checkIdentifiers(into: &issues)
    token = Tokens.next()

    var orgIDs: [OrgID] = []
    var orgIndex: [OrgID: Int32] = [:]
    var orgPosition: [Int] = []
    for (i, org) in directory.organizations.enumerated() {
      if org.id.rawValue.isEmpty {
        issues.add("organizations[\(i)].id", .illFormed, "empty organization id")
        continue
      }
      if orgIndex[org.id] != nil {
        issues.add("organizations[\(i)].id", .duplicate, "duplicate organization \"\(org.id)\"")
        continue
      }
      orgIndex[org.id] = Int32(orgIDs.count)
      orgIDs.append(org.id)
      orgPosition.append(i)
    }
    var orgParent = [Int32](repeating: -1, count: orgIDs.count)
    var shopIndex: [ShopKey: Int32] = [:]
    var shopIDs: [ShopID] = []
    var orgShops = [[ShopID]](repeating: [], count: orgIDs.count)
    for (o, i) in orgPosition.enumerated() {
      let org = directory.organizations[i]
      let path = "organizations[\(i)]"
      if let parent = org.parent {
        if let p = orgIndex[parent] {
          orgParent[o] = p
        } else {
          issues.add(path + ".parent", .unknownReference, "unknown organization \"\(parent)\"")
        }
      }
      if let plan = org.plan, policy.planIndex[plan] == nil {
        issues.add(path + ".plan", .unknownReference, "unknown plan \"\(plan)\"")
      }
      for feature in org.featureOverrides.keys.sorted() where policy.childIndex[feature] == nil {
        let what =
          policy.childrenOfParent[feature] != nil
          ? "parent feature \"\(feature)\" cannot be overridden (override its children)"
          : "unknown feature \"\(feature)\""
        issues.add(path + ".features.\(feature)", .unknownReference, what)
      }
      for (j, shop) in org.shops.enumerated() {
        let key = ShopKey(org: Int32(o), shop: shop)
        if shop.rawValue.isEmpty {
          issues.add("\(path).shops[\(j)]", .illFormed, "empty shop id")
        } else if shopIndex[key] != nil {
          issues.add("\(path).shops[\(j)]", .duplicate, "duplicate shop \"\(shop)\"")
        } else {
          shopIndex[key] = Int32(shopIDs.count)
          shopIDs.append(shop)
          orgShops[o].append(shop)
        }
      }
    }
    for cycle in findCycles(
      nodeCount: orgIDs.count, edges: { orgParent[$0] < 0 ? [] : [Int(orgParent[$0])] })
    {
      issues.add(
        "organizations", .cycle,
        "organization cycle " + cycle.map { orgIDs[$0].rawValue }.joined(separator: " -> "))
    }

    var userIDs: [UserID] = []
    var userIndex: [UserID: Int32] = [:]
    var userIsActive: [Bool] = []
    for (i, user) in directory.users.enumerated() {
      if user.id.rawValue.isEmpty {
        issues.add("users[\(i)].id", .illFormed, "empty user id")
      } else if userIndex[user.id] != nil {
        issues.add("users[\(i)].id", .duplicate, "duplicate user \"\(user.id)\"")
      } else {
        userIndex[user.id] = Int32(userIDs.count)
        userIDs.append(user.id)
        userIsActive.append(user.isActive)
      }
    }

    var members: [MemberRecord] = []
    var memberShops: [Int32] = []
    var seenPairs = Set<PairKey>()
    var directBuilder = GrantTable.Builder(
      wordCount: policy.wordCount, stateWordCount: policy.stateWordCount)
    var directSetIndex: [[Grant]: Int32] = [:]
    var directSources: [[Grant]] = []
    var directCompiled: [[CompiledGrant]] = []
    for (i, membership) in directory.memberships.enumerated() {
      let path = "memberships[\(i)]"
      let user = userIndex[membership.user]
      let org = orgIndex[membership.org]
      let role = policy.roleIndex[membership.role]
      if user == nil {
        issues.add(path + ".user", .unknownReference, "unknown user \"\(membership.user)\"")
      }
      if org == nil {
        issues.add(path + ".org", .unknownReference, "unknown organization \"\(membership.org)\"")
      }
      if role == nil {
        issues.add(path + ".role", .unknownReference, "unknown role \"\(membership.role)\"")
      }
      var shops: [Int32] = []
      if let org {
        for (j, shop) in membership.shops.enumerated() {
          if let s = shopIndex[ShopKey(org: org, shop: shop)] {
            if !shops.contains(s) { shops.append(s) }
          } else {
            issues.add(
              "\(path).shops[\(j)]", .unknownReference,
              "unknown shop \"\(shop)\" in organization \"\(membership.org)\"")
          }
        }
      }
      if let user, let org, !seenPairs.insert(PairKey(user: user, org: org)).inserted {
        issues.add(
          path, .duplicate,
          "user \"\(membership.user)\" already has a membership in \"\(membership.org)\" (one role per organization)"
        )
      }
      var direct: Int32 = -1
      if !membership.grants.isEmpty {
        if let existing = directSetIndex[membership.grants] {
          direct = existing
        } else {
          let before = issues.issues.count
          let compiled = policy.compileDirect(
            membership.grants, path: path + ".grants", issues: &issues)
          if issues.issues.count == before {
            direct = directBuilder.append(compiled.map(\.expanded))
            directSetIndex[membership.grants] = direct
            directSources.append(membership.grants)
            directCompiled.append(compiled)
          }
        }
      }
      guard let user, let org, let role else { continue }
      members.append(
        MemberRecord(
          user: user, org: org, role: role, direct: direct,
          shopStart: Int32(memberShops.count), shopCount: Int32(shops.count)))
      memberShops += shops
    }

    try issues.throwIfAny()

    // Organization tree: order and Euler intervals.
    var children = [[Int32]](repeating: [], count: orgIDs.count)
    var roots: [Int32] = []
    for o in 0..<orgIDs.count {
      if orgParent[o] < 0 {
        roots.append(Int32(o))
      } else {
        children[Int(orgParent[o])].append(Int32(o))
      }
    }
    var enter = [Int32](repeating: 0, count: orgIDs.count)
    var exit = [Int32](repeating: 0, count: orgIDs.count)
    var order: [Int32] = []
    var clock: Int32 = 0
    for root in roots {
      var stack: [(node: Int32, next: Int)] = [(root, 0)]
      enter[Int(root)] = clock
      clock += 1
      order.append(root)
      while let top = stack.last {
        let kids = children[Int(top.node)]
        if top.next < kids.count {
          stack[stack.count - 1].next += 1
          let child = kids[top.next]
          enter[Int(child)] = clock
          clock += 1
          order.append(child)
          stack.append((child, 0))
        } else {
          exit[Int(top.node)] = clock
          stack.removeLast()
        }
      }
    }

    // Memberships grouped by user, declaration order within a user.
    var counts = [Int32](repeating: 0, count: userIDs.count + 1)
    for member in members { counts[Int(member.user) + 1] += 1 }
    for u in 0..<userIDs.count { counts[u + 1] += counts[u] }
    var fill = counts
    var grouped = members
    var position = [Int32](repeating: 0, count: members.count)
    for (m, member) in members.enumerated() {
      let slot = Int(fill[Int(member.user)])
      grouped[slot] = member
      position[slot] = Int32(m)
      fill[Int(member.user)] += 1
    }

    self.orgIDs = orgIDs
    self.orgIndex = orgIndex
    self.orgParent = orgParent
    self.orgShops = orgShops
    frozenIntervals = Frozen((0..<enter.count).flatMap { [enter[$0], exit[$0]] })
    orgOrder = order
    orgChildren = children
    self.shopIndex = shopIndex
    self.shopIDs = shopIDs
    self.userIDs = userIDs
    self.userIndex = userIndex
    self.userIsActive = userIsActive
    userStart = counts
    names = DirectoryStructure.nameIndex(users: userIDs, orgs: orgIDs, shops: shopIndex)
    self.members = grouped
    frozenMembers = Frozen(grouped)
    memberPosition = position
    self.memberShops = memberShops
    frozenShops = Frozen(memberShops)
    directGrants = GrantTable(builder: directBuilder)
    self.directSources = directSources
    self.directCompiled = directCompiled
  }

  /// A copy of `other` with new memberships, user activity and direct grant sets, and a
  /// new token (handles resolved on `other` are refused by the copy). Everything else is
  /// shared, not copied.
  init(
    updating other: DirectoryStructure, members: [MemberRecord]? = nil,
    userIsActive: [Bool]? = nil,
    directGrants: (table: GrantTable, sources: [[Grant]], compiled: [[CompiledGrant]])? = nil
  ) {
    token = Tokens.next()
    orgIDs = other.orgIDs
    orgIndex = other.orgIndex
    orgParent = other.orgParent
    orgShops = other.orgShops
    frozenIntervals = other.frozenIntervals
    orgOrder = other.orgOrder
    orgChildren = other.orgChildren
    shopIndex = other.shopIndex
    shopIDs = other.shopIDs
    userIDs = other.userIDs
    userIndex = other.userIndex
    self.userIsActive = userIsActive ?? other.userIsActive
    userStart = other.userStart
    names = other.names
    self.members = members ?? other.members
    frozenMembers = members.map { Frozen($0) } ?? other.frozenMembers
    memberPosition = other.memberPosition
    memberShops = other.memberShops
    frozenShops = other.frozenShops
    self.directGrants = directGrants?.table ?? other.directGrants
    directSources = directGrants?.sources ?? other.directSources
    directCompiled = directGrants?.compiled ?? other.directCompiled
  }

  /// The index of the membership of `user` in `org`, if any.
  func membership(of user: Int, in org: Int32) -> Int? {
    (Int(userStart[user])..<Int(userStart[user + 1])).first { members[$0].org == org }
  }

  /// The directory handle of a user id, or nil.
  func userHandle(_ user: UserID) -> Int32? {
    names.handle(of: user.rawValue, in: NameSpace.users)
  }

  /// The handle of an organization id, or nil.
  func orgHandle(_ org: OrgID) -> Int32? {
    names.handle(of: org.rawValue, in: NameSpace.orgs)
  }

  /// The handle of shop `shop` of organization `org`, or nil.
  func shopHandle(_ shop: ShopID, in org: Int32) -> Int32? {
    names.handle(of: shop.rawValue, in: org)
  }

  /// The user id of a directory user handle.
  func userID(of handle: Int32) -> UserID {
    handle >= 0 && Int(handle) < userIDs.count ? userIDs[Int(handle)] : UserID("")
  }

  /// The name index of users, organizations and shops.
  static func nameIndex(users: [UserID], orgs: [OrgID], shops: [ShopKey: Int32]) -> NameIndex {
    var entries: [(name: String, space: Int32, handle: Int32)] = []
    entries.reserveCapacity(users.count + orgs.count + shops.count)
    for (u, user) in users.enumerated() {
      entries.append((user.rawValue, NameSpace.users, Int32(u)))
    }
    for (o, org) in orgs.enumerated() { entries.append((org.rawValue, NameSpace.orgs, Int32(o))) }
    for (key, handle) in shops { entries.append((key.shop.rawValue, key.org, handle)) }
    return NameIndex(entries)
  }
}

/// The namespaces of a directory's ``NameIndex``: users, organizations, and for shops the
/// handle of their organization.
enum NameSpace {
  static let users: Int32 = -1
  static let orgs: Int32 = -2
}

/// One membership, by handles.
@usableFromInline
struct MemberRecord: Sendable, Hashable, BitwiseCopyable {
  @usableFromInline var user: Int32
  @usableFromInline var org: Int32
  @usableFromInline var role: Int32
  /// Direct grant set, or -1.
  @usableFromInline var direct: Int32
  @usableFromInline var shopStart: Int32
  @usableFromInline var shopCount: Int32
}

struct ShopKey: Hashable, Sendable {
  let org: Int32
  let shop: ShopID
}

struct PairKey: Hashable {
  let user: Int32
  let org: Int32
}
