/// One compiled policy plus one directory state: what every decision is made against.
///
/// A snapshot is immutable. A change (a new directory, a feature switch, a plan) yields a
/// new snapshot, and readers holding the old one keep deciding on it undisturbed. Share
/// one across threads freely; publish new ones with ``SnapshotStore``.
///
/// ```swift
/// let snapshot = try Snapshot(policy: CompiledPolicy(policy), directory: directory)
/// let alice = snapshot.principal("alice")
/// let read = snapshot.action("tickets::ticket::read")
/// let ticket = snapshot.resolve(Resource(org: "acme", shop: "north", assignee: "bob"))
/// if snapshot.can(alice, read, ticket).isAllowed { … }
/// ```
public final class Snapshot: @unchecked Sendable {
  // Every stored property is a `let` set in `init`; `hot` holds plain pointers into
  // buffers owned by `policy`, `structure` and the `frozen…` properties, which live as
  // long as the snapshot and are never written after construction.
  /// The compiled policy.
  public let policy: CompiledPolicy
  @usableFromInline let structure: DirectoryStructure
  let orgState: OrgState
  /// What the evaluator reads of ``orgState``: liveness per organization, and the global
  /// and tenant feature masks.
  @usableFromInline let frozenLive: Frozen<Bool>
  @usableFromInline let frozenTenant: Frozen<UInt64>
  @usableFromInline let frozenGlobal: Frozen<UInt64>
  /// The evaluator's view of all the tables it reads: one hop from the snapshot to each.
  @usableFromInline let hot: HotTables
  /// Memberships by organization, for `who can`; built on first use.
  let memberIndexCache = MemberIndexCache()
  /// How many administration operations led to this snapshot from the one it started
  /// from (0 for a snapshot built from files). Each applied operation adds one; other
  /// updates (`settingFeature`, `replacingPolicy`, …) keep it. Replaying the same log from
  /// the same start gives the same versions.
  public let version: UInt64
  /// Allowlists, MFA enforcement and API keys of the directory, compiled.
  @usableFromInline let security: SecurityState

  /// Validates `directory` against `policy` and builds a snapshot of both.
  ///
  /// - Throws: ``ValidationError`` listing every problem in the directory with its path.
  public convenience init(policy: CompiledPolicy, directory: Directory) throws(ValidationError) {
    let structure = try DirectoryStructure(directory, policy: policy)
    let state = OrgState(directory.organizations, orgs: structure.orgs, policy: policy)
    var issues = IssueCollector()
    let security = SecurityState(structure.source, structure: structure, issues: &issues)
    try issues.throwIfAny()
    self.init(policy: policy, structure: structure, orgState: state, security: security)
  }

  /// A snapshot of `structure` and `orgState`; with `sameOrgState`, a snapshot whose
  /// `orgState` (and organization security settings) are the same, whose frozen copies
  /// are shared rather than rebuilt. `security` is compiled from the structure's
  /// organizations and keys when neither gives it (a malformed allowlist then admits
  /// nothing).
  init(
    policy: CompiledPolicy, structure: DirectoryStructure, orgState: OrgState,
    sameOrgState: Snapshot? = nil, version: UInt64 = 0, security: SecurityState? = nil
  ) {
    self.version = version
    var ignored = IssueCollector()
    self.security =
      security ?? sameOrgState?.security
      ?? SecurityState(structure.source, structure: structure, issues: &ignored)
    self.policy = policy
    self.structure = structure
    self.orgState = orgState
    frozenLive = sameOrgState?.frozenLive ?? Frozen(orgState.isLive)
    frozenTenant = sameOrgState?.frozenTenant ?? Frozen(orgState.tenantFeatures)
    frozenGlobal = sameOrgState?.frozenGlobal ?? Frozen(orgState.globalFeatures)
    hot = HotTables(
      policyToken: policy.token, structureToken: structure.token,
      live: frozenLive.base, tenant: frozenTenant.base, global: frozenGlobal.base,
      featureWords: policy.featureWordCount, blocks: structure.blocks.entries,
      blockCount: structure.blocks.count, intervals: structure.orgs.frozenIntervals.base,
      roleActive: policy.roleActive.base, roleHasConditions: policy.roleHasConditions.base,
      gate: policy.frozenGate.base, wordCount: policy.wordCount,
      secured: self.security.frozenSecured.base, stepUp: policy.security.frozenStepUp.base,
      hasStepUp: policy.security.hasStepUp)
  }

  /// The directory this snapshot stands for, with every change applied: organizations,
  /// users and memberships in declaration order (added ones last, removed ones gone),
  /// each as given. Rebuilt on each access, O(directory): the snapshot does not keep a
  /// copy of its input. For writing; decide with handles or names instead.
  public var directory: Directory {
    structure.directory(orgState: orgState, policy: policy)
  }

