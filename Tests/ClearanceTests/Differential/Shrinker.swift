// Shrinking a failing case: greedily delete roles, grants, memberships, organizations,
// permissions and the like while the same kind of disagreement persists, keeping only
// candidates that still compile, then print the minimal case as JSON.

import Clearance
import ClearanceTestSupport
import Foundation

/// A failing request with everything needed to replay it.
struct FailingCase: Codable, Sendable {
  var seed: UInt64
  var path: CheckPath
  var policy: Policy
  var directory: Directory
  var probe: Probe
  var expected: String = ""
  var actual: String = ""
}

enum Shrinker {
  /// The disagreement `failing` still shows, or nil (also when it no longer compiles).
  static func disagreement(_ failing: FailingCase) -> Disagreement? {
    guard let harness = Harness(Corpus(policy: failing.policy, directory: failing.directory))
    else { return nil }
    return harness.disagreement(failing.path, failing.probe)
  }

  /// Greedily deletes parts of the case while the same kind of disagreement persists.
  static func shrink(_ original: FailingCase, kind: String) -> FailingCase {
    var current = original
    var budget = 4_000
    var progress = true
    while progress && budget > 0 {
      progress = false
      for candidate in candidates(current) {
        budget -= 1
        if budget <= 0 { break }
        // A host principal the engine refuses stays refused when the policy loses what
        // its grants name: only shrink the directory and the request for that kind.
        if kind == Harness.hostRejected && candidate.policy != original.policy { continue }
        if let found = disagreement(candidate), found.kind == kind {
          current = candidate
          current.expected = found.expected
          current.actual = found.actual
          progress = true
          break
        }
      }
    }
    return current
  }

  /// Every one-step simplification of a case, the biggest cuts first.
  static func candidates(_ c: FailingCase) -> [FailingCase] {
    var list = CandidateList(base: c)
    list.addWholeParts()
    list.addFeaturesAndPlans()
    list.addPartsOfThePolicy()
    list.addPartsOfTheDirectory()
    list.addRequestSimplifications()
    return list.result
  }
}

/// The one-step simplifications of one case, gathered section by section in the order the
/// shrinker tries them.
private struct CandidateList {
  let base: FailingCase
  var result: [FailingCase] = []

  /// Adds a copy of the case with `change` applied.
  mutating func add(_ change: (inout FailingCase) -> Void) {
    var copy = base
    change(&copy)
    result.append(copy)
  }

  /// Whole organizations, users, roles, workflows, permissions and memberships.
  mutating func addWholeParts() {
    let c = base
    let policy = base.policy
    let directory = base.directory
    for org in directory.organizations {
      add { $0.removeOrg(org.id) }
    }
    for user in directory.users where user.id != c.probe.user {
      add { $0.directory.users.removeAll { $0.id == user.id } }
    }
    for role in policy.roles {
      add { $0.removeRole(role.id) }
    }
    for (w, workflow) in policy.workflows.enumerated() where workflow.id != c.probe.workflow {
      add { $0.policy.workflows.remove(at: w) }
    }
    for permission in policy.permissions {
      add { $0.removePermission(permission.key) }
    }
    for (i, _) in directory.memberships.enumerated() {
      add { $0.directory.memberships.remove(at: i) }
    }
    for (i, _) in (c.probe.host?.memberships ?? []).enumerated() {
      add { $0.probe.host?.memberships.remove(at: i) }
    }
  }

  /// Features, their children, the ungated list and plans.
  mutating func addFeaturesAndPlans() {
    let policy = base.policy
    for (f, _) in policy.features.enumerated() {
      add { $0.policy.features.remove(at: f) }
      for (k, _) in policy.features[f].children.enumerated() {
        add { $0.policy.features[f].children.remove(at: k) }
      }
    }
    if !policy.features.isEmpty {
      add {
        $0.policy.features = []
        $0.policy.ungated = []
        $0.policy.plans = []
        for o in $0.directory.organizations.indices {
          $0.directory.organizations[o].plan = nil
          $0.directory.organizations[o].featureOverrides = [:]
        }
      }
    }
    for (i, _) in policy.ungated.enumerated() {
      add { $0.policy.ungated.remove(at: i) }
    }
    for plan in policy.plans {
      add {
        $0.policy.plans.removeAll { $0.id == plan.id }
        for o in $0.directory.organizations.indices
        where $0.directory.organizations[o].plan == plan.id {
          $0.directory.organizations[o].plan = nil
        }
      }
    }
    for (p, plan) in policy.plans.enumerated() {
      for (i, _) in plan.features.enumerated() {
        add { $0.policy.plans[p].features.remove(at: i) }
      }
    }
  }

  /// Parts of roles, permissions and workflows.
  mutating func addPartsOfThePolicy() {
    let policy = base.policy
    for (r, role) in policy.roles.enumerated() {
      for (i, _) in role.grants.enumerated() {
        add { $0.policy.roles[r].grants.remove(at: i) }
      }
      for (i, _) in role.inherits.enumerated() {
        add { $0.policy.roles[r].inherits.remove(at: i) }
      }
    }
    for (p, permission) in policy.permissions.enumerated() {
      for (i, _) in permission.requires.enumerated() {
        add { $0.policy.permissions[p].requires.remove(at: i) }
      }
    }
    for (w, workflow) in policy.workflows.enumerated() {
      for (i, _) in workflow.transitions.enumerated() {
        add { $0.policy.workflows[w].transitions.remove(at: i) }
      }
      for (i, state) in workflow.states.enumerated() where i > 0 {
        add {
          $0.policy.workflows[w].states.remove(at: i)
          $0.policy.workflows[w].transitions.removeAll {
            $0.from == state.name || $0.to == state.name
          }
        }
      }
      if workflow.basePermission != nil {
        add { $0.policy.workflows[w].basePermission = nil }
      }
    }
  }

