/// The part of the directory that changes without changing any handle: global feature
/// switches, organization activity, plans and feature overrides, and what follows from
/// them (which organizations are live, which features each one has).
@usableFromInline
struct OrgState: Sendable {
  /// Global switches of the child features.
  @usableFromInline var globalFeatures: [UInt64]
  /// Whether each organization is active (its own flag).
  var isActive: [Bool]
  /// Plan of each organization, or -1.
  var plan: [Int32]
  /// `overrideSet[o * F + w]`: features overridden on `o`; `overrideValue` their values.
  var overrideSet: [UInt64]
  var overrideValue: [UInt64]
  /// Derived: the organization and all its ancestors are active.
  @usableFromInline var isLive: [Bool]
  /// Derived: `tenant(org, f)` of SPEC section 5, `tenantFeatures[o * F + w]`.
  @usableFromInline var tenantFeatures: [UInt64]

  init(_ directory: Directory, structure: DirectoryStructure, policy: CompiledPolicy) {
    let count = structure.orgIDs.count
    let words = policy.featureWordCount
    globalFeatures = policy.defaultGlobalFeatures
    isActive = [Bool](repeating: true, count: count)
    plan = [Int32](repeating: -1, count: count)
    overrideSet = [UInt64](repeating: 0, count: count * words)
    overrideValue = [UInt64](repeating: 0, count: count * words)
    isLive = [Bool](repeating: true, count: count)
    tenantFeatures = [UInt64](repeating: 0, count: count * words)
    for org in directory.organizations {
      guard let o = structure.orgIndex[org.id].map(Int.init) else { continue }
      isActive[o] = org.isActive
      plan[o] = org.plan.flatMap { policy.planIndex[$0] } ?? -1
      for (feature, value) in org.featureOverrides {
        guard let f = policy.childIndex[feature].map(Int.init) else { continue }
        Bits.set(f, in: &overrideSet, base: o * words)
        if value { Bits.set(f, in: &overrideValue, base: o * words) }
      }
    }
    recompute(structure: structure, policy: policy, from: structure.orgOrder)
  }

  /// Recomputes the derived arrays for `orgs`, which must list every parent before its
  /// children (a whole subtree, or the whole tree).
  mutating func recompute(
    structure: DirectoryStructure, policy: CompiledPolicy, from orgs: some Sequence<Int32>
  ) {
    let words = policy.featureWordCount
    // Effective plan and overrides, inherited down the tree.
    for o32 in orgs {
      let o = Int(o32)
      let parent = Int(structure.orgParent[o])
      isLive[o] = isActive[o] && (parent < 0 || isLive[parent])
      let effectivePlan = effectivePlan(of: o, structure: structure)
      for w in 0..<words {
        var set: UInt64 = 0
        var value: UInt64 = 0
        var node = o
        // Nearest override wins: walk up, taking bits not yet decided.
        while node >= 0 {
          let own = overrideSet[node * words + w] & ~set
          value |= overrideValue[node * words + w] & own
          set |= own
          node = Int(structure.orgParent[node])
        }
        let planBits: UInt64 =
          effectivePlan < 0 ? ~0 : policy.planFeatures[effectivePlan * words + w]
        tenantFeatures[o * words + w] = (set & value) | (~set & planBits)
      }
    }
  }

  private func effectivePlan(of org: Int, structure: DirectoryStructure) -> Int {
    var node = org
    while node >= 0 {
      if plan[node] >= 0 { return Int(plan[node]) }
      node = Int(structure.orgParent[node])
    }
    return -1
  }

  /// Whether child feature `f` is enabled for organization `o`.
  @inlinable @inline(__always)
  func isEnabled(feature f: Int, org o: Int, words: Int) -> Bool {
    let w = Bits.word(f)
    return (globalFeatures[w] & tenantFeatures[o &* words &+ w]) & Bits.mask(f) != 0
  }
}
