import Clearance

/// One pre-resolved request: indices into the workload's principals, actions and resources.
struct Request: Sendable {
  var principal: Int32
  var action: Int32
  var resource: Int32
}

/// The hot-path workload: the service policy over a directory of 2,000 organizations and
/// 20,000 users with one to three memberships each, and 131,072 distinct requests drawn
/// for 4,096 principals — most on resources in an organization they belong to (or a
/// sub-organization of one), with and without shop, assignee and state, the rest
/// elsewhere — so allows and every kind of deny are mixed and no answer repeats in step
/// with the branch predictor.
final class ServiceWorkload: Sendable {
  static let requestCount = 1 << 17
  static let principalCount = 4_096
  static let resourcesPerPrincipal = 8
  static let foreignResources = 2_048

  let policy: Policy
  let directory: Directory
  let snapshot: Snapshot

  /// The principals' user ids and their resolved principals.
  let userIDs: [UserID]
  let principals: [Principal]
  /// Every permission of the catalog, as a name and as an action.
  let permissionKeys: [String]
  let actions: [Action]
  /// The same permissions as request texts, for the by-name `can`.
  let actionNames: [ActionName]
  /// Ticket workflow targets, as names and as actions.
  let targets: [String]
  let transitionActions: [Action]
  /// Resources of permission requests, by name and resolved.
  let resources: [Resource]
  let resolved: [ResolvedResource]
  /// Resources of transition requests (tickets in some state).
  let tickets: [Resource]
  let resolvedTickets: [ResolvedResource]

  /// Permission checks (`action` indexes `actions`, `resource` indexes `resolved`).
  let requests: [Request]
  /// Transition checks (`action` indexes `transitionActions`, `resource` `resolvedTickets`).
  let transitions: [Request]

  var sizes: [String: Int] {
    [
      "organizations": directory.organizations.count, "users": directory.users.count,
      "memberships": directory.memberships.count, "permissions": policy.permissions.count,
      "roles": policy.roles.count, "principals": principals.count,
      "distinctRequests": requests.count, "resources": resolved.count,
    ]
  }

  init(organizations: Int = 2_000, users: Int = 20_000, seed: UInt64 = 0xC1EA_4A4CE) throws {
    policy = ServicePolicy.make()
    let generated = DirectoryGenerator(
      organizations: organizations, users: users, membershipsPerUser: [60, 30, 10], seed: seed
    ).make()
    let directory = generated.directory
    let snapshot = try Snapshot(policy: CompiledPolicy(policy), directory: directory)
    self.directory = directory
    self.snapshot = snapshot

    var random = SplitMix64(seed: seed &+ 1)
    let pool = random.distinct(ServiceWorkload.principalCount, below: users)
    let userIDs = pool.map { DirectoryGenerator.userID($0) }
    self.userIDs = userIDs
    principals = userIDs.map { snapshot.principal($0) }

    let permissionKeys = ServicePolicy.permissionKeys
    self.permissionKeys = permissionKeys
    let actions = permissionKeys.map { snapshot.action(PermissionKey($0)) }
    self.actions = actions
    actionNames = permissionKeys.map { ActionName($0) }
    let permissionIndex = Dictionary(
      uniqueKeysWithValues: permissionKeys.enumerated().map { ($1, $0) })
    let common = ServicePolicy.commonActions.compactMap { permissionIndex[$0] }
    let targets = ServicePolicy.ticketStates
    self.targets = targets
    transitionActions = targets.map { snapshot.transition(in: "ticket", to: StateName($0)) }

    let (resources, foreignStart) = ServiceWorkload.makeResources(
      &random, generated, pool: pool, users: users)
    self.resources = resources
    resolved = resources.map { snapshot.resolve($0) }
    requests = ServiceWorkload.makeRequests(
      &random, principals: pool.count, foreignStart: foreignStart, common: common,
      actions: actions.count)
    let tickets = ServiceWorkload.makeTickets(&random, generated, pool: pool, users: users)
    self.tickets = tickets
    resolvedTickets = tickets.map { snapshot.resolve($0) }
    transitions = ServiceWorkload.makeTransitions(
      &random, principals: pool.count, tickets: tickets, targets: targets)
  }

  private static let ticketsPerPrincipal = 4

