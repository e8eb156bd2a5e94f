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
  /// Derived: `tenant(org, f)` of docs/SEMANTICS.md section 5, `tenantFeatures[o * F + w]`.
  @usableFromInline var tenantFeatures: [UInt64]
  /// Derived: the features overridden on the organization or an ancestor, the nearest
  /// override's value, and the nearest plan; each computed from the parent's.
  var inheritedOverrideSet: [UInt64]
  var inheritedOverrideValue: [UInt64]
  var inheritedPlan: [Int32]

  init(_ organizations: [Organization], orgs: OrgTables, policy: CompiledPolicy) {
    let count = orgs.orgIDs.count
    let words = policy.featureWordCount
    globalFeatures = policy.defaultGlobalFeatures
    isActive = [Bool](repeating: true, count: count)
    plan = [Int32](repeating: -1, count: count)
    overrideSet = [UInt64](repeating: 0, count: count * words)
    overrideValue = [UInt64](repeating: 0, count: count * words)
    isLive = [Bool](repeating: true, count: count)
    tenantFeatures = [UInt64](repeating: 0, count: count * words)
    inheritedOverrideSet = [UInt64](repeating: 0, count: count * words)
    inheritedOverrideValue = [UInt64](repeating: 0, count: count * words)
    inheritedPlan = [Int32](repeating: -1, count: count)
    for org in organizations {
      guard let o = orgs.orgIndex[org.id].map(Int.init) else { continue }
      setSettings(of: o, from: org, policy: policy)
    }
    recompute(orgs: orgs, policy: policy, from: orgs.orgOrder)
  }

  /// Sets organization `o`'s own activity, plan and overrides from its declaration.
  private mutating func setSettings(of o: Int, from org: Organization, policy: CompiledPolicy) {
    let words = policy.featureWordCount
    isActive[o] = org.isActive
    plan[o] = org.plan.flatMap { policy.planIndex[$0] } ?? -1
    for (feature, value) in org.featureOverrides {
      guard let f = policy.childIndex[feature].map(Int.init) else { continue }
      Bits.set(f, in: &overrideSet, base: o * words)
      if value { Bits.set(f, in: &overrideValue, base: o * words) }
    }
  }

  /// Adds the state of `org`, the last organization of `orgs` (a leaf: nothing else is
  /// recomputed).
  mutating func append(_ org: Organization, orgs: OrgTables, policy: CompiledPolicy) {
    let words = policy.featureWordCount
    isActive.append(true)
    plan.append(-1)
    overrideSet += repeatElement(0, count: words)
    overrideValue += repeatElement(0, count: words)
    isLive.append(true)
    tenantFeatures += repeatElement(0, count: words)
    inheritedOverrideSet += repeatElement(0, count: words)
    inheritedOverrideValue += repeatElement(0, count: words)
    inheritedPlan.append(-1)
    let o = isActive.count - 1
    setSettings(of: o, from: org, policy: policy)
    recompute(orgs: orgs, policy: policy, from: [Int32(o)])
  }

  /// Recomputes the derived arrays for `orgs`, which must list every parent before its
  /// children (a whole subtree, or the whole tree).
  mutating func recompute(
    orgs: OrgTables, policy: CompiledPolicy, from order: some Sequence<Int32>
  ) {
    let words = policy.featureWordCount
    for o32 in order {
      let o = Int(o32)
      let parent = Int(orgs.orgParent[o])
      isLive[o] = isActive[o] && (parent < 0 || isLive[parent])
      inheritedPlan[o] = plan[o] >= 0 || parent < 0 ? plan[o] : inheritedPlan[parent]
      let planIndex = Int(inheritedPlan[o])
      for w in 0..<words {
        // The nearest override wins: this organization's own, else the parent's nearest.
        let own = overrideSet[o * words + w]
        let parentSet = parent < 0 ? 0 : inheritedOverrideSet[parent * words + w]
        let parentValue = parent < 0 ? 0 : inheritedOverrideValue[parent * words + w]
        let set = own | parentSet
        let value = (overrideValue[o * words + w] & own) | (parentValue & ~own)
        inheritedOverrideSet[o * words + w] = set
        inheritedOverrideValue[o * words + w] = value
        let planBits: UInt64 = planIndex < 0 ? ~0 : policy.planFeatures[planIndex * words + w]
        tenantFeatures[o * words + w] = (set & value) | (~set & planBits)
      }
    }
  }

  /// Whether child feature `f` is enabled for organization `o`.
  @inlinable @inline(__always)
  func isEnabled(feature f: Int, org o: Int, words: Int) -> Bool {
    let w = Bits.word(f)
    return (globalFeatures[w] & tenantFeatures[o &* words &+ w]) & Bits.mask(f) != 0
  }
}
