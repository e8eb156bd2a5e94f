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
  let permissionIndex: [PermissionKey: Int32]
  /// Interned segments of each permission: `segments[p * 3 + i]`.
  let segments: [Int32]
  let segmentIndex: [String: Int32]
  /// The permissions whose segment `i` is segment `s`: `postings[s * 3 + i]`, for expanding
  /// patterns without scanning the catalog.
  let postings: [[Int32]]
  /// The catalog's lookups, bundled for expanding patterns.
  let catalog: Catalog
  /// Directly required permissions of each permission.
  let requires: [[Int32]]
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
  /// has state-conditional grants or the membership has direct grants.
  @usableFromInline let roleActive: Frozen<UInt64>
  /// Whether a role (with what it inherits) has state-conditional grants.
  @usableFromInline let roleHasConditions: Frozen<Bool>
  /// For each role, itself and every role it inherits from, with the path to it.
  let ancestry: [[(role: Int32, via: [Int32])]]
  /// Each role's own grants, compiled for explain.
  let ownGrants: [[CompiledGrant]]

  // States and workflows.
  let stateNames: [StateName]
  let stateIndex: [StateName: Int32]
  @usableFromInline let stateWordCount: Int
  @usableFromInline let workflows: [CompiledWorkflow]
  let workflowIndex: [WorkflowID: Int32]
  /// The security section, compiled.
  let security: CompiledSecurity

  /// Validates and compiles a policy.
  ///
  /// - Throws: ``ValidationError`` with every problem found, each with its path.
  public init(_ policy: Policy) throws(ValidationError) {
    var issues = IssueCollector()
    source = policy
    token = Tokens.next()

    // Permissions and their segments.
    var keys: [PermissionKey] = []
    var index: [PermissionKey: Int32] = [:]
    var segmentIndex: [String: Int32] = [:]
    var segments: [Int32] = []
    var position: [Int] = []  // permission index -> position in policy.permissions
    for (i, definition) in policy.permissions.enumerated() {
      let path = "permissions[\(i)]"
      guard let parts = PermissionKeySyntax.segments(of: definition.key.rawValue) else {
        issues.add(
          path, .illFormed,
          "ill-formed permission key \"\(definition.key)\" (expected feature::sub_feature::action, "
            + "each segment [a-z][a-z0-9_]*)")
        continue
      }
      if index[definition.key] != nil {
        issues.add(path, .duplicate, "duplicate permission \"\(definition.key)\"")
        continue
      }
      index[definition.key] = Int32(keys.count)
      keys.append(definition.key)
      position.append(i)
      for part in parts {
        let id = segmentIndex[part] ?? Int32(segmentIndex.count)
        segmentIndex[part] = id
        segments.append(id)
      }
    }
    permissionKeys = keys
    permissionIndex = index
    self.segments = segments
    self.segmentIndex = segmentIndex
    var postings = [[Int32]](repeating: [], count: segmentIndex.count * 3)
    for (i, segment) in segments.enumerated() {
      postings[Int(segment) * 3 + i % 3].append(Int32(i / 3))
    }
    self.postings = postings
    let catalog = Catalog(
      keys: keys, index: index, segments: segments, segmentIndex: segmentIndex,
      postings: postings)
    self.catalog = catalog
    let count = keys.count
    wordCount = max(Bits.words(for: count), 1)

    // Prerequisites.
    var requires = [[Int32]](repeating: [], count: count)
    for (p, i) in position.enumerated() {
      for (j, required) in policy.permissions[i].requires.enumerated() {
        if let r = index[required] {
          if !requires[p].contains(r) { requires[p].append(r) }
        } else {
          issues.add(
            "permissions[\(i)].requires[\(j)]", .unknownReference,
            "unknown permission \"\(required)\"")
        }
      }
    }
    self.requires = requires
    let prerequisiteCycles = findCycles(nodeCount: count) { requires[$0].map(Int.init) }
    for cycle in prerequisiteCycles {
      issues.add(
        "permissions", .cycle,
        "prerequisite cycle " + cycle.map { keys[$0].rawValue }.joined(separator: " -> "))
    }
    var needStart: [Int32] = [0]
    var needWord: [Int32] = []
    var needBits: [UInt64] = []
    if prerequisiteCycles.isEmpty {
      for p in 0..<count {
        var closure = [UInt64](repeating: 0, count: wordCount)
        var stack = [p]
        Bits.set(p, in: &closure)
        while let next = stack.popLast() {
          for r in requires[next] where !Bits.test(Int(r), in: closure) {
            Bits.set(Int(r), in: &closure)
            stack.append(Int(r))
          }
        }
        for (w, bits) in closure.enumerated() where bits != 0 {
          needWord.append(Int32(w))
          needBits.append(bits)
        }
        needStart.append(Int32(needWord.count))
      }
    }
    self.needStart = needStart
    self.needWord = needWord
    self.needBits = needBits

    // Features.
    var childFeatures: [FeatureID] = []
    var childIndex: [FeatureID: Int32] = [:]
    var parentFeatures: [FeatureID] = []
    var childrenOfParent: [FeatureID: [Int32]] = [:]
    var defaultOn: [Bool] = []
    for (i, parent) in policy.features.enumerated() {
      let path = "features[\(i)]"
      if !PermissionKeySyntax.isSegment(parent.id.rawValue) {
        issues.add(path + ".id", .illFormed, "ill-formed feature id \"\(parent.id)\"")
      }
      if childrenOfParent[parent.id] != nil || childIndex[parent.id] != nil {
        issues.add(path + ".id", .duplicate, "duplicate feature \"\(parent.id)\"")
        continue
      }
      parentFeatures.append(parent.id)
      childrenOfParent[parent.id] = []
      for (j, child) in parent.children.enumerated() {
        let childPath = "\(path).children[\(j)]"
        if !PermissionKeySyntax.isSegment(child.id.rawValue) {
          issues.add(childPath, .illFormed, "ill-formed feature id \"\(child.id)\"")
        }
        if childIndex[child.id] != nil || childrenOfParent[child.id] != nil {
          issues.add(childPath, .duplicate, "duplicate feature \"\(child.id)\"")
          continue
        }
        childIndex[child.id] = Int32(childFeatures.count)
        childrenOfParent[parent.id, default: []].append(Int32(childFeatures.count))
        childFeatures.append(child.id)
        defaultOn.append(child.isEnabled)
      }
    }
    self.childFeatures = childFeatures
    self.childIndex = childIndex
    self.parentFeatures = parentFeatures
    self.childrenOfParent = childrenOfParent
    featureWordCount = max(Bits.words(for: childFeatures.count), 1)
    var globals = [UInt64](repeating: 0, count: featureWordCount)
    for (f, on) in defaultOn.enumerated() where on { Bits.set(f, in: &globals) }
    defaultGlobalFeatures = globals

    var ungated = Set<String>()
    for (i, segment) in policy.ungated.enumerated() {
      if !PermissionKeySyntax.isSegment(segment) {
        issues.add("ungated[\(i)]", .illFormed, "ill-formed feature segment \"\(segment)\"")
      } else if childIndex[FeatureID(segment)] != nil {
        issues.add(
          "ungated[\(i)]", .duplicate, "\"\(segment)\" is a child feature and cannot be ungated")
      }
      ungated.insert(segment)
    }
    var gate = [Int32](repeating: -1, count: count)
    if !policy.features.isEmpty {
      var reported = Set<String>()
      for (p, key) in keys.enumerated() {
        let first = PermissionKeySyntax.firstSegment(of: key.rawValue)
        if let child = childIndex[FeatureID(first)] {
          gate[p] = child
        } else if !ungated.contains(first) && reported.insert(first).inserted {
          issues.add(
            "permissions[\(position[p])]", .ungatedFeature,
            "\"\(first)\" is neither a declared child feature nor listed as ungated")
        }
      }
    }
    self.gate = gate

    var planIndex: [PlanID: Int32] = [:]
    var planFeatures: [UInt64] = []
    for (i, plan) in policy.plans.enumerated() {
      if plan.id.rawValue.isEmpty {
        issues.add("plans[\(i)].id", .illFormed, "empty plan id")
      }
      if planIndex[plan.id] != nil {
        issues.add("plans[\(i)].id", .duplicate, "duplicate plan \"\(plan.id)\"")
        continue
      }
      var words = [UInt64](repeating: 0, count: featureWordCount)
      for (j, feature) in plan.features.enumerated() {
        if let child = childIndex[feature] {
          Bits.set(Int(child), in: &words)
        } else if let children = childrenOfParent[feature] {
          for child in children { Bits.set(Int(child), in: &words) }
        } else {
          issues.add(
            "plans[\(i)].features[\(j)]", .unknownReference, "unknown feature \"\(feature)\"")
        }
      }
      planIndex[plan.id] = Int32(planIndex.count)
      planFeatures.append(contentsOf: words)
    }
    self.planIndex = planIndex
    self.planFeatures = planFeatures

    // States: every workflow state and every state named in a role grant's condition.
    var stateNames: [StateName] = []
    var stateIndex: [StateName: Int32] = [:]
    func intern(_ state: StateName) -> Int32 {
      if let id = stateIndex[state] { return id }
      let id = Int32(stateNames.count)
      stateIndex[state] = id
      stateNames.append(state)
      return id
    }
    for workflow in policy.workflows {
      for state in workflow.states where !state.name.rawValue.isEmpty { _ = intern(state.name) }
    }
    for role in policy.roles {
      for grant in role.grants {
        for state in grant.states ?? [] where !state.rawValue.isEmpty { _ = intern(state) }
      }
    }
    self.stateNames = stateNames
    self.stateIndex = stateIndex
    stateWordCount = max(Bits.words(for: stateNames.count), 1)

    // Roles.
    var roleIDs: [RoleID] = []
    var roleIndex: [RoleID: Int32] = [:]
    var roleIsDeleted: [Bool] = []
    var declaration: [Int] = []  // role index -> position in policy.roles
    for (i, role) in policy.roles.enumerated() {
      if role.id.rawValue.isEmpty {
        issues.add("roles[\(i)].id", .illFormed, "empty role id")
        continue
      }
      if roleIndex[role.id] != nil {
        issues.add("roles[\(i)].id", .duplicate, "duplicate role \"\(role.id)\"")
        continue
      }
      roleIndex[role.id] = Int32(roleIDs.count)
      roleIDs.append(role.id)
      roleIsDeleted.append(role.isDeleted)
      declaration.append(i)
    }
    var parents = [[Int32]](repeating: [], count: roleIDs.count)
    for (r, i) in declaration.enumerated() {
      let role = policy.roles[i]
      for (j, parentID) in role.inherits.enumerated() {
        let path = "roles[\(i)].inherits[\(j)]"
        guard let parent = roleIndex[parentID] else {
          issues.add(path, .unknownReference, "unknown role \"\(parentID)\"")
          continue
        }
        if roleIsDeleted[Int(parent)] && !role.isDeleted {
          issues.add(
            path, .deletedRole,
            "live role \"\(role.id)\" inherits from deleted role \"\(parentID)\"")
        }
        if !parents[r].contains(parent) { parents[r].append(parent) }
      }
    }
    let roleCycles = findCycles(nodeCount: roleIDs.count) { parents[$0].map(Int.init) }
    for cycle in roleCycles {
      issues.add(
        "roles", .cycle,
        "inheritance cycle " + cycle.map { roleIDs[$0].rawValue }.joined(separator: " -> "))
    }

    // Each role's own grants, expanded.
    var ownGrants = [[CompiledGrant]](repeating: [], count: roleIDs.count)
    for (r, i) in declaration.enumerated() {
      for (j, grant) in policy.roles[i].grants.enumerated() {
        let path = "roles[\(i)].grants[\(j)]"
        if let compiled = CompiledPolicy.compile(
          grant, path: path, catalog: catalog, stateIndex: stateIndex, issues: &issues)
        {
          ownGrants[r].append(compiled)
        }
      }
    }
    self.ownGrants = ownGrants

    // Ancestry: breadth first from each role, so `via` is a shortest path and ties follow
    // declaration order.
    var ancestry = [[(role: Int32, via: [Int32])]](repeating: [], count: roleIDs.count)
    if roleCycles.isEmpty {
      for r in 0..<roleIDs.count {
        var seen: Set<Int32> = [Int32(r)]
        var queue: [(role: Int32, via: [Int32])] = [(Int32(r), [Int32(r)])]
        var head = 0
        while head < queue.count {
          let (current, via) = queue[head]
          head += 1
          for parent in parents[Int(current)] where seen.insert(parent).inserted {
            queue.append((parent, via + [parent]))
          }
        }
        ancestry[r] = queue
      }
    }
    self.ancestry = ancestry

    // Workflows.
    var workflows: [CompiledWorkflow] = []
    var workflowIndex: [WorkflowID: Int32] = [:]
    for (i, workflow) in policy.workflows.enumerated() {
      let path = "workflows[\(i)]"
      if workflow.id.rawValue.isEmpty {
        issues.add(path + ".id", .illFormed, "empty workflow id")
      } else if workflowIndex[workflow.id] != nil {
        issues.add(path + ".id", .duplicate, "duplicate workflow \"\(workflow.id)\"")
        continue
      }
      if let compiled = CompiledWorkflow(
        workflow, path: path, stateIndex: stateIndex, stateCount: stateNames.count,
        permissionIndex: index, issues: &issues)
      {
        workflowIndex[workflow.id] = Int32(workflows.count)
        workflows.append(compiled)
      }
    }
    self.workflows = workflows
    self.workflowIndex = workflowIndex
    security = CompiledSecurity(
      policy.security, catalog: catalog, roleIndex: roleIndex, roleCount: roleIDs.count,
      wordCount: wordCount, issues: &issues)

    try issues.throwIfAny()

    // Flatten inheritance into one grant set per role.
    var builder = GrantTable.Builder(wordCount: wordCount, stateWordCount: stateWordCount)
    builder.levels.reserveCapacity(roleIDs.count * 4 * wordCount)
    for r in 0..<roleIDs.count {
      if roleIsDeleted[r] {
        builder.append([])
        continue
      }
      var grants: [ExpandedGrant] = []
      for ancestor in ancestry[r] where !roleIsDeleted[Int(ancestor.role)] {
        grants += ownGrants[Int(ancestor.role)].map(\.expanded)
      }
      builder.append(grants)
    }
    roleGrants = GrantTable(builder: builder)
    let (active, conditions) = CompiledPolicy.activity(
      of: roleGrants, roleCount: roleIDs.count, needStart: needStart, needWord: needWord,
      needBits: needBits, requires: requires)
    roleActive = Frozen(active)
    roleHasConditions = Frozen(conditions)
    frozenGate = Frozen(gate)
    self.roleIDs = roleIDs
    self.roleIndex = roleIndex
    self.roleIsDeleted = roleIsDeleted
  }

  /// Each role's unconditional activity per level (see ``roleActive``), and whether it
  /// has conditions.
  static func activity(
    of table: GrantTable, roleCount: Int, needStart: [Int32], needWord: [Int32],
    needBits: [UInt64], requires: [[Int32]]
  ) -> ([UInt64], [Bool]) {
    let words = table.wordCount
    // Permissions that some other permission requires, and those that require any.
    var required = [UInt64](repeating: 0, count: words)
    var dependent = [UInt64](repeating: 0, count: words)
    for (p, direct) in requires.enumerated() where !direct.isEmpty {
      Bits.set(p, in: &dependent)
      for i in Int(needStart[p])..<Int(needStart[p + 1]) {
        let word = Int(needWord[i])
        // What p needs, but not p itself.
        required[word] |= word == Bits.word(p) ? needBits[i] & ~Bits.mask(p) : needBits[i]
      }
    }
    var active = table.levels
    for r in 0..<roleCount {
      for level in 0..<4 {
        let base = (r * 4 + level) * words
        // When every required permission is covered, nothing covered can lack one.
        let complete = (0..<words).allSatisfy { active[base + $0] & required[$0] == required[$0] }
        if complete { continue }
        for w in 0..<words {
          var candidates = table.levels[base + w] & dependent[w]
          while candidates != 0 {
            let p = w * 64 + candidates.trailingZeroBitCount
            candidates &= candidates &- 1
            for i in Int(needStart[p])..<Int(needStart[p + 1]) {
              let need = needBits[i]
              if table.levels[base + Int(needWord[i])] & need != need {
                active[base + w] &= ~Bits.mask(p)
                break
              }
            }
          }
        }
      }
    }
    let conditions = (0..<roleCount).map {
      table.conditionStart[$0] != table.conditionStart[$0 + 1]
    }
    return (active, conditions)
  }

  /// Validates and expands one grant. Returns nil (with issues) when it is invalid.
  static func compile(
    _ grant: Grant, path: String, catalog: Catalog, stateIndex: [StateName: Int32],
    issues: inout IssueCollector
  ) -> CompiledGrant? {
    guard let pattern = PermissionKeySyntax.pattern(grant.permission.rawValue) else {
      issues.add(
        path + ".permission", .illFormed,
        "ill-formed permission pattern \"\(grant.permission)\" (expected a key whose segments may be *, or * alone)"
      )
      return nil
    }
    var matcher: [Int32] = []
    var impossible = false
    for part in pattern {
      if let part {
        if let id = catalog.segmentIndex[part] { matcher.append(id) } else { impossible = true }
      } else {
        matcher.append(-1)
      }
    }
    let permissions = impossible ? [] : catalog.expand(matcher, key: grant.permission)
    if permissions.isEmpty {
      issues.add(
        path + ".permission", .matchesNothing,
        "pattern \"\(grant.permission)\" matches no declared permission")
      return nil
    }
    var states: [Int32]?
    if let names = grant.states {
      var ids: [Int32] = []
      var valid = true
      if names.isEmpty {
        issues.add(path + ".states", .illFormed, "empty state list (omit it for no condition)")
        valid = false
      }
      for (k, name) in names.enumerated() {
        if let id = stateIndex[name] {
          ids.append(id)
        } else {
          issues.add(path + ".states[\(k)]", .unknownReference, "unknown state \"\(name)\"")
          valid = false
        }
      }
      if !valid { return nil }
      states = ids
    }
    return CompiledGrant(
      source: grant, matcher: matcher,
      expanded: ExpandedGrant(permissions: permissions, scope: grant.scope, states: states))
  }

  /// Compiles a membership's direct grants against this policy.
  func compileDirect(_ grants: [Grant], path: String, issues: inout IssueCollector)
    -> [CompiledGrant]
  {
    var compiled: [CompiledGrant] = []
    for (i, grant) in grants.enumerated() {
      if let grant = CompiledPolicy.compile(
        grant, path: "\(path)[\(i)]", catalog: catalog, stateIndex: stateIndex, issues: &issues)
      {
        compiled.append(grant)
      }
    }
    return compiled
  }

  /// Whether a compiled grant's pattern matches permission `p`.
  func matches(_ grant: CompiledGrant, permission p: Int) -> Bool {
    (0..<3).allSatisfy { grant.matcher[$0] < 0 || grant.matcher[$0] == segments[p * 3 + $0] }
  }

  /// Number of permissions in the catalog.
  public var permissionCount: Int { permissionKeys.count }
  /// The roles, in declaration order.
  public var roles: [RoleID] { roleIDs }
  /// The permission keys, in declaration order.
  public var permissions: [PermissionKey] { permissionKeys }
}