  /// A resource of `user`: in one of their organizations (or a sub-organization of it), with
  /// or without a shop and an assignee, and in the state `state` draws last.
  private static func related(
    _ random: inout SplitMix64, _ generated: DirectoryGenerator.Output, users: Int,
    to user: Int, state: (inout SplitMix64) -> StateName?
  ) -> Resource {
    let orgs = generated.directory.organizations
    let membership = random.pick(generated.membershipsOfUser[user])
    var o = generated.membershipOrg[membership]
    if random.percent(25), !generated.orgChildren[o].isEmpty {
      o = random.pick(generated.orgChildren[o])
    }
    var shop: ShopID?
    if !orgs[o].shops.isEmpty && random.percent(60) { shop = random.pick(orgs[o].shops) }
    var assignee: UserID?
    let roll = random.below(100)
    if roll < 35 {
      assignee = DirectoryGenerator.userID(user)
    } else if roll < 70 {
      assignee = DirectoryGenerator.userID(random.below(users))
    }
    return Resource(org: orgs[o].id, shop: shop, assignee: assignee, state: state(&random))
  }

  /// Resources of permission requests: `resourcesPerPrincipal` related ones per principal,
  /// then `foreignResources` anywhere, which start at the returned index.
  private static func makeResources(
    _ random: inout SplitMix64, _ generated: DirectoryGenerator.Output, pool: [Int], users: Int
  ) -> (resources: [Resource], foreignStart: Int) {
    let orgs = generated.directory.organizations
    let otherStates = ServicePolicy.ticketStates + ServicePolicy.otherStates
    var resources: [Resource] = []
    for user in pool {
      for _ in 0..<ServiceWorkload.resourcesPerPrincipal {
        resources.append(
          related(&random, generated, users: users, to: user) { random in
            random.percent(30) ? StateName(random.pick(otherStates)) : nil
          })
      }
    }
    let foreignStart = resources.count
    for _ in 0..<ServiceWorkload.foreignResources {
      let o = random.below(orgs.count)
      resources.append(
        Resource(
          org: orgs[o].id, shop: orgs[o].shops.isEmpty ? nil : random.pick(orgs[o].shops),
          assignee: random.percent(50) ? DirectoryGenerator.userID(random.below(users)) : nil))
    }
    return (resources, foreignStart)
  }

  /// Permission requests: mostly on the principal's own resources and common actions.
  private static func makeRequests(
    _ random: inout SplitMix64, principals: Int, foreignStart: Int, common: [Int], actions: Int
  ) -> [Request] {
    var requests: [Request] = []
    requests.reserveCapacity(ServiceWorkload.requestCount)
    for _ in 0..<ServiceWorkload.requestCount {
      let p = random.below(principals)
      let resource =
        random.percent(90)
        ? p * ServiceWorkload.resourcesPerPrincipal
          + random.below(ServiceWorkload.resourcesPerPrincipal)
        : foreignStart + random.below(ServiceWorkload.foreignResources)
      let action = random.percent(70) ? random.pick(common) : random.below(actions)
      requests.append(
        Request(principal: Int32(p), action: Int32(action), resource: Int32(resource)))
    }
    return requests
  }

  /// Tickets of transition requests: `ticketsPerPrincipal` related ones per principal, in a
  /// ticket state or (rarely) an unknown one.
  private static func makeTickets(
    _ random: inout SplitMix64, _ generated: DirectoryGenerator.Output, pool: [Int], users: Int
  ) -> [Resource] {
    var tickets: [Resource] = []
    for user in pool {
      for _ in 0..<ticketsPerPrincipal {
        tickets.append(
          related(&random, generated, users: users, to: user) { random in
            random.percent(3) ? "UNKNOWN" : StateName(random.pick(ServicePolicy.ticketStates))
          })
      }
    }
    return tickets
  }

  /// Transition requests: mostly to a successor of the ticket's state.
  private static func makeTransitions(
    _ random: inout SplitMix64, principals: Int, tickets: [Resource], targets: [String]
  ) -> [Request] {
    let targetIndex = Dictionary(uniqueKeysWithValues: targets.enumerated().map { ($1, $0) })
    var transitions: [Request] = []
    transitions.reserveCapacity(ServiceWorkload.requestCount)
    for _ in 0..<ServiceWorkload.requestCount {
      let p = random.below(principals)
      let t = p * ticketsPerPrincipal + random.below(ticketsPerPrincipal)
      let successors = ServicePolicy.successors[tickets[t].state?.rawValue ?? ""] ?? []
      var target = random.below(targets.count)
      if random.percent(70), !successors.isEmpty {
        target = targetIndex[random.pick(successors)] ?? target
      }
      transitions.append(Request(principal: Int32(p), action: Int32(target), resource: Int32(t)))
    }
    return transitions
  }

