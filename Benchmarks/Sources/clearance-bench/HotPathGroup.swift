import Clearance

/// Group 1: the `can` hot path and its neighbours on the service workload.
enum HotPathGroup: Benchmark {
  static let name = "hotpath"
  static let summary =
    "can by handles, transitions, allowedTargets, can by strings, explain, effective permissions, principal resolution"
  typealias Workload = ServiceWorkload

  static func run(_ w: ServiceWorkload, _ context: Context) throws {
    let report = context.report
    report.begin(name, "decisions on the service workload (seeded, 131,072 distinct requests)")
    noteWorkload(w, report)
    var offset = 0
    measureDecisions(w, context, &offset)
    measureByName(w, context, &offset)
    measureLookups(w, context, &offset)
  }

  /// Notes the workload's sizes, the handles' strides and the decision mixes.
  private static func noteWorkload(_ w: ServiceWorkload, _ report: Report) {
    let sizes = w.sizes
    report.note(
      "\(sizes["organizations"] ?? 0) orgs, \(sizes["users"] ?? 0) users, "
        + "\(sizes["memberships"] ?? 0) memberships, \(w.policy.permissions.count) permissions, "
        + "\(w.policy.roles.count) roles; \(w.principals.count) principals, "
        + "\(w.resolved.count) resources")
    report.note(
      "strides: Principal \(MemoryLayout<Principal>.stride) B, ResolvedResource "
        + "\(MemoryLayout<ResolvedResource>.stride) B, Action \(MemoryLayout<Action>.stride) B")
    report.note("permission mix: " + w.mix(w.requests, actions: w.actions, resources: w.resolved))
    report.note(
      "transition mix: "
        + w.mix(w.transitions, actions: w.transitionActions, resources: w.resolvedTickets))
  }

  /// Decisions by handles: can, held, the copy overhead, transitions and allowed targets.
  private static func measureDecisions(
    _ w: ServiceWorkload, _ context: Context, _ offset: inout Int
  ) {
    let report = context.report
    let sizes = w.sizes
    let can = measure(context.effort) { n in
      defer { offset &+= n }
      return w.checkPermissions(n, from: offset)
    }
    report.add(
      "can(principal, action, resource)", timing: can, workload: sizes, target: .atMost(5),
      note: "cycled; principal and resource copied from arrays for each call")
    let held = measure(context.effort) { n in
      defer { offset &+= n }
      return w.checkHeld(n, from: offset)
    }
    report.add(
      "can, handler-held principal and resource", timing: held, workload: sizes,
      note: "one principal and resource held in locals for 32 actions (copy amortised)")
    let copies = measure(context.effort) { n in
      defer { offset &+= n }
      return w.copyOnly(n, from: offset)
    }
    report.add(
      "  of which: copy request values + a call", timing: copies, workload: sizes,
      note: "the cycled loop without can: Principal and ResolvedResource copies, one opaque call")

    let transitions = measure(context.effort) { n in
      defer { offset &+= n }
      return w.checkTransitions(n, from: offset)
    }
    report.add("can, workflow transition", timing: transitions, workload: sizes)

    let targets = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let request = w.transitions[(offset &+ k) & (w.transitions.count - 1)]
        let allowed = w.snapshot.allowedTargets(
          for: w.principals[Int(request.principal)],
          moving: w.resolvedTickets[Int(request.resource)],
          in: "ticket")
        checksum &+= UInt64(allowed.count)
      }
      offset &+= n
      return checksum
    }
    report.add("allowedTargets(principal, moving:, in:)", timing: targets, workload: sizes)
  }

  /// Decisions and explanations by name, and explanations by handles.
  private static func measureByName(_ w: ServiceWorkload, _ context: Context, _ offset: inout Int) {
    let report = context.report
    let sizes = w.sizes
    let named = namedRequests(w)
    let strings = measure(context.effort) { n in
      defer { offset &+= n }
      return w.checkByName(n, from: offset)
    }
    report.add(
      "can(UserID, String, Resource)", timing: strings, workload: sizes, target: .atMost(60))

    let explain = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let request = w.requests[(offset &+ k) & (w.requests.count - 1)]
        let explanation = w.snapshot.explain(
          w.principals[Int(request.principal)], w.actions[Int(request.action)],
          w.resolved[Int(request.resource)])
        checksum &+= UInt64(explanation.checks.count &+ explanation.memberships.count)
      }
      offset &+= n
      return checksum
    }
    report.add(
      "explain(principal, action, resource)", timing: explain, workload: sizes,
      target: .atMost(2_000))

    let explainNamed = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let request = named[(offset &+ k) & (named.count - 1)]
        let explanation = w.snapshot.explain(request.user, request.action, request.resource)
        checksum &+= UInt64(explanation.checks.count)
      }
      offset &+= n
      return checksum
    }
    report.add("explain(UserID, String, Resource)", timing: explainNamed, workload: sizes)
  }

  /// Effective permissions, principal resolution and resource resolution.
  private static func measureLookups(_ w: ServiceWorkload, _ context: Context, _ offset: inout Int)
  {
    let report = context.report
    let sizes = w.sizes
    let pairs = membershipPairs(w)
    let effective = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let pair = pairs[(offset &+ k) % pairs.count]
        checksum &+= UInt64(w.snapshot.effectivePermissions(of: pair.user, in: pair.org).count)
      }
      offset &+= n
      return checksum
    }
    report.add(
      "effectivePermissions(of:in:)", timing: effective, workload: sizes, unit: .microseconds,
      note: "every permission of the catalog (\(w.policy.permissions.count)) with its sources")

    let everyone = shuffledUsers(w)
    let principal = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let resolved = w.snapshot.principal(everyone[(offset &+ k) & (everyone.count - 1)])
        checksum &+= resolved.isActive ? 1 : 2
      }
      offset &+= n
      return checksum
    }
    report.add("principal(UserID)", timing: principal, workload: sizes)

    let resolve = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let resource = w.resources[(offset &+ k) % w.resources.count]
        checksum &+= UInt64(w.snapshot.resolve(resource).witness)
      }
      offset &+= n
      return checksum
    }
    report.add("resolve(Resource)", timing: resolve, workload: sizes)
  }

  /// The permission requests by name, as a host without handles would make them.
  static func namedRequests(_ w: ServiceWorkload) -> [(
    user: UserID, action: ActionName, resource: Resource
  )] {
    w.requests.map {
      (
        w.userIDs[Int($0.principal)], ActionName(w.permissionKeys[Int($0.action)]),
        w.resources[Int($0.resource)]
      )
    }
  }

  /// (user, organization) of every membership of the workload's principals.
  static func membershipPairs(_ w: ServiceWorkload) -> [(user: UserID, org: OrgID)] {
    var orgsOfUser: [UserID: [OrgID]] = [:]
    for membership in w.directory.memberships {
      orgsOfUser[membership.user, default: []].append(membership.org)
    }
    var pairs: [(user: UserID, org: OrgID)] = []
    for user in w.userIDs {
      for org in orgsOfUser[user] ?? [] { pairs.append((user, org)) }
    }
    return pairs
  }

  /// Every user of the directory (a power-of-two prefix), in a seeded random order.
  static func shuffledUsers(_ w: ServiceWorkload) -> [UserID] {
    var random = SplitMix64(seed: 42)
    var users = w.directory.users.map(\.id)
    for i in stride(from: users.count - 1, to: 0, by: -1) { users.swapAt(i, random.below(i + 1)) }
    var count = 1
    while count * 2 <= users.count { count *= 2 }
    return Array(users.prefix(count))
  }
}