/// The permission catalog's lookups, for expanding grant patterns.
struct Catalog: Sendable {
  let keys: [PermissionKey]
  let index: [PermissionKey: Int32]
  /// Interned segments of each permission: `segments[p * 3 + i]`.
  let segments: [Int32]
  let segmentIndex: [String: Int32]
  /// The permissions whose segment `i` is segment `s`: `postings[s * 3 + i]`.
  let postings: [[Int32]]

  /// The permissions a pattern matches, in catalog order. `matcher` holds the pattern's
  /// interned segments, -1 for `*`. An exact key is one lookup; a pattern with a fixed
  /// segment scans only the permissions sharing its rarest fixed segment.
  func expand(_ matcher: [Int32], key: PermissionPattern) -> [Int32] {
    if !matcher.contains(-1) {
      return index[PermissionKey(key.rawValue)].map { [$0] } ?? []
    }
    let fixed = (0..<3).filter { matcher[$0] >= 0 }
    guard
      let rarest = fixed.min(by: {
        postings[Int(matcher[$0]) * 3 + $0].count < postings[Int(matcher[$1]) * 3 + $1].count
      })
    else { return (0..<Int32(keys.count)).map { $0 } }
    return postings[Int(matcher[rarest]) * 3 + rarest].filter { p in
      fixed.allSatisfy { matcher[$0] == segments[Int(p) * 3 + $0] }
    }
  }
}