  /// The same snapshot under another version: shares every table (the frozen buffers
  /// stay owned by both, and neither ever writes them).
  init(_ snapshot: Snapshot, version: UInt64) {
    self.version = version
    security = snapshot.security
    policy = snapshot.policy
    structure = snapshot.structure
    orgState = snapshot.orgState
    frozenLive = snapshot.frozenLive
    frozenTenant = snapshot.frozenTenant
    frozenGlobal = snapshot.frozenGlobal
    hot = snapshot.hot
  }

  // MARK: Resolving names to handles

  /// Resolves a permission key to an action. A key the policy does not declare gives an
  /// undeclared action (see ``Action/isDeclared``), denied with
  /// ``DenyReason/unknownAction``.
  public func action(_ key: PermissionKey) -> Action {
    policy.action(key)
  }

  /// Resolves a workflow transition into `target` to an action. An undeclared workflow, or
  /// a state that is not one of the workflow's, gives an undeclared action (see
  /// ``Action/isDeclared``), denied with ``DenyReason/unknownAction``.
  public func transition(in workflow: WorkflowID, to target: StateName) -> Action {
    policy.transition(in: workflow, to: target)
  }

  /// Resolves an action written as in case files: a permission key (`a::b::c`) or a
  /// transition (`workflow:TARGET`), as one lookup of the whole text. Text that names
  /// nothing the policy declares gives an undeclared action (see ``Action/isDeclared``),
  /// denied with ``DenyReason/unknownAction``: the same decision as the by-name `can`.
  public func action(named name: ActionName) -> Action {
    policy.action(named: name)
  }

  /// The principal of a directory user, with all of their memberships.
  ///
  /// An unknown user yields a principal that is denied everything
  /// (``DenyReason/principalInactive``): the engine fails closed. Costs one index lookup
  /// and allocates nothing. The principal stays usable on later snapshots that did not
  /// change its block of users (see ``isValid(_:)-(Principal)``).
  public func principal(_ user: UserID) -> Principal {
    guard let u = structure.userHandle(user).map(Int.init) else {
      return Principal(
        policyToken: policy.token, structureToken: structure.token, user: -1,
        status: .unknown, start: 0, count: 0, host: nil)
    }
    let (block, local) = structure.place(of: u)
    let start = block.start[local]
    return Principal(
      policyToken: policy.token, structureToken: block.stamp, user: Int32(u),
      status: block.active[local] ? .active : .inactive, start: start,
      count: block.start[local + 1] - start, host: nil)
  }

  /// A principal built from the host's own data rather than the embedded directory.
  ///
  /// Its memberships name organizations, shops and roles of this snapshot; the user need
  /// not be in the directory (resources assigned to the same id, byte for byte, then
  /// relate at `assigned`). It decides exactly like a directory principal with the same
  /// data.
  ///
  /// - Throws: ``ValidationError`` when the user id is not a valid identifier (see
  ///   ``IdentifierRules``), naming each membership field that refers to something
  ///   unknown, or a second membership in the same organization.
  public func principal(user: UserID, isActive: Bool = true, memberships: [Membership])
    throws(ValidationError) -> Principal
  {
    var issues = IssueCollector()
    if let problem = IdentifierRules.problem(with: user.rawValue) {
      issues.add(
        "user", .illFormed,
        "ill-formed user id \(IdentifierRules.quoted(user.rawValue)): \(problem)")
    }
    var records: [MemberRecord] = []
    var shops: [Int32] = []
    var sources: [[CompiledGrant]] = []
    var orgs = Set<Int32>()
    let known = structure.userHandle(user)
    let u = known ?? ResolvedResource.foreignUser
    for (i, membership) in memberships.enumerated() {
      let path = "memberships[\(i)]"
      if membership.user != user {
        issues.add(
          path + ".user", .unknownReference,
          "membership of \"\(membership.user)\", not \"\(user)\"")
      }
      let org = structure.orgHandle(membership.org)
      let role = policy.roleIndex[membership.role]
      if org == nil {
        issues.add(
          path + ".org", .unknownReference, "unknown organization \"\(membership.org)\"")
      }
      if role == nil {
        issues.add(path + ".role", .unknownReference, "unknown role \"\(membership.role)\"")
      }
      guard let org, let role else { continue }
      if !orgs.insert(org).inserted {
        issues.add(
          path, .duplicate,
          "second membership in \"\(membership.org)\" (one role per organization)")
      }
      let start = shops.count
      for (j, shop) in membership.shops.enumerated() {
        if let s = structure.shopHandle(shop, in: org) {
          if !shops[start...].contains(s) { shops.append(s) }
        } else {
          issues.add(
            "\(path).shops[\(j)]", .unknownReference,
            "unknown shop \"\(shop)\" in organization \"\(membership.org)\"")
        }
      }
      var direct: Int32 = -1
      if !membership.grants.isEmpty {
        let compiled = policy.compileDirect(
          membership.grants, path: path + ".grants", issues: &issues)
        direct = Int32(sources.count)
        sources.append(compiled)
      }
      records.append(
        MemberRecord(
          user: u, org: org, role: role, direct: direct, shopStart: Int32(start),
          shopCount: Int32(shops.count - start)))
    }
    try issues.throwIfAny()
    let host = HostMemberships(
      members: records, shops: shops, direct: DirectGrants(sources, policy: policy),
      userID: user, fingerprint: known == nil ? NameFingerprint(of: user.rawValue) : .none)
    return Principal(
      policyToken: policy.token, structureToken: structure.token, user: u,
      status: isActive ? .active : .inactive, start: 0, count: Int32(records.count), host: host)
  }

