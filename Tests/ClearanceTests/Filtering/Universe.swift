// The finite universe the filter tests enumerate: every organization of a directory plus
// an unknown one, crossed with every shop name (and none, and an unknown one), every
// user (and none, a stranger and an unknown user), every state the policy names (and
// none, and an unknown one). Every field a decision can depend on is covered by some
// value of each class, so "filter matches == can allows" over this universe is exactness.

import Clearance
import ClearanceJSON
import ClearanceTestSupport
import Foundation
import Testing

/// A principal to test: a directory user by id, or a host-built one.
struct TestPrincipal {
  var user: UserID
  var host: HostPrincipal?

  func resolve(on snapshot: Snapshot) -> Principal? {
    guard let host else { return snapshot.principal(user) }
    return try? snapshot.principal(
      user: user, isActive: host.isActive, memberships: host.memberships)
  }
}

/// The resources, principals and actions of one snapshot's universe.
struct Universe {
  let orgs: [OrgID]
  let shops: [ShopID?]
  let states: [StateName?]
  /// Every combination, with every user of the directory as an assignee.
  let resources: [Resource]
  let principals: [TestPrincipal]
  let actions: [String]

  /// The universe of `snapshot`, with `extraPrincipals` (host-built ones) added.
  init(_ snapshot: Snapshot, extraPrincipals: [TestPrincipal] = []) {
    let directory = snapshot.directory
    let policy = snapshot.currentPolicy
    var orgs = directory.organizations.map(\.id)
    orgs.append("nowhere_org")
    var shopNames: [ShopID?] = [nil, "nowhere_shop"]
    for org in directory.organizations {
      for shop in org.shops where !shopNames.contains(shop) { shopNames.append(shop) }
    }
    var assignees: [UserID?] = [nil, "stranger", "ghost"]
    assignees += directory.users.map(\.id)
    var states: [StateName?] = [nil, "UNKNOWN_STATE"]
    states += CorpusGenerator.knownStates(of: policy).map { StateName($0) }
    self.orgs = orgs
    self.shops = shopNames
    self.states = states
    resources = Universe.cross(orgs, shopNames, assignees, states)
    principals =
      directory.users.map { TestPrincipal(user: $0.id) } + [TestPrincipal(user: "ghost")]
      + extraPrincipals
    var actions = policy.permissions.map(\.key.rawValue)
    for workflow in policy.workflows {
      for state in workflow.states { actions.append("\(workflow.id):\(state.name)") }
    }
    self.actions = actions
  }

  /// The resources that can tell `user`'s decisions apart: an assignee only matters by
  /// being the user or not, so none, the user and two others stand for every assignee.
  func resources(for user: UserID) -> [Resource] {
    let others: [UserID] = user == "stranger" ? ["ghost"] : ["stranger"]
    return Universe.cross(orgs, shops, [nil, user] + others, states)
  }

  static func cross(
    _ orgs: [OrgID], _ shops: [ShopID?], _ assignees: [UserID?], _ states: [StateName?]
  ) -> [Resource] {
    var resources: [Resource] = []
    for org in orgs {
      for shop in shops {
        for assignee in assignees {
          for state in states {
            resources.append(Resource(org: org, shop: shop, assignee: assignee, state: state))
          }
        }
      }
    }
    return resources
  }

  /// Host-built principals for a random corpus: a known user with other memberships, an
  /// unknown user, and an inactive one.
  static func hostPrincipals(for corpus: Corpus, seed: UInt64) -> [TestPrincipal] {
    var generator = CorpusGenerator(seed: seed ^ 0xF11_7E55)
    let orgs = corpus.directory.organizations
    var result: [TestPrincipal] = []
    for (i, user) in ["u0", "ghost", "stranger"].enumerated() {
      let memberships = generator.memberships(
        of: UserID(user), policy: corpus.policy, orgs: orgs)
      result.append(
        TestPrincipal(
          user: UserID(user), host: HostPrincipal(isActive: i != 2, memberships: memberships)))
    }
    return result
  }
}

/// Loads fixture `name` from `Fixtures/`.
func loadFixture(named name: String) throws -> Fixture {
  try Fixture(folder: packageRoot.appendingPathComponent("Fixtures/\(name)").path)
}
