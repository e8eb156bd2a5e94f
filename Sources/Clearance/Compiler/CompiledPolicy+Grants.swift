/// A grant matched against the catalog: its source, its pattern as interned segments
/// (-1 for `*`), and its expansion.
struct CompiledGrant: Sendable {
  let source: Grant
  let matcher: [Int32]
  let expanded: ExpandedGrant
}

/// A grant pattern matched against the catalog: its interned segments (-1 for `*`) and
/// the permissions it matches, in catalog order.
struct PatternExpansion: Sendable {
  var matcher: [Int32]
  var permissions: [Int32]
}

/// The expansions already made while one policy compiles, so that grants naming the same
/// pattern or the same declared key share one expansion and its storage: each grant's
/// permission text costs one lookup by its bytes once it has been seen.
struct ExpansionCache {
  /// The permission texts expanded so far; text `n`'s expansion is `expansions[n]`.
  var texts = InternTable()
  var expansions: [PatternExpansion] = []
}

extension CompiledPolicy {
  /// Validates and expands one grant. Returns nil (with issues) when it is invalid.
  static func compile(
    _ grant: Grant, path: @autoclosure () -> String, catalog: Catalog,
    stateIndex: InternTable,
    issues: inout IssueCollector
  ) -> CompiledGrant? {
    guard let expansion = expand(grant.permission, path: path(), catalog: catalog, issues: &issues)
    else { return nil }
    return compiled(
      grant, expansion: expansion, path: path(), stateIndex: stateIndex, issues: &issues)
  }

  /// Validates and expands one grant, reusing and filling `expansions`: grants with the
  /// same permission text share one expansion (and its storage). Returns nil (with
  /// issues) when the grant is invalid.
  static func compile(
    _ grant: Grant, path: @autoclosure () -> String, catalog: Catalog,
    stateIndex: InternTable,
    issues: inout IssueCollector, expansions: inout ExpansionCache
  ) -> CompiledGrant? {
    let expansion: PatternExpansion
    if let seen = expansions.texts.number(of: grant.permission.rawValue) {
      expansion = expansions.expansions[Int(seen)]
    } else {
      guard let made = expand(grant.permission, path: path(), catalog: catalog, issues: &issues)
      else { return nil }
      _ = expansions.texts.intern(grant.permission.rawValue)
      expansions.expansions.append(made)
      expansion = made
    }
    return compiled(
      grant, expansion: expansion, path: path(), stateIndex: stateIndex, issues: &issues)
  }

  /// A grant with its expansion made, once its state condition is validated; nil (with
  /// issues) when that is invalid.
  private static func compiled(
    _ grant: Grant, expansion: PatternExpansion, path: @autoclosure () -> String,
    stateIndex: InternTable, issues: inout IssueCollector
  ) -> CompiledGrant? {
    guard let states = states(of: grant, path: path(), stateIndex: stateIndex, issues: &issues)
    else { return nil }
    return CompiledGrant(
      source: grant, matcher: expansion.matcher,
      expanded: ExpandedGrant(
        permissions: expansion.permissions, scope: grant.scope, states: states))
  }

  /// The permissions a grant pattern matches; nil (with issues) when it is ill-formed or
  /// matches nothing. A declared key needs one lookup and no parsing.
  static func expand(
    _ pattern: PermissionPattern, path: @autoclosure () -> String, catalog: Catalog,
    issues: inout IssueCollector
  ) -> PatternExpansion? {
    if let p = catalog.index[pattern] {
      return exactExpansion(of: p, in: catalog)
    }
    guard let parts = PermissionKeySyntax.pattern(pattern.rawValue) else {
      issues.add(
        path() + ".permission", .illFormed,
        "ill-formed permission pattern \"\(pattern)\" (expected a key whose segments may be *, or * alone)"
      )
      return nil
    }
    var matcher: [Int32] = []
    var impossible = false
    for part in parts {
      if let part {
        if let id = catalog.segmentIndex[part] { matcher.append(id) } else { impossible = true }
      } else {
        matcher.append(-1)
      }
    }
    let permissions = impossible ? [] : catalog.expand(matcher, key: pattern)
    if permissions.isEmpty {
      issues.add(
        path() + ".permission", .matchesNothing,
        "pattern \"\(pattern)\" matches no declared permission")
      return nil
    }
    return PatternExpansion(matcher: matcher, permissions: permissions)
  }

  /// The expansion of declared key `p` written as a pattern.
  static func exactExpansion(of p: Int32, in catalog: Catalog) -> PatternExpansion {
    let first = Int(p) * 3
    return PatternExpansion(matcher: Array(catalog.segments[first..<first + 3]), permissions: [p])
  }

  /// A grant's state condition as state numbers: nil (with issues) when it is invalid,
  /// `.some(nil)` when the grant has no condition.
  static func states(
    of grant: Grant, path: @autoclosure () -> String, stateIndex: InternTable,
    issues: inout IssueCollector
  ) -> [Int32]?? {
    var states: [Int32]?
    if let names = grant.states {
      var ids: [Int32] = []
      ids.reserveCapacity(names.count)
      var valid = true
      if names.isEmpty {
        issues.add(path() + ".states", .illFormed, "empty state list (omit it for no condition)")
        valid = false
      }
      for (k, name) in names.enumerated() {
        if let id = stateIndex[name] {
          ids.append(id)
        } else {
          issues.add(.unknownReference(path: path() + ".states[\(k)]", kind: "state", name: name))
          valid = false
        }
      }
      if !valid { return nil }
      states = ids
    }
    return .some(states)
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
}
