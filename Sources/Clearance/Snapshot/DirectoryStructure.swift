/// The compiled form of a directory's organizations, users and memberships: everything a
/// principal or resource handle indexes into. Feature switches, plans and organization
/// activity live in ``OrgState`` instead, so changing them keeps handles valid.
///
/// Everything that grows with the users is kept in tables shared between snapshots:
/// memberships in ``MemberBlock``s of 1,024 users, user values in a ``ChunkedArray``, the
/// user index in a ``ShardedIndex``, direct grants in ``DirectGrants`` chunks. An update
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
  let userIndex: ShardedIndex<UserID>
  /// Memberships of users `b * MemberBlock.capacity ..<` in `blocks[b]`.
  let blocks: BlockTable
  /// User ids met while resolving principals and resources that the directory does not
  /// list, with handles from ``DirectoryStructure/foreignBase`` up (shared by updated
  /// copies).
  let foreignUsers: ForeignUsers
  /// Direct grant sets, deduplicated by their source list.
  @usableFromInline let direct: DirectGrants
  let directIndex: ShardedIndex<[Grant]>
  /// The declaration order the next added membership takes.
  let nextOrder: Int32
  /// Number of memberships.
  let memberCount: Int

  /// First handle of a user the directory does not list; directory users stay below.
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
    self.init(
      token: Tokens.next(), orgs: orgs, source: source, users: ChunkedArray(users.users),
      userIndex: ShardedIndex(users.index), blocks: BlockTable(blocks),
      foreignUsers: ForeignUsers(firstHandle: DirectoryStructure.foreignBase),
      direct: DirectGrants(memberships.direct, policy: policy),
      directIndex: ShardedIndex(memberships.directIndex.map { (key: $0.key, value: $0.value) }),
      nextOrder: Int32(memberships.records.count), memberCount: memberships.records.count)
  }

  init(
    token: UInt64, orgs: OrgTables, source: Directory, users: ChunkedArray<User>,
    userIndex: ShardedIndex<UserID>, blocks: BlockTable,
    foreignUsers: ForeignUsers, direct: DirectGrants, directIndex: ShardedIndex<[Grant]>,
    nextOrder: Int32, memberCount: Int
  ) {
    self.token = token
    self.orgs = orgs
    self.source = source
    self.users = users
    self.userIndex = userIndex
    self.blocks = blocks
    self.foreignUsers = foreignUsers
    self.direct = direct
    self.directIndex = directIndex
    self.nextOrder = nextOrder
    self.memberCount = memberCount
  }

  // Organizations, by their old names.
  var orgIDs: [OrgID] { orgs.orgIDs }
  var orgIndex: [OrgID: Int32] { orgs.orgIndex }
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

  /// The handle of a user id: its directory handle, or a foreign handle; `fallback`
  /// (a handle that matches nothing) if no handle can be given.
  func handle(of user: UserID, fallback: Int32) -> Int32 {
    userIndex[user] ?? foreignUsers.handle(of: user) ?? fallback
  }

  /// The user id of a handle.
  func userID(of handle: Int32) -> UserID {
    handle >= 0 && handle < users.count ? users[Int(handle)].id : foreignUsers.id(of: handle)
  }

  /// A copy with some parts replaced. The names token stays unless `token` is given.
  func with(
    token: UInt64? = nil, orgs: OrgTables? = nil, source: Directory? = nil,
    users: ChunkedArray<User>? = nil, userIndex: ShardedIndex<UserID>? = nil,
    block: (index: Int, block: MemberBlock)? = nil,
    direct: (grants: DirectGrants, index: ShardedIndex<[Grant]>)? = nil,
    nextOrder: Int32? = nil, memberDelta: Int = 0
  ) -> DirectoryStructure {
    let blocks = block.map { self.blocks.replacing($0.index, with: $0.block) } ?? self.blocks
    return DirectoryStructure(
      token: token ?? self.token, orgs: orgs ?? self.orgs, source: source ?? self.source,
      users: users ?? self.users, userIndex: userIndex ?? self.userIndex, blocks: blocks,
      foreignUsers: foreignUsers,
      direct: direct?.grants ?? self.direct, directIndex: direct?.index ?? directIndex,
      nextOrder: nextOrder ?? self.nextOrder, memberCount: memberCount + memberDelta)
  }
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

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Handles for user ids that the directory does not list: the assignee of a resource, or
/// the user of a host-built principal, compared by handle like directory users.
///
/// Interning takes a lock; it happens when resolving, never on the decision path. The
/// table only grows, by the distinct unknown ids resolved against one directory structure.
final class ForeignUsers: @unchecked Sendable {
  // `mutex` guards `index` and `ids`; allocated once, never moved.
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private var index: [UserID: Int32] = [:]
  private var ids: [UserID] = []
  private let firstHandle: Int32

  init(firstHandle: Int32) {
    self.firstHandle = firstHandle
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// The handle of `user`, interned on first use; nil once the handle space is spent.
  func handle(of user: UserID) -> Int32? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    if let handle = index[user] { return handle }
    guard ids.count < Int(Int32.max - firstHandle) else { return nil }
    let handle = firstHandle + Int32(ids.count)
    index[user] = handle
    ids.append(user)
    return handle
  }

  func id(of handle: Int32) -> UserID {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    let i = Int(handle - firstHandle)
    return i >= 0 && i < ids.count ? ids[i] : UserID("")
  }
}
