// Random requests against a generated corpus: mostly known users, actions and
// organizations, with unknown and malformed names, host-built principals, foreign shops,
// strangers as assignees and states of no workflow mixed in.

import Clearance

extension CorpusGenerator {
  /// The seed of the request stream for corpus `seed`: a generator of its own, so the
  /// requests do not depend on how many numbers building the corpus took.
  package static func requestSeed(_ seed: UInt64) -> UInt64 { seed ^ 0x5EED_0F4E_90E5_7000 }

  /// One random request against `corpus`. A corpus with an empty catalog, no roles or no
  /// workflows is fine: what it lacks is replaced by names it does not know.
  package mutating func probe(in corpus: Corpus) -> Probe {
    let policy = corpus.policy
    let directory = corpus.directory
    let roll = rng.below(100)
    var user: UserID
    var host: HostPrincipal?
    if roll < 91, let known = rng.pickIfAny(directory.users) {
      user = known.id
      // Now and then the host hands over its own (different) data for a directory user.
      if rng.percent(4) {
        host = HostPrincipal(
          isActive: !rng.percent(20),
          memberships: memberships(of: user, policy: policy, orgs: directory.organizations))
      }
    } else {
      user = Self.unknownUser
      if rng.percent(60) {
        host = HostPrincipal(
          isActive: true,
          memberships: memberships(of: user, policy: policy, orgs: directory.organizations))
      }
    }
    let memberships = host?.memberships ?? directory.memberships.filter { $0.user == user }

    let (action, workflow) = action(in: policy)
    let resource = resource(
      for: user, memberships: memberships, workflow: workflow, corpus: corpus)
    var asked = workflow
    if asked == nil, let any = rng.pickIfAny(policy.workflows), rng.percent(20) {
      asked = any.id
    }
    return Probe(user: user, action: action, resource: resource, host: host, workflow: asked)
  }

  /// An action text, and the workflow it moves in (for transitions).
  private mutating func action(in policy: Policy) -> (String, WorkflowID?) {
    let roll = rng.below(100)
    let workflow = rng.pickIfAny(policy.workflows)
    switch roll {
    case 0..<50:
      return (permission(in: policy), nil)
    case 50..<82:
      if let workflow {
        return ("\(workflow.id):\(rng.pick(workflow.states).name)", workflow.id)
      }
      return (permission(in: policy), nil)
    case 82..<88:
      let id = workflow?.id.rawValue ?? "ticket"
      return ("\(id):\(rng.pick(Self.stateNames + Self.conditionOnlyStates + ["ZZZ"]))", nil)
    case 88..<93:
      var parts = permission(in: policy).split(separator: "::").map(String.init)
      parts[rng.below(3)] = "unknown"
      return (parts.joined(separator: "::"), nil)
    case 93..<96:
      return ("ghostflow:\(rng.pick(Self.stateNames))", nil)
    default:
      let malformed = [
        "read", "", "tickets::ticket", ":", "ticket:", "a::b::c::d", "*", "jobs_core::*::read",
        "ticket::OPEN", " ticket:OPEN",
      ]
      return (rng.pick(malformed), nil)
    }
  }

  /// A declared permission key, or an undeclared one when the catalog is empty.
  private mutating func permission(in policy: Policy) -> String {
    rng.pickIfAny(policy.permissions)?.key.rawValue ?? "tickets::ticket::read"
  }

  private mutating func resource(
    for user: UserID, memberships: [Membership], workflow: WorkflowID?, corpus: Corpus
  ) -> Resource {
    let orgs = corpus.directory.organizations
    var org: OrgID
    let roll = rng.below(100)
    if roll < 85, let membership = rng.pickIfAny(memberships) {
      // The membership's org, one of its sub-orgs, or its parent (unrelated).
      let below = orgs.filter { Self.isDescendant($0.id, of: membership.org, in: orgs) }
      let parent = orgs.first { $0.id == membership.org }?.parent
      switch rng.below(10) {
      case 0..<5: org = membership.org
      case 5..<9: org = rng.pickIfAny(below)?.id ?? membership.org
      default: org = parent ?? membership.org
      }
    } else if roll < 95 {
      org = rng.pick(orgs).id
    } else {
      org = rng.percent(80) ? Self.unknownOrg : ""
    }
    var resource = Resource(org: org)
    let ownShops = orgs.first { $0.id == org }?.shops ?? []
    switch rng.below(10) {
    case 0..<4: resource.shop = nil
    case 4..<8: resource.shop = rng.pickIfAny(ownShops) ?? ShopID(rng.pick(Self.shopNames))
    case 8: resource.shop = ShopID(rng.pick(Self.shopNames))
    default: resource.shop = rng.percent(80) ? "nowhere_shop" : ""
    }
    let others = corpus.directory.users.map(\.id)
    switch rng.below(20) {
    case 0..<9: resource.assignee = nil
    case 9..<15: resource.assignee = user
    case 15..<18: resource.assignee = rng.pickIfAny(others) ?? user
    case 18: resource.assignee = rng.percent(80) ? Self.strangerAssignee : ""
    default: resource.assignee = Self.unknownUser
    }
    let flow = corpus.policy.workflows.first { $0.id == workflow }
    let states = flow?.states.map(\.name.rawValue) ?? CorpusGenerator.knownStates(of: corpus.policy)
    switch rng.below(20) {
    case 0..<5: resource.state = nil
    case 5..<16: resource.state = rng.pickIfAny(states).map(StateName.init)
    case 16..<19:
      resource.state = StateName(rng.pick(Self.stateNames + Self.conditionOnlyStates))
    default: resource.state = rng.percent(80) ? "UNKNOWN_STATE" : ""
    }
    return resource
  }
}