  /// Parts of organizations and memberships, the host's included.
  mutating func addPartsOfTheDirectory() {
    let c = base
    let directory = base.directory
    for (o, org) in directory.organizations.enumerated() {
      if org.parent != nil { add { $0.directory.organizations[o].parent = nil } }
      if org.plan != nil { add { $0.directory.organizations[o].plan = nil } }
      if !org.isActive { add { $0.directory.organizations[o].isActive = true } }
      for feature in org.featureOverrides.keys.sorted() {
        add { $0.directory.organizations[o].featureOverrides[feature] = nil }
      }
      for shop in org.shops {
        add { $0.removeShop(shop, of: org.id) }
      }
    }
    for (m, membership) in directory.memberships.enumerated() {
      for (i, _) in membership.grants.enumerated() {
        add { $0.directory.memberships[m].grants.remove(at: i) }
      }
      for (i, _) in membership.shops.enumerated() {
        add { $0.directory.memberships[m].shops.remove(at: i) }
      }
    }
    for (m, membership) in (c.probe.host?.memberships ?? []).enumerated() {
      for (i, _) in membership.grants.enumerated() {
        add { $0.probe.host?.memberships[m].grants.remove(at: i) }
      }
      for (i, _) in membership.shops.enumerated() {
        add { $0.probe.host?.memberships[m].shops.remove(at: i) }
      }
    }
  }

  /// The request itself: a plainer principal and resource.
  mutating func addRequestSimplifications() {
    let c = base
    if c.probe.host != nil { add { $0.probe.host = nil } }
    if c.probe.workflow != nil && c.path != .targets { add { $0.probe.workflow = nil } }
    if c.probe.host?.isActive == false { add { $0.probe.host?.isActive = true } }
    if c.probe.resource.shop != nil { add { $0.probe.resource.shop = nil } }
    if c.probe.resource.assignee != nil { add { $0.probe.resource.assignee = nil } }
    if c.probe.resource.state != nil { add { $0.probe.resource.state = nil } }
  }
}

extension FailingCase {
  /// Every membership, the directory's and the host principal's.
  fileprivate mutating func removeMemberships(where predicate: (Membership) -> Bool) {
    directory.memberships.removeAll(where: predicate)
    probe.host?.memberships.removeAll(where: predicate)
  }

  fileprivate mutating func removeOrg(_ id: OrgID) {
    let parent = directory.organizations.first { $0.id == id }?.parent
    directory.organizations.removeAll { $0.id == id }
    for o in directory.organizations.indices where directory.organizations[o].parent == id {
      directory.organizations[o].parent = parent
    }
    removeMemberships { $0.org == id }
  }

  fileprivate mutating func removeRole(_ id: RoleID) {
    policy.roles.removeAll { $0.id == id }
    for r in policy.roles.indices { policy.roles[r].inherits.removeAll { $0 == id } }
    removeMemberships { $0.role == id }
  }

  fileprivate mutating func removeShop(_ shop: ShopID, of org: OrgID) {
    for o in directory.organizations.indices where directory.organizations[o].id == org {
      directory.organizations[o].shops.removeAll { $0 == shop }
    }
    for m in directory.memberships.indices where directory.memberships[m].org == org {
      directory.memberships[m].shops.removeAll { $0 == shop }
    }
    for m in (probe.host?.memberships ?? []).indices where probe.host?.memberships[m].org == org {
      probe.host?.memberships[m].shops.removeAll { $0 == shop }
    }
  }

  fileprivate mutating func removePermission(_ key: PermissionKey) {
    policy.permissions.removeAll { $0.key == key }
    for p in policy.permissions.indices { policy.permissions[p].requires.removeAll { $0 == key } }
    let exact = PermissionPattern(key.rawValue)
    for r in policy.roles.indices { policy.roles[r].grants.removeAll { $0.permission == exact } }
    for m in directory.memberships.indices {
      directory.memberships[m].grants.removeAll { $0.permission == exact }
    }
    for m in (probe.host?.memberships ?? []).indices {
      probe.host?.memberships[m].grants.removeAll { $0.permission == exact }
    }
    for w in policy.workflows.indices {
      if policy.workflows[w].basePermission == key { policy.workflows[w].basePermission = nil }
      for s in policy.workflows[w].states.indices where policy.workflows[w].states[s].enter == key {
        let name = policy.workflows[w].states[s].name
        policy.workflows[w].states[s].enter = nil
        policy.workflows[w].transitions.removeAll { $0.to == name }
      }
    }
  }

  /// The case as sorted, pretty-printed JSON.
  var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    guard let data = try? encoder.encode(self) else { return "<unencodable case>" }
    return String(decoding: data, as: UTF8.self)
  }
}
