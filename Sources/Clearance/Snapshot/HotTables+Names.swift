/// The name indexes of a snapshot as plain lookups: users, organizations and their shops,
/// and the policy's action texts and states. Held in ``HotTables`` so that resolving a
/// request's names reads no object and retains nothing.
///
/// Kept small (the three roots and one copy of the hash key): a method of it that the
/// compiler does not inline receives a copy.
struct HotNames {
  private let userRoot: UnsafeMutablePointer<UnsafeRawPointer>
  private let orgRoot: UnsafeMutablePointer<UnsafeRawPointer>
  private let policyRoot: UnsafeMutablePointer<UnsafeRawPointer>
  private let key: (UInt64, UInt64)
  let permissionCount: Int32
  /// Workflow and local target state of each transition, two numbers each.
  let transitions: UnsafeMutablePointer<Int32>

  init(
    users: NameLookup, orgs: NameLookup, policy: NameLookup, permissionCount: Int32,
    transitions: UnsafeMutablePointer<Int32>
  ) {
    userRoot = users.root
    orgRoot = orgs.root
    policyRoot = policy.root
    key = users.key
    self.permissionCount = permissionCount
    self.transitions = transitions
  }

  /// Directory users.
  var users: NameLookup { NameLookup(root: userRoot, key: key) }
  /// Organizations in ``NameSpace/orgs``, each organization's shops in its handle's space.
  var orgs: NameLookup { NameLookup(root: orgRoot, key: key) }
  /// Action texts and state names (see ``PolicyNames``).
  var policy: NameLookup { NameLookup(root: policyRoot, key: key) }
}

extension HotTables {
  /// The principal of directory user `user`: one index lookup and three loads from the
  /// user's block entry. An unknown user gets a principal denied everything.
  @inline(__always)
  func principal(_ user: UserID) -> Principal {
    guard let u = names.users.handle(of: user.rawValue, in: NameSpace.users) else {
      return Principal(
        policyToken: policyToken, structureToken: structureToken, user: -1,
        status: .unknown, start: 0, count: 0, host: nil)
    }
    let entry = blocks[Int(u) &>> BlockEntry.shift]
    let local = Int(u) & ((1 &<< BlockEntry.shift) &- 1)
    let start = entry.starts[local]
    return Principal(
      policyToken: policyToken, structureToken: entry.stamp, user: u,
      status: entry.activeFlags[local] ? .active : .inactive, start: start,
      count: entry.starts[local &+ 1] &- start, host: nil)
  }

  /// The action named by a request's text (`a::b::c` or `workflow:TARGET`), or nil when
  /// the policy declares no such action.
  @inline(__always)
  func action(named text: String) -> Action? {
    names.action(named: text, policyToken: policyToken)
  }

  /// A resource's names as handles (see ``Snapshot/resolve(_:)``).
  @inline(__always)
  func resolve(_ resource: Resource) -> ResolvedResource {
    names.resolve(resource, policyToken: policyToken, structureToken: structureToken)
  }
}

extension HotNames {
  /// The action named by a request's text, or nil.
  func action(named text: String, policyToken: UInt64) -> Action? {
    guard let handle = policy.handle(of: text, in: PolicyNames.actionSpace) else {
      return nil
    }
    return PolicyNames.action(
      handle, permissionCount: permissionCount, transitions: transitions, token: policyToken)
  }

  /// A resource's names as handles.
  func resolve(
    _ resource: Resource, policyToken: UInt64, structureToken: UInt64
  ) -> ResolvedResource {
    let org = orgs.handle(of: resource.org.rawValue, in: NameSpace.orgs) ?? -1
    var shop: Int32 = -1
    if let name = resource.shop, org >= 0 {
      shop = orgs.handle(of: name.rawValue, in: org) ?? -1
    }
    var assignee: Int32 = -1
    var assigneeKey = NameFingerprint.none
    if let name = resource.assignee {
      if let handle = users.handle(of: name.rawValue, in: NameSpace.users) {
        assignee = handle
      } else if IdentifierRules.problem(with: name.rawValue) == nil {
        assignee = ResolvedResource.foreignUser
        assigneeKey = NameFingerprint(of: name.rawValue)
      }
    }
    var state: Int32 = -1
    if let name = resource.state {
      state = policy.handle(of: name.rawValue, in: PolicyNames.stateSpace) ?? -2
    }
    return ResolvedResource(
      policyToken: policyToken, structureToken: structureToken, org: org, shop: shop,
      assignee: assignee, state: state, assigneeKey: assigneeKey)
  }
}
