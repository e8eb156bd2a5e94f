/// A policy validated and compiled into the evaluator's tables. Immutable and `Sendable`.
///
/// Compiling interns every name into a small integer, expands grant patterns, flattens
/// role inheritance into one bitset per role per relation level, closes prerequisites
/// into masks and turns workflow edges into bit masks. It either succeeds whole or throws
/// a ``ValidationError`` listing every problem with its path.
///
/// ```swift
/// let compiled = try CompiledPolicy(policy)
/// let snapshot = try Snapshot(policy: compiled, directory: directory)
/// ```
public final class CompiledPolicy: Sendable {
  /// The policy this was compiled from.
  public let source: Policy
  /// Ties handles (actions, principals, resources) to this compilation.
  @usableFromInline let token: UInt64

  // Permissions.
  @usableFromInline let wordCount: Int
  let permissionKeys: [PermissionKey]
  /// Each permission key's number, by the key's bytes.
  let permissionIndex: InternTable
  /// Interned segments of each permission: `segments[p * 3 + i]`.
  let segments: [Int32]
  let segmentIndex: InternTable
  /// The permissions whose segment `i` is segment `s`: `postings[s * 3 + i]`, for expanding
  /// patterns without scanning the catalog.
  let postings: [[Int32]]
  /// The catalog's lookups, bundled for expanding patterns.
  let catalog: Catalog
  /// Directly required permissions of each permission, each listed once.
  let requires: Graph
  /// What must be covered for permission `p` to be active (itself and every transitive
  /// prerequisite), as sparse words: entries `needStart[p] ..< needStart[p + 1]`.
  @usableFromInline let needStart: [Int32]
  @usableFromInline let needWord: [Int32]
  @usableFromInline let needBits: [UInt64]
  /// The child feature gating each permission, or -1 when ungated.
  @usableFromInline let gate: [Int32]
  @usableFromInline let frozenGate: Frozen<Int32>

  // Features.
  let childFeatures: [FeatureID]
  let childIndex: [FeatureID: Int32]
  let parentFeatures: [FeatureID]
  let childrenOfParent: [FeatureID: [Int32]]
  @usableFromInline let featureWordCount: Int
  let defaultGlobalFeatures: [UInt64]
  let planIndex: [PlanID: Int32]
  /// `planFeatures[plan * featureWordCount + word]`.
  let planFeatures: [UInt64]

  // Roles.
  let roleIDs: [RoleID]
  let roleIndex: [RoleID: Int32]
  let roleIsDeleted: [Bool]
  /// One grant set per role (index = role index), inheritance flattened in.
  @usableFromInline let roleGrants: GrantTable
  /// `roleActive[(role * 4 + level) * wordCount + word]`: the permissions a role has active
  /// at each relation level from its unconditional grants alone (covered, with every
  /// prerequisite covered). A set bit is final; a clear bit is final too unless the role
  /// has state-conditional grants or the membership has direct grants. The same buffer as
  /// `roleGrants.levels` (the role table keeps only its inactive bits apart).
  @usableFromInline let roleActive: Frozen<UInt64>
  /// Whether a role (with what it inherits) has state-conditional grants.
  @usableFromInline let roleHasConditions: Frozen<Bool>
  /// The roles each role inherits from directly, each once, in declaration order.
  let parents: Graph
  /// Each role's own grants, compiled for explain.
  let ownGrants: [[CompiledGrant]]

  // States and workflows.
  let stateNames: [StateName]
  /// Each state name's number, by the name's bytes.
  let stateIndex: InternTable
  @usableFromInline let stateWordCount: Int
  @usableFromInline let workflows: [CompiledWorkflow]
  let workflowIndex: [WorkflowID: Int32]
  /// Action texts and state names by exact bytes, for requests by name.
  let requestNames: PolicyNames
  /// The security section, compiled.
  let security: CompiledSecurity

  /// Validates and compiles a policy.
  ///
  /// The passes run in the order below, each in its own file; every problem is collected
  /// with its path and thrown together once the last pass has run. A policy past one of
  /// the ``PolicyLimits`` is refused with an issue naming the limit.
  ///
  /// - Throws: ``ValidationError`` with every problem found, each with its path.
  public init(_ policy: Policy) throws(ValidationError) {
    var issues = IssueCollector()
    source = policy
    token = Tokens.next()
    policy.checkIdentifiers(into: &issues)

    let permissions = try CompiledPolicy.permissionCatalog(of: policy, issues: &issues)
    permissionKeys = permissions.catalog.keys
    permissionIndex = permissions.catalog.index
    segments = permissions.catalog.segments
    segmentIndex = permissions.catalog.segmentIndex
    postings = permissions.catalog.postings
    catalog = permissions.catalog
    wordCount = permissions.wordCount

    let prerequisites = try CompiledPolicy.prerequisites(
      of: policy, permissions: permissions, issues: &issues)
    requires = prerequisites.requires
    needStart = prerequisites.needs.start
    needWord = prerequisites.needs.word
    needBits = prerequisites.needs.bits

    let features = CompiledPolicy.features(of: policy, issues: &issues)
    childFeatures = features.children
    childIndex = features.childIndex
    parentFeatures = features.parents
    childrenOfParent = features.childrenOfParent
    featureWordCount = features.wordCount
    defaultGlobalFeatures = features.defaultGlobal
    gate = CompiledPolicy.gates(
      of: policy, permissions: permissions, features: features, issues: &issues)
    (planIndex, planFeatures) = CompiledPolicy.plans(
      of: policy, features: features, issues: &issues)

    (stateNames, stateIndex) = try CompiledPolicy.states(of: policy, issues: &issues)
    stateWordCount = max(Bits.words(for: stateNames.count), 1)

    let roles = try CompiledPolicy.roles(of: policy, issues: &issues)
    roleIDs = roles.ids
    roleIndex = roles.index
    roleIsDeleted = roles.isDeleted
    parents = roles.parents
    ownGrants = try CompiledPolicy.ownGrants(
      of: policy, roles: roles, catalog: permissions.catalog, stateIndex: stateIndex,
      issues: &issues)

    (workflows, workflowIndex) = try CompiledPolicy.workflows(
      of: policy, stateIndex: stateIndex, permissionIndex: permissionIndex, issues: &issues)

    security = CompiledSecurity(
      policy.security, catalog: permissions.catalog, roleIndex: roleIndex,
      roleCount: roleIDs.count, wordCount: wordCount, issues: &issues)
    if let administration = policy.administration {
      let index = Dictionary(
        uniqueKeysWithValues: permissionKeys.enumerated().map { ($1, Int32($0)) })
      administration.validate(permissions: index, roles: roleIndex, issues: &issues)
    }
    try issues.throwIfAny()

    let table = try CompiledPolicy.flatten(
      roles, ownGrants: ownGrants, wordCount: wordCount, stateWordCount: stateWordCount,
      prerequisites: prerequisites, issues: &issues)
    roleGrants = table
    roleActive = table.levels
    roleHasConditions = Frozen(
      (0..<roles.ids.count).map { table.conditionStart[$0] != table.conditionStart[$0 + 1] })
    frozenGate = Frozen(gate)
    requestNames = PolicyNames(
      permissions: permissionKeys, stateNames: stateNames, workflows: workflows)
  }

  /// Number of permissions in the catalog.
  public var permissionCount: Int { permissionKeys.count }
  /// The roles, in declaration order.
  public var roles: [RoleID] { roleIDs }
  /// The permission keys, in declaration order.
  public var permissions: [PermissionKey] { permissionKeys }
}
