// Random administration sections and operations for the model-based tests, drawn from
// the differential suite's corpus generator so that policies and directories are the same
// kind of random.

import Clearance
import ClearanceTestSupport

/// Generates an administration section for a random policy, then random operations by
/// random actors against the snapshot at hand.
struct OperationGenerator {
  var corpus: CorpusGenerator
  var fresh = 0

  init(seed: UInt64) { corpus = CorpusGenerator(seed: seed) }

  /// A random policy and directory with a random administration section: each rule on or
  /// off, permissions drawn from the catalog, one role often granted everything.
  mutating func start() -> Corpus {
    var result = corpus.corpus()
    var policy = result.policy
    let roles = policy.roles.map(\.id)
    // An ungated administration permission, and often a root user who holds a role
    // granting everything in every top-level organization.
    policy.permissions.append(PermissionDefinition("admin::console::manage"))
    if !policy.features.isEmpty { policy.ungated.append("admin") }
    let keys = policy.permissions.map(\.key) + Array(repeating: "admin::console::manage", count: 8)
    if let i = policy.roles.indices.first(where: { !policy.roles[$0].isDeleted }),
      corpus.rng.percent(80)
    {
      policy.roles[i].grants.append(Grant("*", scope: .tree))
      result.directory.users.append(User("root"))
      for org in result.directory.organizations where org.parent == nil {
        result.directory.memberships.append(
          Membership(user: "root", org: org.id, role: policy.roles[i].id))
      }
    }
    for i in policy.roles.indices where corpus.rng.percent(25) { policy.roles[i].isSystem = true }
    var rules = AdministrationPolicy()
    for kind in AdministrationOperation.Kind.allCases where kind != .batch {
      if corpus.rng.percent(90) { rules.permissions[kind] = corpus.rng.pick(keys) }
    }
    if corpus.rng.percent(60) {
      rules.assignable = AssignableRoles(
        invite: corpus.rng.percent(70) ? table(roles) : nil,
        changeRole: corpus.rng.percent(70) ? table(roles) : nil)
    }
    if corpus.rng.percent(80) {
      rules.owner = OwnerRules(
        role: corpus.rng.pick(roles), atLeastOne: corpus.rng.percent(85),
        isProtected: corpus.rng.percent(50),
        formerOwnerRole: corpus.rng.percent(60) ? corpus.rng.pick(roles) : nil,
        onlyOwnerDeactivatesOrg: corpus.rng.percent(50))
    }
    rules.selfProtection = SelfProtection(
      role: corpus.rng.percent(50), deactivation: corpus.rng.percent(50),
      removal: corpus.rng.percent(50))
    rules.systemRolesImmutable = corpus.rng.percent(60)
    rules.deleteOnlyUnusedRoles = corpus.rng.percent(70)
    rules.grantOnlyHeld = corpus.rng.percent(50)
    if corpus.rng.percent(50) {
      rules.restore = RestoreRule(
        superAdminRoles: corpus.rng.sample(roles, count: 2),
        requiresActiveMode: corpus.rng.percent(70))
    }
    rules.apiKeysForOthers = corpus.rng.percent(50)
    policy.administration = rules
    // API-key scopes: admin reaches everything, read one declared permission.
    policy.security = SecuritySettings(
      apiKeyScopes: [
        .admin: ["*"], .read: [PermissionPattern(corpus.rng.pick(keys).rawValue)],
      ],
      mfaAdminRoles: corpus.rng.subset(roles, percent: 30))
    result.policy = policy
    return result
  }

  /// The time of every generated key and enforcement, and of operation contexts.
  static let epoch = Timestamp(seconds: 1_780_000_000)
  /// Addresses operations and probes come from; allowlists are drawn to contain some.
  static let addresses = ["10.1.2.3", "192.168.1.9", "2001:db8::7", "203.0.113.42"]

  private mutating func table(_ roles: [RoleID]) -> [RoleID: [RoleID]] {
    var table: [RoleID: [RoleID]] = [:]
    for actor in roles where corpus.rng.percent(70) {
      table[actor] =
        corpus.rng.percent(20) ? ["*"] : corpus.rng.subset(roles, percent: 50)
    }
    return table
  }

