extension CompiledPolicy {
  /// The permission catalog as the passes after it see it.
  struct PermissionCatalog {
    var catalog: Catalog
    /// The position in `policy.permissions` of each permission (duplicates are skipped).
    var position: [Int]
    /// Words of a permission bitset.
    var wordCount: Int
  }

  /// Pass 1: interns every permission key and its three segments, and indexes each
  /// segment for expanding grant patterns.
  static func permissionCatalog(of policy: Policy, issues: inout IssueCollector)
    throws(ValidationError) -> PermissionCatalog
  {
    if policy.permissions.count > PolicyLimits.permissions {
      try issues.refuse(
        "permissions", "\(policy.permissions.count) permissions",
        limit: PolicyLimits.permissions, name: "permissions")
    }
    var keys: [PermissionKey] = []
    keys.reserveCapacity(policy.permissions.count)
    var index = InternTable(capacity: policy.permissions.count)
    var segmentIndex = InternTable()
    var segments: [Int32] = []
    segments.reserveCapacity(3 * policy.permissions.count)
    var position: [Int] = []
    for (i, definition) in policy.permissions.enumerated() {
      // Interns the key and its segments straight from its bytes: no string is made.
      let outcome = withUTF8Bytes(of: definition.key.rawValue) { bytes -> KeyOutcome in
        guard let (first, second, third) = PermissionKeySyntax.segmentRanges(of: bytes) else {
          return .illFormed
        }
        guard index.intern(bytes).inserted else { return .duplicate }
        func intern(_ range: Range<Int>) {
          segments.append(
            segmentIndex.intern(UnsafeRawBufferPointer(rebasing: bytes[range])).number)
        }
        intern(first)
        intern(second)
        intern(third)
        return .added
      }
      switch outcome {
      case .illFormed:
        issues.add(
          "permissions[\(i)]", .illFormed,
          "ill-formed permission key \"\(definition.key)\" (expected feature::sub_feature::action, "
            + "each segment [a-z][a-z0-9_]*)")
      case .duplicate:
        issues.add(.duplicate(path: "permissions[\(i)]", kind: "permission", name: definition.key))
      case .added:
        keys.append(definition.key)
        position.append(i)
      }
    }
    var postings = [[Int32]](repeating: [], count: segmentIndex.count * 3)
    for (i, segment) in segments.enumerated() {
      postings[Int(segment) * 3 + i % 3].append(Int32(i / 3))
    }
    let catalog = Catalog(
      keys: keys, index: index, segments: segments, segmentIndex: segmentIndex,
      postings: postings)
    return PermissionCatalog(
      catalog: catalog, position: position, wordCount: max(Bits.words(for: keys.count), 1))
  }
}

/// What the catalog pass made of one declared key.
private enum KeyOutcome {
  case illFormed
  case duplicate
  case added
}
