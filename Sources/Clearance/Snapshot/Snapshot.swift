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
  @usableFromInline let frozenTenant: Frozen<UInt64>
  @usableFromInline let frozenGlobal: Frozen<UInt64>
  /// One byte per organization for the hot path: ``HotTables/liveFlag`` when it is live,
  /// ``HotTables/securedFlag`` when an allowlist or MFA enforcement applies to it.
  @usableFromInline let frozenOrgFlags: Frozen<UInt8>
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
    frozenTenant = sameOrgState?.frozenTenant ?? Frozen(orgState.tenantFeatures)
    frozenGlobal = sameOrgState?.frozenGlobal ?? Frozen(orgState.globalFeatures)
    if let same = sameOrgState, same.security === self.security {
      frozenOrgFlags = same.frozenOrgFlags
    } else {
      frozenOrgFlags = Frozen(
        HotTables.orgFlags(live: orgState.isLive, secured: self.security.secured))
    }
    hot = HotTables(
      policyToken: policy.token, structureToken: structure.token,
      orgFlags: frozenOrgFlags.base, tenant: frozenTenant.base, global: frozenGlobal.base,
      featureWords: policy.featureWordCount, blocks: structure.blocks.entries,
      blockCount: structure.blocks.count, intervals: structure.orgs.frozenIntervals.base,
      roleActive: policy.roleActive.base, roleHasConditions: policy.roleHasConditions.base,
      gate: policy.frozenGate.base, wordCount: policy.wordCount,
      stepUp: policy.security.frozenStepUp.base,
      hasStepUp: policy.security.hasStepUp,
      names: HotNames(
        users: structure.userNames.lookup, orgs: structure.orgs.names.lookup,
        policy: policy.requestNames.index.lookup,
        permissionCount: policy.requestNames.permissionCount,
        transitions: policy.requestNames.transitions.base),
      allowlists: self.security.frozenAllowlists.hot)
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
    frozenTenant = snapshot.frozenTenant
    frozenGlobal = snapshot.frozenGlobal
    frozenOrgFlags = snapshot.frozenOrgFlags
    hot = snapshot.hot
  }
}