/// A grant matched against the catalog: its source, its pattern as interned segments
/// (-1 for `*`), and its expansion.
struct CompiledGrant: Sendable {
  let source: Grant
  let matcher: [Int32]
  let expanded: ExpandedGrant
}

/// Parsing of permission keys and patterns.
enum PermissionKeySyntax {
  /// Whether `s` is one segment: `[a-z][a-z0-9_]*`.
  static func isSegment<S: StringProtocol>(_ s: S) -> Bool {
    guard let first = s.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else {
      return false
    }
    return s.utf8.allSatisfy { c in
      (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
        || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
    }
  }

  /// The parts of `s` between `::` separators, found in one pass over its UTF-8 bytes.
  static func split(_ s: String) -> [Substring] {
    var parts: [Substring] = []
    let bytes = s.utf8
    var start = bytes.startIndex
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let next = bytes.index(after: index)
      if bytes[index] == UInt8(ascii: ":") && next < bytes.endIndex
        && bytes[next] == UInt8(ascii: ":")
      {
        parts.append(s[start..<index])
        start = bytes.index(after: next)
        index = start
      } else {
        index = next
      }
    }
    parts.append(s[start...])
    return parts
  }

  /// The three segments of a well-formed key, or nil.
  static func segments(of key: String) -> [String]? {
    let parts = split(key)
    guard parts.count == 3, parts.allSatisfy({ isSegment($0) }) else { return nil }
    return parts.map(String.init)
  }