  /// A random operation against `snapshot`: mostly on existing users, memberships,
  /// organizations and roles, sometimes on unknown ones.
  mutating func operation(on snapshot: Snapshot, allowBatch: Bool = true) -> AdministrationOperation
  {
    let directory = snapshot.directory
    let policy = snapshot.currentPolicy
    var (user, org) = pickMembership(directory)
    if corpus.rng.percent(10) { user = pickUser(directory, unknownPercent: 40) }
    if corpus.rng.percent(5) { org = CorpusGenerator.unknownOrg }
    var actor = pickActor(directory, policy, org: org)
    let role = pickRole(policy)
    let change: AdministrationOperation.Change
    switch corpus.rng.below(allowBatch ? 22 : 21) {
    case let kind where kind <= 8:
      change = memberChange(kind, directory, user: user, org: org, role: role)
    case let kind where kind <= 16:
      change = roleOrGrantChange(kind, directory, policy, user: user, org: org, role: role)
    case let kind where kind <= 20:
      change = securityChange(kind, snapshot, user: user, org: &org, actor: &actor)
    default:
      var inner: [AdministrationOperation] = []
      for _ in 0..<corpus.rng.int(in: 2...4) {
        inner.append(operation(on: snapshot, allowBatch: false))
      }
      change = .batch(inner)
    }
    let context = requestContext()
    return AdministrationOperation(
      actor: actor, activeMode: corpus.rng.percent(50), context: context, change)
  }

  /// The acting user: mostly a member of the organization concerned, preferably one
  /// granted a lot; sometimes `root` or anyone.
  private mutating func pickActor(_ directory: Directory, _ policy: Policy, org: OrgID) -> UserID {
    let members = directory.memberships.filter { $0.org == org }
    let strong = members.filter { membership in
      policy.roles.first { $0.id == membership.role }?.grants.contains { $0.permission == "*" }
        ?? false
    }
    var actor = pickUser(directory, unknownPercent: 5)
    if directory.users.contains(where: { $0.id == "root" }), corpus.rng.percent(25) {
      actor = "root"
    } else if let member = corpus.rng.pickIfAny(strong), corpus.rng.percent(60) {
      actor = member.user
    } else if let member = corpus.rng.pickIfAny(members), corpus.rng.percent(70) {
      actor = member.user
    }
    return actor
  }

  /// Membership and organization operations (kinds 0 to 8).
  private mutating func memberChange(
    _ kind: Int, _ directory: Directory, user: UserID, org: OrgID, role: RoleID
  ) -> AdministrationOperation.Change {
    let change: AdministrationOperation.Change
    switch kind {
    case 0, 1:
      let shops = directory.organizations.first { $0.id == org }?.shops ?? []
      change = .invite(
        user: corpus.rng.percent(60) ? newUser() : user, org: org, role: role,
        shops: corpus.rng.subset(shops, percent: 50))
    case 2, 3: change = .changeRole(user: user, org: org, role: role)
    case 4: change = .removeMember(user: user, org: org)
    case 5: change = .deactivateUser(user: user, org: org)
    case 6: change = .reactivateUser(user: user, org: org)
    case 7: change = .transferOwnership(user: user, org: org)
    default: change = corpus.rng.percent(50) ? .deactivateOrg(org: org) : .reactivateOrg(org: org)
    }
    return change
  }

  /// Role, direct-grant, plan and feature operations (kinds 9 to 16).
  private mutating func roleOrGrantChange(
    _ kind: Int, _ directory: Directory, _ policy: Policy, user: UserID, org: OrgID, role: RoleID
  ) -> AdministrationOperation.Change {
    let change: AdministrationOperation.Change
    switch kind {
    case 9: change = .createRole(org: org, role: newRole(policy))
    case 10:
      change = .editRole(
        org: org, role: role, name: corpus.rng.percent(30) ? "Renamed" : nil,
        grants: corpus.rng.percent(50) ? grants(policy) : nil,
        inherits: corpus.rng.percent(60)
          ? corpus.rng.sample(policy.roles.map(\.id), count: corpus.rng.int(in: 0...2)) : nil)
    case 11: change = .deleteRole(org: org, role: role)
    case 12: change = .restoreRole(org: org, role: role)
    case 13, 14:
      change = .grantDirect(
        user: user, org: org, grant: grants(policy).first ?? Grant("*"),
        withPrerequisites: corpus.rng.percent(50))
    case 15:
      let held = directory.memberships.first { $0.user == user && $0.org == org }?.grants ?? []
      let grant = corpus.rng.pickIfAny(held) ?? grants(policy).first ?? Grant("*")
      change = .revokeDirect(
        user: user, org: org, permission: grant.permission,
        scope: corpus.rng.percent(50) ? grant.scope : nil)
    default:
      if corpus.rng.percent(50) {
        let plan: PlanID? =
          corpus.rng.percent(20) ? nil : corpus.rng.pickIfAny(policy.plans.map(\.id)) ?? "gold"
        change = .setPlan(org: org, plan: plan)
      } else {
        let children = policy.features.flatMap(\.children).map(\.id)
        change = .setFeature(
          org: org, feature: corpus.rng.pickIfAny(children) ?? "nothing",
          enabled: corpus.rng.pick([true, false, nil]))
      }
    }
    return change
  }

