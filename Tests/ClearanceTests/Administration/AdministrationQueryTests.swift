// The administration rules read the directory through the snapshot's structure and holder
// counts. This suite checks, along random sequences of operations, that every such read
// answers exactly what a scan of the written `directory` answers (the rules' first
// implementation), for every user, organization and role.

import Testing

@testable import Clearance

@Suite("Administration: structure reads equal directory scans")
struct AdministrationQueryTests {
  @Test(arguments: AdministrationModelConfig.batches)
  func readsEqualDirectoryScans(_ seeds: [UInt64]) {
    for seed in seeds {
      var generator = OperationGenerator(seed: seed)
      let corpus = generator.start()
      guard let policy = try? CompiledPolicy(corpus.policy),
        var snapshot = try? Snapshot(policy: policy, directory: corpus.directory)
      else { continue }
      for step in 0..<40 {
        if let problem = Self.mismatch(in: snapshot) {
          Issue.record("seed \(seed), step \(step): \(problem)")
          return
        }
        let operation = generator.operation(on: snapshot)
        snapshot = (try? snapshot.applying(operation)) ?? snapshot
      }
    }
  }

  /// The first read of `snapshot` that differs from a scan of its directory, described.
  static func mismatch(in snapshot: Snapshot) -> String? {
    let directory = snapshot.directory
    let active = Set(directory.users.filter(\.isActive).map(\.id))
    let orgs = directory.organizations.map(\.id) + ["no-such-org"]
    let users = directory.users.map(\.id) + ["no-such-user"]
    let roles = snapshot.currentPolicy.roles.map(\.id) + ["NO_SUCH_ROLE"]
    func parent(_ org: OrgID) -> OrgID? {
      directory.organizations.first { $0.id == org }?.parent
    }
    for org in orgs {
      let declared = directory.organizations.first { $0.id == org }
      if snapshot.adminHasOrganization(org) != (declared != nil) { return "has \(org)" }
      if snapshot.adminParent(of: org) != declared?.parent { return "parent of \(org)" }
      var live = declared != nil
      var here: OrgID? = org
      var steps = 0
      while let o = here, live, steps <= orgs.count {
        live = directory.organizations.first { $0.id == o }?.isActive ?? false
        here = parent(o)
        steps += 1
      }
      if snapshot.adminIsLive(org) != live { return "live \(org)" }
      for role in roles {
        let count = directory.memberships.filter {
          $0.org == org && $0.role == role && active.contains($0.user)
        }.count
        if snapshot.activeHolderCount(of: role, in: org) != count {
          return "active holders of \(role) in \(org)"
        }
      }
    }
    for role in roles {
      let holders = Set(
        directory.memberships.filter { $0.role == role && active.contains($0.user) }.map(\.user))
      if snapshot.activeHolders(of: role) != holders.sorted() { return "holders of \(role)" }
    }
    for user in users {
      let own = directory.memberships.filter { $0.user == user }
      if snapshot.adminOrganizations(of: user) != own.map(\.org) { return "orgs of \(user)" }
      if snapshot.adminRoles(of: user) != own.map(\.role) { return "roles of \(user)" }
      for org in orgs {
        if snapshot.adminMembership(of: user, in: org) != own.first(where: { $0.org == org }) {
          return "membership of \(user) in \(org)"
        }
        var acting: RoleID?
        var here: OrgID? = org
        var steps = 0
        while let o = here, acting == nil, steps <= orgs.count {
          acting = own.first { $0.org == o }?.role
          here = parent(o)
          steps += 1
        }
        if snapshot.actingRole(of: user, in: org) != acting {
          return "acting role of \(user) in \(org)"
        }
      }
    }
    return nil
  }
}
