/// The compiled form of a directory's organizations, users and memberships: everything a
/// principal or resource handle indexes into. Feature switches, plans and organization
/// activity live in ``OrgState`` instead, so changing them keeps handles valid.
///
/// Everything that grows with the users is kept in tables shared between snapshots:
/// memberships in ``MemberBlock``s of 1,024 users, user values in a ``ChunkedArray``, the
/// user ids in a ``NameIndex``, direct grants in ``DirectGrants`` chunks. An update
/// copies the chunks it touches and shares the rest, so its cost does not grow with the
/// directory. The input ``Directory`` is not kept: ``directory(orgState:policy:)`` rebuilds
/// it, in the same order, for writing.
@usableFromInline
final class DirectoryStructure: Sendable {
  /// Ties resources (and host-built principals) to this structure's names: changes when a
  /// user or an organization is added, never on membership or activity changes.
  @usableFromInline let token: UInt64
  /// Organizations and shops.
  let orgs: OrgTables
  /// The input directory without its users and memberships (kept in the tables below):
  /// organizations as declared (and as added), and anything else it holds.
  let source: Directory
  /// Users by handle, as declared (activity as declared; the blocks hold the current one).
  let users: ChunkedArray<User>
  /// Memberships of users `b * MemberBlock.capacity ..<` in `blocks[b]`.
  let blocks: BlockTable
  /// Users by the exact bytes of their ids, for requests by name (shared between
  /// snapshots; an added user copies one leaf).
  let userNames: NameIndex
  /// Direct grant sets, deduplicated by their source list.
  @usableFromInline let direct: DirectGrants
  let directIndex: ShardedIndex<[Grant]>
  /// The declaration order the next added membership takes.
  let nextOrder: Int32
  /// Number of memberships.
  let memberCount: Int
  /// Active holders per role and owners per organization, for the administration rules.
  let holders: HolderCounts

  /// The most users a directory holds (handles stay far from the sentinels below zero).
  static let foreignBase: Int32 = 1 << 30

  /// Validates `directory` against `policy` and compiles it, pass by pass: organizations,
  /// users, memberships (with their direct grants), then the blocks.
  convenience init(_ directory: Directory, policy: CompiledPolicy) throws(ValidationError) {
    var issues = IssueCollector()
    let orgs = OrgTables(directory.organizations, policy: policy, issues: &issues)
    let users = DirectoryStructure.indexUsers(directory.users, issues: &issues)
    let memberships = DirectoryStructure.validateMemberships(
      directory.memberships, users: users.lookup, orgs: orgs, policy: policy, issues: &issues)
    try issues.throwIfAny()
    let blocks = DirectoryStructure.makeBlocks(memberships, users: users.users)
    var source = directory
    source.users = []
    source.memberships = []
    let holders = HolderCounts(
      memberships.records, isActive: { users.users[Int($0)].isActive },
      orgCount: orgs.orgIDs.count, policy: policy)
    self.init(
      token: Tokens.next(), orgs: orgs, source: source, users: ChunkedArray(users.users),
      blocks: BlockTable(blocks),
      userNames: NameIndex(
        users.users.enumerated().map { ($0.element.id.rawValue, NameSpace.users, Int32($0.offset)) }
      ),
      direct: DirectGrants(memberships.direct, policy: policy),
      directIndex: ShardedIndex(memberships.directIndex.map { (key: $0.key, value: $0.value) }),
      nextOrder: Int32(memberships.records.count), memberCount: memberships.records.count,
      holders: holders)
  }

  init(
    token: UInt64, orgs: OrgTables, source: Directory, users: ChunkedArray<User>,
    blocks: BlockTable,
    userNames: NameIndex, direct: DirectGrants, directIndex: ShardedIndex<[Grant]>,
    nextOrder: Int32, memberCount: Int, holders: HolderCounts
  ) {
    self.token = token
    self.orgs = orgs
    self.source = source
    self.users = users
    self.blocks = blocks
    self.userNames = userNames
    self.direct = direct
    self.directIndex = directIndex
    self.nextOrder = nextOrder
    self.memberCount = memberCount
    self.holders = holders
  }

  // Organizations, by their old names.
  var orgIDs: [OrgID] { orgs.orgIDs }
  var orgIndex: OrgHandles { orgs.orgIndex }
  var orgParent: [Int32] { orgs.orgParent }
  var orgOrder: [Int32] { orgs.orgOrder }
  var orgChildren: [[Int32]] { orgs.orgChildren }
  var shopIndex: [ShopKey: Int32] { orgs.shopIndex }
  var shopIDs: [ShopID] { orgs.shopIDs }

  /// The block and position in it of user handle `u` (a directory user).
  func place(of u: Int) -> (block: MemberBlock, local: Int) {
    (blocks[u >> MemberBlock.shift], u & (MemberBlock.capacity - 1))
  }

  /// The index, in its block, of the membership of user `u` in `org`, if any.
  func membership(of u: Int, in org: Int32) -> Int? {
    let (block, local) = place(of: u)
    return block.range(of: local).first { block.records[$0].org == org }
  }

  /// The directory handle of a user id (exact bytes), or nil.
  func userHandle(_ user: UserID) -> Int32? {
    userNames.handle(of: user.rawValue, in: NameSpace.users)
  }

  /// The handle of an organization id (exact bytes), or nil.
  func orgHandle(_ org: OrgID) -> Int32? {
    orgs.names.handle(of: org.rawValue, in: NameSpace.orgs)
  }

  /// The handle of shop `shop` of organization `org` (exact bytes), or nil.
  func shopHandle(_ shop: ShopID, in org: Int32) -> Int32? {
    orgs.names.handle(of: shop.rawValue, in: org)
  }

  /// The user id of a directory user handle (empty for any other handle).
  func userID(of handle: Int32) -> UserID {
    handle >= 0 && handle < users.count ? users[Int(handle)].id : UserID("")
  }

  /// A copy with some parts replaced. The names token stays unless `token` is given.
  func with(
    token: UInt64? = nil, orgs: OrgTables? = nil, source: Directory? = nil,
    users: ChunkedArray<User>? = nil,
    userNames: NameIndex? = nil,
    block: (index: Int, block: MemberBlock)? = nil,
    direct: (grants: DirectGrants, index: ShardedIndex<[Grant]>)? = nil,
    nextOrder: Int32? = nil, memberDelta: Int = 0, holders: HolderCounts? = nil
  ) -> DirectoryStructure {
    let blocks = block.map { self.blocks.replacing($0.index, with: $0.block) } ?? self.blocks
    return DirectoryStructure(
      token: token ?? self.token, orgs: orgs ?? self.orgs, source: source ?? self.source,
      users: users ?? self.users, blocks: blocks,
      userNames: userNames ?? self.userNames,
      direct: direct?.grants ?? self.direct, directIndex: direct?.index ?? directIndex,
      nextOrder: nextOrder ?? self.nextOrder, memberCount: memberCount + memberDelta,
      holders: holders ?? self.holders)
  }
}
