// Comparing effective permissions with the reference, and with `can` itself.

import Clearance

extension Harness {
  func effectiveDisagreement(_ probe: Probe) -> Disagreement? {
    let org = probe.resource.org
    let actual = snapshot.effectivePermissions(of: probe.user, in: org).map { entry in
      let sources = entry.sources.map {
        "\(Self.words($0.source)) \(Self.words($0.grant)) covers=\($0.covers)"
      }
      return "\(entry.permission) scope=\(entry.scope?.description ?? "none") "
        + "states=\(entry.conditionStates.map(\.rawValue).sorted()) "
        + "missing=\(entry.missingPrerequisites.map(\.rawValue).sorted()) "
        + "feature=\(entry.isFeatureEnabled) sources=\(sources.sorted())"
    }
    let twin = reference.principal(probe.user)
    var expected: [String] = []
    // Nothing is effective for a user who is not active or in an organization that is
    // not live: `can` denies all of it.
    if twin.exists && twin.isActive && reference.isLive(org),
      let membership = twin.memberships.first(where: { $0.org == org })
    {
      expected = effective(membership)
    }
    if expected.sorted() != actual.sorted() {
      return Disagreement(
        kind: "effectivePermissions", expected: expected.sorted().joined(separator: "\n"),
        actual: actual.sorted().joined(separator: "\n"))
    }
    return effectiveAgreesWithCan(probe.user, org, twin)
  }

  /// Effective permissions agree with `can` for every permission: a permission is allowed
  /// at a relation (assigned, shop, org) to a resource without a state exactly when it is
  /// listed as active at that scope or wider and its feature is enabled. `can` is asked
  /// through a host principal holding only the membership in `org`, so that other
  /// memberships (a parent organization's, say) do not take part.
  func effectiveAgreesWithCan(_ user: UserID, _ org: OrgID, _ twin: ReferencePrincipal)
    -> Disagreement?
  {
    guard twin.exists, let membership = twin.memberships.first(where: { $0.org == org }),
      let principal = try? snapshot.principal(
        user: user, isActive: twin.isActive, memberships: [membership])
    else { return nil }
    let entries = snapshot.effectivePermissions(of: user, in: org)
    var resources: [(Scope, Resource)] = [
      (.assigned, Resource(org: org, assignee: user)), (.org, Resource(org: org)),
    ]
    if let shop = membership.shops.first {
      resources.append((.shop, Resource(org: org, shop: shop)))
    }
    for key in reference.policy.permissions.map(\.key) {
      let action = snapshot.action(key)
      let entry = entries.first { $0.permission == key }
      for (relation, resource) in resources {
        let listed = entry.map { ($0.scope.map { $0 >= relation } ?? false) && $0.isFeatureEnabled }
        let allowed = snapshot.can(principal, action, snapshot.resolve(resource)).isAllowed
        if allowed != (listed ?? false) {
          return Disagreement(
            kind: "effectivePermissions vs can",
            expected: "\(key) at \(relation): can \(allowed ? "allows" : "denies")",
            actual:
              "listed \(entry.map { "scope=\($0.scope?.description ?? "none") feature=\($0.isFeatureEnabled)" } ?? "not at all")"
          )
        }
      }
    }
    return nil
  }

  /// docs/SEMANTICS.md section 12's effective permissions of one membership, from the reference: every
  /// permission some grant matches, its widest active scope for a resource with no state,
  /// else the states in which a state condition makes it active, else the prerequisites
  /// missing at the widest scope it is covered.
  func effective(_ membership: Membership) -> [String] {
    var result: [String] = []
    let sourced = reference.sourcedGrants(of: membership)
    for key in reference.policy.permissions.map(\.key) {
      let matching = sourced.filter { reference.expand($0.grant.permission).contains(key) }
      if matching.isEmpty { continue }
      let scope = reference.widestActive(key, membership, state: nil)
      var states: [String] = []
      if scope == nil {
        states = reference.knownStates.filter {
          reference.widestActive(key, membership, state: $0) != nil
        }.map(\.rawValue)
      }
      var missing: [String] = []
      if scope == nil && states.isEmpty {
        let widest =
          Scope.allCases.reversed().first {
            reference.covered(membership, relation: $0, state: nil).contains(key)
          } ?? .assigned
        let covered = reference.covered(membership, relation: widest, state: nil)
        missing = reference.prerequisites(of: key).subtracting(covered).map(\.rawValue)
      }
      let feature = reference.gate(of: key).map {
        reference.enabled(org: membership.org, feature: $0)
      }
      let sources = matching.map {
        "\($0.source) \(Self.words($0.grant)) covers=\($0.grant.states == nil)"
      }
      result.append(
        "\(key) scope=\(scope?.description ?? "none") states=\(states.sorted()) "
          + "missing=\(missing.sorted()) feature=\(feature ?? true) sources=\(sources.sorted())")
    }
    return result
  }
}
