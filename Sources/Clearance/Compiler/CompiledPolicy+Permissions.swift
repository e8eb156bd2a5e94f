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
    var index: [PermissionKey: Int32] = [:]
    var segmentIndex: [String: Int32] = [:]
    var segments: [Int32] = []
    var position: [Int] = []
    for (i, definition) in policy.permissions.enumerated() {
      guard let parts = PermissionKeySyntax.segments(of: definition.key.rawValue) else {
        issues.add(
          "permissions[\(i)]", .illFormed,
          "ill-formed permission key \"\(definition.key)\" (expected feature::sub_feature::action, "
            + "each segment [a-z][a-z0-9_]*)")
        continue
      }
      if index[definition.key] != nil {
        issues.add(.duplicate(path: "permissions[\(i)]", kind: "permission", name: definition.key))
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