  /// The user id of a principal resolved on this snapshot (empty for an unknown user).
  public func userID(of principal: Principal) -> UserID {
    guard isValid(principal) else { return UserID("") }
    if let host = principal.host { return host.userID }
    guard principal.user >= 0 else { return UserID("") }
    return structure.userID(of: principal.user)
  }

  /// Resolves a resource's names to handles, comparing exact UTF-8 bytes. Unknown names
  /// resolve to handles that never match (an unknown organization is denied with
  /// ``DenyReason/notMember``). An assignee the directory does not list keeps a
  /// fingerprint, so that a host-built principal with the same id relates to the resource
  /// at `assigned`; an ill-formed assignee (see ``IdentifierRules``) relates to no one.
  ///
  /// Allocates nothing, and remembers nothing of the names it is given.
  public func resolve(_ resource: Resource) -> ResolvedResource {
    let org = structure.orgHandle(resource.org) ?? -1
    var shop: Int32 = -1
    if let name = resource.shop, org >= 0 { shop = structure.shopHandle(name, in: org) ?? -1 }
    var assignee: Int32 = -1
    var assigneeKey = NameFingerprint.none
    if let name = resource.assignee {
      if let handle = structure.userHandle(name) {
        assignee = handle
      } else if IdentifierRules.problem(with: name.rawValue) == nil {
        assignee = ResolvedResource.foreignUser
        assigneeKey = NameFingerprint(of: name.rawValue)
      }
    }
    var state: Int32 = -1
    if let name = resource.state { state = policy.requestNames.state(name.rawValue) ?? -2 }
    return ResolvedResource(
      policyToken: policy.token, structureToken: structure.token, org: org, shop: shop,
      assignee: assignee, state: state, assigneeKey: assigneeKey)
  }

  /// The names of a resolved resource; names that did not resolve are lost (an unknown
  /// organization, and an assignee the directory does not list, read as `?`).
  public func names(of resource: ResolvedResource) -> Resource {
    guard resource.structureToken == structure.token, resource.policyToken == policy.token
    else { return Resource(org: "?") }
    return Resource(
      org: resource.org >= 0 ? structure.orgIDs[Int(resource.org)] : OrgID("?"),
      shop: resource.shop >= 0 ? structure.shopIDs[Int(resource.shop)] : nil,
      assignee: resource.assignee >= 0
        ? structure.userID(of: resource.assignee)
        : resource.assignee == ResolvedResource.foreignUser ? UserID("?") : nil,
      state: resource.state >= 0
        ? policy.stateNames[Int(resource.state)] : resource.state == -2 ? StateName("?") : nil)
  }
}

extension CompiledPolicy {
  /// Resolves a permission key to an action; an undeclared key gives an undeclared action
  /// (see ``Action/isDeclared``).
  public func action(_ key: PermissionKey) -> Action {
    guard let p = permissionIndex[key] else { return .undeclared(.permission, token: token) }
    return Action(policyToken: token, permission: p, workflow: -1, target: -1)
  }

  /// Resolves a workflow transition into `target` to an action; an undeclared workflow or
  /// state gives an undeclared action (see ``Action/isDeclared``).
  public func transition(in workflow: WorkflowID, to target: StateName) -> Action {
    guard let w = workflowIndex[workflow] else { return .undeclared(.workflow, token: token) }
    guard let global = stateIndex[target],
      case let local = workflows[Int(w)].localOfGlobal[Int(global)],
      local >= 0
    else { return .undeclared(.state, token: token, workflow: w) }
    return Action(policyToken: token, permission: -1, workflow: w, target: local)
  }

  /// Resolves `a::b::c` (a permission) or `workflow:TARGET` (a transition) with one lookup
  /// of the whole text; text that names nothing declared gives an undeclared action (see
  /// ``Action/isDeclared``).
  public func action(named name: ActionName) -> Action {
    requestNames.action(name.rawValue, token: token) ?? undeclaredAction(name.rawValue).action
  }

