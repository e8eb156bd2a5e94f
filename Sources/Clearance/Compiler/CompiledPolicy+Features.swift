extension CompiledPolicy {
  /// The parent and child features, and which children are on by default.
  struct FeatureTables {
    var children: [FeatureID] = []
    var childIndex: [FeatureID: Int32] = [:]
    var parents: [FeatureID] = []
    var childrenOfParent: [FeatureID: [Int32]] = [:]
    var wordCount = 1
    var defaultGlobal: [UInt64] = []
  }

  /// Pass 3: numbers the child features (the ones that gate permissions) and records the
  /// global default of each.
  static func features(of policy: Policy, issues: inout IssueCollector) -> FeatureTables {
    var tables = FeatureTables()
    var defaultOn: [Bool] = []
    for (i, parent) in policy.features.enumerated() {
      let path = "features[\(i)]"
      if !PermissionKeySyntax.isSegment(parent.id.rawValue) {
        issues.add(path + ".id", .illFormed, "ill-formed feature id \"\(parent.id)\"")
      }
      if tables.childrenOfParent[parent.id] != nil || tables.childIndex[parent.id] != nil {
        issues.add(.duplicate(path: path + ".id", kind: "feature", name: parent.id))
        continue
      }
      tables.parents.append(parent.id)
      tables.childrenOfParent[parent.id] = []
      for (j, child) in parent.children.enumerated() {
        let childPath = "\(path).children[\(j)]"
        if !PermissionKeySyntax.isSegment(child.id.rawValue) {
          issues.add(childPath, .illFormed, "ill-formed feature id \"\(child.id)\"")
        }
        if tables.childIndex[child.id] != nil || tables.childrenOfParent[child.id] != nil {
          issues.add(.duplicate(path: childPath, kind: "feature", name: child.id))
          continue
        }
        let number = Int32(tables.children.count)
        tables.childIndex[child.id] = number
        tables.childrenOfParent[parent.id, default: []].append(number)
        tables.children.append(child.id)
        defaultOn.append(child.isEnabled)
      }
    }
    tables.wordCount = max(Bits.words(for: tables.children.count), 1)
    tables.defaultGlobal = [UInt64](repeating: 0, count: tables.wordCount)
    for (f, on) in defaultOn.enumerated() where on { Bits.set(f, in: &tables.defaultGlobal) }
    return tables
  }

  /// Pass 4: the child feature gating each permission (-1 when ungated), checking that
  /// every first segment is either a child feature or listed as ungated.
  static func gates(
    of policy: Policy, permissions: PermissionCatalog, features: FeatureTables,
    issues: inout IssueCollector
  ) -> [Int32] {
    // By bytes: names are equal only when their UTF-8 bytes are.
    var ungated = Set<[UInt8]>()
    for (i, segment) in policy.ungated.enumerated() {
      if !PermissionKeySyntax.isSegment(segment) {
        issues.add("ungated[\(i)]", .illFormed, "ill-formed feature segment \"\(segment)\"")
      } else if features.childIndex[FeatureID(segment)] != nil {
        issues.add(
          "ungated[\(i)]", .duplicate, "\"\(segment)\" is a child feature and cannot be ungated")
      }
      ungated.insert(Array(segment.utf8))
    }
    let keys = permissions.catalog.keys
    var gate = [Int32](repeating: -1, count: keys.count)
    guard !policy.features.isEmpty else { return gate }
    // Looked up once per distinct first segment: -2 not yet, -1 none, else the child.
    let catalog = permissions.catalog
    let names = (0..<catalog.segmentIndex.count).map {
      String(decoding: catalog.segmentIndex.name($0), as: UTF8.self)
    }
    var childOfSegment = [Int32](repeating: -2, count: names.count)
    for p in 0..<keys.count {
      let segment = Int(catalog.segments[p * 3])
      if childOfSegment[segment] == -2 {
        let first = names[segment]
        childOfSegment[segment] = features.childIndex[FeatureID(first)] ?? -1
        if childOfSegment[segment] < 0 && !ungated.contains(Array(first.utf8)) {
          issues.add(
            "permissions[\(permissions.position[p])]", .ungatedFeature,
            "\"\(first)\" is neither a declared child feature nor listed as ungated")
        }
      }
      gate[p] = childOfSegment[segment]
    }
    return gate
  }

  /// Pass 5: each plan's features as a bitset of child features (a parent stands for all
  /// its children); `planFeatures[plan * featureWordCount + word]`.
  static func plans(
    of policy: Policy, features: FeatureTables, issues: inout IssueCollector
  ) -> (index: [PlanID: Int32], features: [UInt64]) {
    var planIndex: [PlanID: Int32] = [:]
    var planFeatures: [UInt64] = []
    for (i, plan) in policy.plans.enumerated() {
      if plan.id.rawValue.isEmpty {
        issues.add("plans[\(i)].id", .illFormed, "empty plan id")
      }
      if planIndex[plan.id] != nil {
        issues.add(.duplicate(path: "plans[\(i)].id", kind: "plan", name: plan.id))
        continue
      }
      var words = [UInt64](repeating: 0, count: features.wordCount)
      for (j, feature) in plan.features.enumerated() {
        if let child = features.childIndex[feature] {
          Bits.set(Int(child), in: &words)
        } else if let children = features.childrenOfParent[feature] {
          for child in children { Bits.set(Int(child), in: &words) }
        } else {
          issues.add(
            .unknownReference(path: "plans[\(i)].features[\(j)]", kind: "feature", name: feature))
        }
      }
      planIndex[plan.id] = Int32(planIndex.count)
      planFeatures.append(contentsOf: words)
    }
    return (planIndex, planFeatures)
  }
}