  /// API-key, allowlist and MFA operations (kinds 17 to 20); revoking a key may move the
  /// operation to the key's organization and user.
  private mutating func securityChange(
    _ kind: Int, _ snapshot: Snapshot, user: UserID, org: inout OrgID, actor: inout UserID
  ) -> AdministrationOperation.Change {
    let change: AdministrationOperation.Change
    switch kind {
    case 17:
      change = .createAPIKey(
        NewAPIKey(
          user: corpus.rng.percent(50) ? actor : user, org: org,
          scope: corpus.rng.pick(APIKeyScope.allCases),
          expiry: corpus.rng.pick(APIKeyExpiry.allCases), created: Self.epoch,
          name: corpus.rng.percent(30) ? "Sync" : nil))
    case 18:
      // Mostly a live key of this organization (or, acting as its user, of another).
      let live = snapshot.apiKeys.filter { !$0.isRevoked }
      var keys = live.filter { $0.org == org }
      if keys.isEmpty, let key = corpus.rng.pickIfAny(live), corpus.rng.percent(70) {
        (org, actor, keys) = (key.org, key.user, [key])
      }
      if corpus.rng.percent(20) { keys = snapshot.apiKeys }
      change = .revokeAPIKey(
        org: org, id: corpus.rng.pickIfAny(keys)?.id ?? "ffffffffffffffff")
    case 19:
      let entries = ["10.0.0.0/8", "192.168.1.0/24", "2001:db8::/32", "203.0.113.42", "not-an-ip"]
      change = .setAllowlist(
        org: org,
        entries: corpus.rng.percent(25) ? nil : corpus.rng.subset(entries, percent: 40))
    default:
      let level = corpus.rng.pick(MFAEnforcement.Level.allCases)
      change = .setMFA(
        org: org,
        enforcement: corpus.rng.percent(25) ? nil : MFAEnforcement(level, since: Self.epoch))
    }
    return change
  }

  /// Often the actor's request context: from a listed address or not, verified or not.
  private mutating func requestContext() -> RequestContext? {
    return
      corpus.rng.percent(50)
      ? RequestContext(
        time: Self.epoch.adding(seconds: Int64(corpus.rng.int(in: 0...20)) * 86_400),
        clientIP: IPAddress(corpus.rng.pick(Self.addresses)),
        mfaVerifiedAt: corpus.rng.percent(60) ? Self.epoch.adding(seconds: 20 * 86_400) : nil)
      : nil
  }

  private mutating func pickUser(_ directory: Directory, unknownPercent: Int) -> UserID {
    if corpus.rng.percent(unknownPercent) { return CorpusGenerator.unknownUser }
    return corpus.rng.pickIfAny(directory.users)?.id ?? CorpusGenerator.unknownUser
  }

  private mutating func pickMembership(_ directory: Directory) -> (UserID, OrgID) {
    if let membership = corpus.rng.pickIfAny(directory.memberships), corpus.rng.percent(85) {
      return (membership.user, membership.org)
    }
    return (
      pickUser(directory, unknownPercent: 10),
      corpus.rng.pickIfAny(directory.organizations)?.id ?? CorpusGenerator.unknownOrg
    )
  }

  private mutating func pickRole(_ policy: Policy) -> RoleID {
    if corpus.rng.percent(5) { return "UNKNOWN_ROLE" }
    return corpus.rng.pick(policy.roles).id
  }

  private mutating func newUser() -> UserID {
    fresh += 1
    return UserID("n\(fresh)")
  }

  private mutating func newRole(_ policy: Policy) -> Role {
    fresh += 1
    let id = corpus.rng.percent(10) ? corpus.rng.pick(policy.roles).id : RoleID("R\(fresh)")
    let parents = corpus.rng.sample(policy.roles.map(\.id), count: corpus.rng.int(in: 0...2))
    return Role(id, inherits: parents, grants: grants(policy))
  }

  private mutating func grants(_ policy: Policy) -> [Grant] {
    let keys = policy.permissions.map(\.key)
    let states = CorpusGenerator.knownStates(of: policy)
    var result: [Grant] = []
    for _ in 0..<corpus.rng.int(in: 1...3) {
      result.append(corpus.grant(keys: keys, states: states))
    }
    if corpus.rng.percent(3) { result.append(Grant("nothing::matches::this")) }
    return result
  }
}