  /// The undeclared action of a text the policy does not declare, and why, naming the
  /// text. Splits on the UTF-8 bytes (a `::` anywhere makes it a permission key, else the
  /// first `:` splits workflow and target), so that a combining mark after a colon stays
  /// part of the name.
  func undeclaredAction(_ text: String) -> (action: Action, why: String) {
    let bytes = text.utf8
    var colon: String.UTF8View.Index?
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let next = bytes.index(after: index)
      if bytes[index] == UInt8(ascii: ":") {
        if next < bytes.endIndex && bytes[next] == UInt8(ascii: ":") {
          return (
            .undeclared(.permission, token: token),
            "unknown permission \(IdentifierRules.quoted(text))"
          )
        }
        if colon == nil { colon = index }
      }
      index = next
    }
    guard let colon else {
      return (
        .undeclared(.illFormed, token: token),
        "\(IdentifierRules.quoted(text)) is neither a permission key (a::b::c) nor a transition (workflow:STATE)"
      )
    }
    let workflow = WorkflowID(String(decoding: bytes[..<colon], as: UTF8.self))
    let target = String(decoding: bytes[bytes.index(after: colon)...], as: UTF8.self)
    guard let w = workflowIndex[workflow] else {
      return (
        .undeclared(.workflow, token: token),
        "unknown workflow \(IdentifierRules.quoted(workflow.rawValue))"
      )
    }
    return (
      .undeclared(.state, token: token, workflow: w),
      "unknown state \(IdentifierRules.quoted(target)) in workflow \(IdentifierRules.quoted(workflow.rawValue))"
    )
  }

  /// Why an undeclared action names nothing, from its kind alone (its text is not kept).
  func undeclaredReason(_ action: Action) -> String {
    switch action.undeclaredKind {
    case .permission: "the action names a permission the policy does not declare"
    case .workflow: "the action names a workflow the policy does not declare"
    case .state:
      action.target >= 0 && Int(action.target) < workflows.count
        ? "the action names a state that is not one of workflow "
          + IdentifierRules.quoted(workflows[Int(action.target)].id.rawValue)
        : "the action names a state its workflow does not have"
    case .illFormed, nil:
      "the action is neither a permission key (a::b::c) nor a transition (workflow:STATE)"
    }
  }

  /// The action's text as written in case files; for an undeclared action, what it fails
  /// to name in angle brackets (its text is not kept).
  public func name(of action: Action) -> String {
    guard action.policyToken & ~Action.undeclaredBit == token else {
      return "<action of another policy>"
    }
    switch action.undeclaredKind {
    case .permission: return "<undeclared permission>"
    case .workflow: return "<undeclared workflow>"
    case .state: return "<undeclared state>"
    case .illFormed: return "<ill-formed action>"
    case nil: break
    }
    if action.workflow < 0 { return permissionKeys[Int(action.permission)].rawValue }
    let workflow = workflows[Int(action.workflow)]
    return "\(workflow.id):\(stateNames[Int(workflow.states[Int(action.target)])])"
  }
}

/// Plain pointers to the tables the evaluator reads, with the tokens and sizes it needs,
/// gathered in the snapshot so that each is one hop away. The buffers belong to the
/// snapshot's policy, structure and frozen org state.
@usableFromInline
struct HotTables {
  @usableFromInline let policyToken: UInt64
  /// The structure's names token (see ``DirectoryStructure/token``).
  @usableFromInline let structureToken: UInt64
  @usableFromInline let live: UnsafeMutablePointer<Bool>
  @usableFromInline let tenant: UnsafeMutablePointer<UInt64>
  @usableFromInline let global: UnsafeMutablePointer<UInt64>
  @usableFromInline let featureWords: Int
  /// The membership blocks: a directory principal's records are in block
  /// `user >> MemberBlock.shift`, valid while its stamp is the principal's.
  @usableFromInline let blocks: UnsafeMutablePointer<BlockEntry>
  @usableFromInline let blockCount: Int
  @usableFromInline let intervals: UnsafeMutablePointer<Int32>
  @usableFromInline let roleActive: UnsafeMutablePointer<UInt64>
  @usableFromInline let roleHasConditions: UnsafeMutablePointer<Bool>
  @usableFromInline let gate: UnsafeMutablePointer<Int32>
  @usableFromInline let wordCount: Int
  /// Whether an allowlist or MFA enforcement applies to each organization.
  @usableFromInline let secured: UnsafeMutablePointer<Bool>
  /// Whether each permission needs a step-up verification, and whether any does.
  @usableFromInline let stepUp: UnsafeMutablePointer<Bool>
  @usableFromInline let hasStepUp: Bool
}
