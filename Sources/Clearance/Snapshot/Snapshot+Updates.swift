extension Snapshot {
  /// A new snapshot of the same policy with another directory. Readers of this snapshot
  /// are unaffected; principals and resources must be resolved again on the new one.
  ///
  /// - Throws: ``ValidationError`` listing every problem in `directory`.
  public func replacingDirectory(_ directory: Directory) throws(ValidationError) -> Snapshot {
    let snapshot = try Snapshot(policy: policy, directory: directory)
    return Snapshot(snapshot.withGlobalFeatures(orgState.globalFeatures), version: version)
  }

  /// A new snapshot of this directory under another compiled policy (a policy change).
  ///
  /// Global feature switches set at run time (``settingGlobalSwitch(of:to:)``) are
  /// kept for every child feature the new policy still declares: a kill switch stays off
  /// until someone turns it back on. Switches not touched at run time take the new
  /// policy's declared values (docs/SEMANTICS.md section 5).
  ///
  /// - Throws: ``ValidationError`` when the directory does not fit the new policy.
  public func replacingPolicy(_ policy: CompiledPolicy) throws(ValidationError) -> Snapshot {
    let snapshot = Snapshot(try Snapshot(policy: policy, directory: directory), version: version)
    var globals = snapshot.orgState.globalFeatures
    var changed = false
    // Declaration order of the old policy: deterministic whatever the hashing seed.
    for (f, feature) in self.policy.childFeatures.enumerated() {
      let now = Bits.test(f, in: orgState.globalFeatures)
      guard now != Bits.test(f, in: self.policy.defaultGlobalFeatures),
        let g = policy.childIndex[feature].map(Int.init)
      else { continue }
      if now {
        globals[Bits.word(g)] |= Bits.mask(g)
      } else {
        globals[Bits.word(g)] &= ~Bits.mask(g)
      }
      changed = true
    }
    return changed ? snapshot.withGlobalFeatures(globals) : snapshot
  }

  /// A new snapshot with a per-tenant feature override set (or removed, with `nil`) on
  /// one organization: the one implementation behind ``settingFeatureOverride(_:to:for:)``
  /// and ``removingFeatureOverride(_:for:)``.
  func settingOverride(_ feature: FeatureID, to enabled: Bool?, for org: OrgID)
    throws(ValidationError) -> Snapshot
  {
    guard let f = policy.childIndex[feature].map(Int.init) else {
      let message =
        policy.childrenOfParent[feature] != nil
        ? "parent feature \"\(feature)\" cannot be overridden: only child features gate permissions (override its children)"
        : "unknown child feature \"\(feature)\""
      throw ValidationError(.unknownReference(path: "feature", message: message))
    }
    let words = policy.featureWordCount
    return try updatingOrganization(org) { state, o in
      let mask = Bits.mask(f)
      let index = o * words + Bits.word(f)
      state.overrideSet[index] &= ~mask
      state.overrideValue[index] &= ~mask
      if let enabled {
        state.overrideSet[index] |= mask
        if enabled { state.overrideValue[index] |= mask }
      }
    }
  }

  /// A new snapshot with a child feature's global switch flipped. The policy is not
  /// recompiled; handles stay valid.
  ///
  /// - Throws: ``ValidationError`` when the child feature is unknown.
  public func settingGlobalSwitch(of feature: FeatureID, to enabled: Bool)
    throws(ValidationError) -> Snapshot
  {
    guard let f = policy.childIndex[feature].map(Int.init) else {
      throw ValidationError(
        .unknownReference(path: "feature", kind: "child feature", name: feature))
    }
    var globals = orgState.globalFeatures
    if enabled {
      globals[Bits.word(f)] |= Bits.mask(f)
    } else {
      globals[Bits.word(f)] &= ~Bits.mask(f)
    }
    return withGlobalFeatures(globals)
  }

  /// A new snapshot with an organization's plan set (or removed, with `nil`). Only its
  /// subtree is recomputed; handles stay valid.
  ///
  /// - Throws: ``ValidationError`` when the organization or plan is unknown.
  public func settingPlan(_ plan: PlanID?, for org: OrgID) throws(ValidationError) -> Snapshot {
    var index: Int32 = -1
    if let plan {
      guard let p = policy.planIndex[plan] else {
        throw ValidationError(.unknownReference(path: "plan", kind: "plan", name: plan))
      }
      index = p
    }
    return try updatingOrganization(org) { state, o in
      state.plan[o] = index
    }
  }

  /// A new snapshot with an organization activated or deactivated. A deactivated
  /// organization and all of its descendants stop being live at once; handles stay valid.
  ///
  /// - Throws: ``ValidationError`` when the organization is unknown.
  public func settingOrganization(_ org: OrgID, isActive: Bool) throws(ValidationError)
    -> Snapshot
  {
    try updatingOrganization(org) { state, o in
      state.isActive[o] = isActive
    }
  }

  /// A new snapshot with `organization` added, as a leaf of its parent (or a new root),
  /// with its shops, plan, overrides and activity. It is written after every existing
  /// organization. Rebuilds the organization tables, O(organizations), never the user or
  /// membership tables. Principals and actions stay valid; resources must be resolved
  /// again.
  ///
  /// - Throws: ``ValidationError`` when the id is empty or taken, the parent, plan or a
  ///   feature is unknown, or a shop id is empty or repeated.
  public func addingOrganization(_ organization: Organization) throws(ValidationError)
    -> Snapshot
  {
    var issues = IssueCollector()
    let o = Int32(structure.orgIDs.count)
    if organization.id.rawValue.isEmpty {
      issues.add("organization.id", .illFormed, "empty organization id")
    } else if structure.orgIndex[organization.id] != nil {
      issues.add(
        "organization.id", .duplicate, "duplicate organization \"\(organization.id)\"")
    }
    if let parent = organization.parent, structure.orgIndex[parent] == nil {
      issues.add("organization.parent", .unknownReference, "unknown organization \"\(parent)\"")
    }
    OrgTables.validateSettings(
      of: organization, path: "organization", policy: policy, issues: &issues)
    var seen = Set<ShopID>()
    for (j, shop) in organization.shops.enumerated() {
      if shop.rawValue.isEmpty {
        issues.add("organization.shops[\(j)]", .illFormed, "empty shop id")
      } else if !seen.insert(shop).inserted {
        issues.add("organization.shops[\(j)]", .duplicate, "duplicate shop \"\(shop)\"")
      }
    }
    if o == Int32.max { issues.add("organization", .illFormed, "too many organizations") }
    try issues.throwIfAny()
    var source = structure.source
    source.organizations.append(organization)
    var ignored = IssueCollector()
    let orgs = OrgTables(source.organizations, policy: policy, issues: &ignored)
    var state = orgState
    state.append(organization, orgs: orgs, policy: policy)
    var holders = structure.holders
    holders.appendOrganization()
    let next = structure.with(
      token: Tokens.next(), orgs: orgs, source: source, holders: holders)
    return Snapshot(policy: policy, structure: next, orgState: state, version: version)
  }

  /// The policy as currently in force: the compiled policy's source with the global
  /// feature switches of this snapshot.
  public var currentPolicy: Policy {
    var source = policy.source
    for (i, parent) in source.features.enumerated() {
      for (j, child) in parent.children.enumerated() {
        if let f = policy.childIndex[child.id].map(Int.init) {
          source.features[i].children[j].isEnabled = Bits.test(f, in: orgState.globalFeatures)
        }
      }
    }
    return source
  }

  // MARK: Helpers

  private func withGlobalFeatures(_ globals: [UInt64]) -> Snapshot {
    var state = orgState
    state.globalFeatures = globals
    return Snapshot(
      policy: policy, structure: structure, orgState: state, version: version, security: security)
  }

  /// A new snapshot with one organization's state changed by `change` (given the
  /// organization's index); only its subtree is recomputed, and handles stay valid.
  private func updatingOrganization(
    _ org: OrgID, _ change: (inout OrgState, Int) -> Void
  ) throws(ValidationError) -> Snapshot {
    guard let o = structure.orgIndex[org].map(Int.init) else {
      throw ValidationError(.unknownReference(path: "org", kind: "organization", name: org))
    }
    var state = orgState
    change(&state, o)
    state.recompute(orgs: structure.orgs, policy: policy, from: subtree(of: o))
    return Snapshot(
      policy: policy, structure: structure, orgState: state, version: version, security: security)
  }

  /// An organization and its descendants, parents first.
  private func subtree(of org: Int) -> [Int32] {
    var result: [Int32] = [Int32(org)]
    var head = 0
    while head < result.count {
      result += structure.orgChildren[Int(result[head])]
      head += 1
    }
    return result
  }
}