  /// Checks `count` permission requests starting at `start`, cycling, and folds the
  /// decisions into a checksum.
  @inline(__always)
  func checkPermissions(_ count: Int, from start: Int = 0) -> UInt64 {
    ServiceWorkload.check(
      snapshot, principals, actions, resolved, requests, count: count, from: start)
  }

  /// The same requests by name, in the baseline's loop (`BaselineWorkload.check`): the user
  /// id, the action text and the resource's names taken from arrays for each call.
  func checkByName(_ count: Int, from start: Int = 0) -> UInt64 {
    var checksum: UInt64 = 0
    let mask = requests.count - 1
    var i = start & mask
    for _ in 0..<count {
      let request = requests[i]
      let decision = snapshot.can(
        userIDs[Int(request.principal)], actionNames[Int(request.action)],
        resources[Int(request.resource)])
      checksum &+= UInt64(decision.httpStatus)
      i = (i &+ 1) & mask
    }
    return checksum
  }

  /// The same over transition requests.
  @inline(__always)
  func checkTransitions(_ count: Int, from start: Int = 0) -> UInt64 {
    ServiceWorkload.check(
      snapshot, principals, transitionActions, resolvedTickets, transitions, count: count,
      from: start)
  }

  /// The measured loop: one `can` per request, cycling through `requests` (a power of two).
  /// Each call takes its principal and resource from an `Array` element, which copies them
  /// (retaining the references they hold), as a host passing stored handles does.
  @inline(__always)
  static func check(
    _ snapshot: Snapshot, _ principals: [Principal], _ actions: [Action],
    _ resources: [ResolvedResource], _ requests: [Request], count: Int, from start: Int
  ) -> UInt64 {
    var checksum: UInt64 = 0
    let mask = requests.count - 1
    var i = start & mask
    for _ in 0..<count {
      let request = requests[i]
      let decision = snapshot.can(
        principals[Int(request.principal)], actions[Int(request.action)],
        resources[Int(request.resource)])
      checksum &+= UInt64(decision.httpStatus)
      i = (i &+ 1) & mask
    }
    return checksum
  }

  /// Checks as a request handler does: it holds one principal and one resource (copied
  /// into locals once) and checks `actionsPerPair` actions on them. `count` checks in all,
  /// pairs taken from successive requests, actions cycling through the whole catalog.
  func checkHeld(_ count: Int, from start: Int = 0, actionsPerPair: Int = 32) -> UInt64 {
    var checksum: UInt64 = 0
    let mask = requests.count - 1
    var i = start & mask
    var done = 0
    var a = start % actions.count
    while done < count {
      let request = requests[i]
      let principal = principals[Int(request.principal)]
      let resource = resolved[Int(request.resource)]
      for _ in 0..<min(actionsPerPair, count - done) {
        let decision = snapshot.can(principal, actions[a], resource)
        checksum &+= UInt64(decision.httpStatus)
        a = a &+ 1 == actions.count ? 0 : a &+ 1
      }
      done &+= actionsPerPair
      i = (i &+ 1) & mask
    }
    return checksum
  }

  /// What the cycled loop pays besides `can`: copying the principal and the resource out
  /// of their arrays and one opaque call.
  func copyOnly(_ count: Int, from start: Int = 0) -> UInt64 {
    var checksum: UInt64 = 0
    let mask = requests.count - 1
    var i = start & mask
    for _ in 0..<count {
      let request = requests[i]
      checksum &+= opaqueUse(
        principals[Int(request.principal)], actions[Int(request.action)],
        resolved[Int(request.resource)])
      i = (i &+ 1) & mask
    }
    return checksum
  }

  /// How the decisions of `requests` split into allows and deny reasons, for the table.
  func mix(_ requests: [Request], actions: [Action], resources: [ResolvedResource]) -> String {
    var counts: [String: Int] = [:]
    for request in requests {
      let decision = snapshot.can(
        principals[Int(request.principal)], actions[Int(request.action)],
        resources[Int(request.resource)])
      counts[decision.denyReason.map { "\($0)" } ?? "allow", default: 0] += 1
    }
    return counts.sorted { $0.value > $1.value }.map {
      "\($0.key) \(Int((Double($0.value) * 100 / Double(requests.count)).rounded()))%"
    }.joined(separator: ", ")
  }
}

/// Receives a request without deciding it; opaque to the optimiser, like `can`.
@inline(never)
func opaqueUse(_ principal: Principal, _ action: Action, _ resource: ResolvedResource) -> UInt64 {
  principal.isActive ? 1 : 2
}