  /// The first segment of a key (everything before the first `::`).
  static func firstSegment(of key: String) -> String {
    String(split(key)[0])
  }

  /// The three parts of a pattern (nil for `*`), or nil when ill-formed.
  static func pattern(_ pattern: String) -> [String?]? {
    if pattern == "*" { return [nil, nil, nil] }
    let parts = split(pattern)
    guard parts.count == 3 else { return nil }
    var result: [String?] = []
    for part in parts {
      if part == "*" {
        result.append(nil)
      } else if isSegment(part) {
        result.append(String(part))
      } else {
        return nil
      }
    }
    return result
  }
}

/// A grant a role holds, with where it comes from and the permissions it expands to.
public struct RoleGrant: Sendable, Hashable {
  /// The grant as written in the policy.
  public let grant: Grant
  /// `role(R)` for the role's own grants, `inherited(from:via:)` for a parent's.
  public let source: PermissionSource
  /// The declared permissions its pattern matches, in catalog order.
  public let permissions: [PermissionKey]
}

extension CompiledPolicy {
  /// Every grant a role holds: its own first, then each inherited role's (breadth first,
  /// shortest path, ties in declaration order), each with its source and expansion.
  /// Empty for a soft-deleted or unknown role, which grants nothing.
  public func grants(of role: RoleID) -> [RoleGrant] {
    guard let r = roleIndex[role].map(Int.init), !roleIsDeleted[r] else { return [] }
    var result: [RoleGrant] = []
    for ancestor in ancestry[r] where !roleIsDeleted[Int(ancestor.role)] {
      let source = self.source(of: ancestor, heldBy: r)
      for grant in ownGrants[Int(ancestor.role)] {
        result.append(
          RoleGrant(
            grant: grant.source, source: source,
            permissions: grant.expanded.permissions.map { permissionKeys[Int($0)] }))
      }
    }
    return result
  }

  /// Where the grants of `ancestor` (an entry of `ancestry[role]`) come from, seen from
  /// `role`: its own, or inherited through the ancestor's path.
  func source(of ancestor: (role: Int32, via: [Int32]), heldBy role: Int) -> PermissionSource {
    ancestor.role == Int32(role)
      ? .role(roleIDs[role])
      : .inherited(
        from: roleIDs[Int(ancestor.role)], via: ancestor.via.map { roleIDs[Int($0)] })
  }

  /// Every permission `key` requires, transitively, in breadth-first order. Empty for an
  /// unknown key.
  public func prerequisites(of key: PermissionKey) -> [PermissionKey] {
    guard let p = permissionIndex[key] else { return [] }
    var seen: Set<Int32> = [p]
    var queue = requires[Int(p)].filter { seen.insert($0).inserted }
    var head = 0
    while head < queue.count {
      for r in requires[Int(queue[head])] where seen.insert(r).inserted { queue.append(r) }
      head += 1
    }
    return queue.map { permissionKeys[Int($0)] }
  }
}
