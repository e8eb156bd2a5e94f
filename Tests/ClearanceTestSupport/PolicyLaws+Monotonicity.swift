// The laws of docs/SEMANTICS.md section 4 (grants are additive, inheritance is
// transitive) and of deactivation.

import Clearance

extension PolicyLaws {
  /// Four times, one random grant added to a role or a membership: no allow becomes a
  /// deny.
  mutating func grantsAreMonotone() throws {
    let before = Self.decisions(original, probes)
    let keys = corpus.policy.permissions.map(\.key)
    guard !keys.isEmpty, !corpus.policy.roles.isEmpty else { return }
    for round in 0..<4 {
      var policy = corpus.policy
      var directory = corpus.directory
      if generator.rng.percent(40), !directory.memberships.isEmpty {
        let m = generator.rng.below(directory.memberships.count)
        directory.memberships[m].grants.append(
          generator.grant(keys: keys, states: CorpusGenerator.knownStates(of: policy)))
      } else {
        let r = generator.rng.below(policy.roles.count)
        policy.roles[r].grants.append(
          generator.grant(
            keys: keys, states: CorpusGenerator.stateNames + CorpusGenerator.conditionOnlyStates)
        )
      }
      let after = Self.decisions(try Self.snapshot(policy, directory), probes)
      for (i, probe) in probes.enumerated() where before[i].isAllowed && !after[i].isAllowed {
        record(.grantsAreMonotone, "round \(round): \(after[i]) after a grant: \(probe)")
        break
      }
    }
  }

  /// Every role naming its whole ancestry in `inherits` decides like the original.
  mutating func inheritanceIsTransitive() throws {
    let reference = ReferenceEvaluator(policy: corpus.policy, directory: corpus.directory)
    var policy = corpus.policy
    for r in policy.roles.indices {
      policy.roles[r].inherits = Array(reference.roleClosure(policy.roles[r].id).dropFirst())
        .sorted()
    }
    expectSameDecisions(
      original, try Self.snapshot(policy, corpus.directory), probes,
      law: .inheritanceIsTransitive)
  }

  /// For each membership, a random live role inheriting its role allows everything the
  /// role allowed (directory users' requests only).
  mutating func inheritingRolesAllowMore() throws {
    let reference = ReferenceEvaluator(policy: corpus.policy, directory: corpus.directory)
    let live = corpus.policy.roles.filter { !$0.isDeleted }
    let probes = self.probes.filter { $0.host == nil }
    let before = Self.decisions(original, probes)
    for (m, membership) in corpus.directory.memberships.enumerated() {
      let heirs = live.filter { role in
        role.id != membership.role && reference.roleClosure(role.id).contains(membership.role)
      }
      guard let heir = generator.rng.pickIfAny(heirs) else { continue }
      var directory = corpus.directory
      directory.memberships[m].role = heir.id
      let after = Self.decisions(try Self.snapshot(corpus.policy, directory), probes)
      for (i, probe) in probes.enumerated()
      where probe.user == membership.user && before[i].isAllowed && !after[i].isAllowed {
        record(.inheritingRolesAllowMore, "\(membership.role) -> \(heir.id) denies \(probe)")
        break
      }
    }
  }

  /// Every user inactive: every request is `principalInactive`. Every organization
  /// inactive: nothing is allowed.
  mutating func deactivationRevokesAccess() throws {
    let probes = self.probes.filter { $0.host == nil }
    var directory = corpus.directory
    for u in directory.users.indices { directory.users[u].isActive = false }
    let snapshot = try Self.snapshot(corpus.policy, directory)
    for probe in probes
    where snapshot.can(probe.user, ActionName(probe.action), probe.resource)
      != .deny(.principalInactive)
    {
      record(.deactivationRevokesAccess, "an inactive user is not denied: \(probe)")
      break
    }
    var dormant = corpus.directory
    for o in dormant.organizations.indices { dormant.organizations[o].isActive = false }
    let closed = try Self.snapshot(corpus.policy, dormant)
    for probe in probes
    where closed.can(probe.user, ActionName(probe.action), probe.resource).isAllowed {
      record(.deactivationRevokesAccess, "allowed with every organization inactive: \(probe)")
      break
    }
  }
}
