import Clearance

/// Group 9: filters, SQL rendering and `who can` (issue 10).
enum FilterGroup: Benchmark {
  static let name = "filters"
  static let summary =
    "filter(principal, action), its SQL, users(whoCan:on:) on 1,000,000 users, change scripts"
  typealias Workload = Void

  static func run(_: Void, _ context: Context) throws {
    let report = context.report
    report.begin(name, "filter(principal, action), SQL rendering, users(whoCan:on:)")
    let compiled = try CompiledPolicy(ServicePolicy.make())

    // Users with exactly three memberships each.
    let small = DirectoryGenerator(
      organizations: 1_000, users: 10_000, membershipsPerUser: [0, 0, 1], seed: 11,
      directGrantPercent: 1
    ).make().directory
    let snapshot = try Snapshot(policy: compiled, directory: small)
    let read = snapshot.action("tickets::ticket::read")
    let count = 4_096
    let principals = (0..<count).map { snapshot.principal(DirectoryGenerator.userID($0)) }
    let sizes = ["users": 10_000, "memberships per user": 3]
    var offset = 0
    let build = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let filter = snapshot.filter(principals[(offset &+ k) % count], read)
        if case .or(let members) = filter { checksum &+= UInt64(members.count) }
      }
      offset &+= n
      return checksum
    }
    report.add(
      "filter(principal, action), 3 memberships", timing: build, workload: sizes,
      target: .atMost(2_000))
    let filters = principals.map { snapshot.filter($0, read) }
    let render = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let sql = try? filters[(offset &+ k) % count].sql()
        checksum &+= UInt64(sql?.parameters.count ?? 0)
      }
      offset &+= n
      return checksum
    }
    report.add("ResourceFilter.sql(), the same filters", timing: render, workload: sizes)
    try whoCan(context)
    try changeScripts(context)
  }

  /// `postgresChanges(to:by:)` of one applied administration operation (the admin group's
  /// workload: the service policy with an administration section, 2 memberships per
  /// user), at 10,000 users and at 1,000,000 (100,000 with `--quick`): the CPU time to
  /// render the script and its size.
  private static func changeScripts(_ context: Context) throws {
    let policy = try AdminGroup.adminPolicy()
    let large = context.size(1_000_000, quick: 100_000)
    for (users, organizations) in [(10_000, 100), (large, 10_000)] {
      let label = users == 1_000_000 ? "1M users" : "\(users / 1_000)k users"
      let scale = try AdminGroup.makeScale(
        label, users: users, organizations: organizations, policy: policy, context: context)
      for kind in ["changeRole", "grantDirect", "invite"] {
        let operations = Array((scale.operations["applying(.\(kind))"] ?? []).prefix(64))
        let nexts = try operations.map { operation throws(AdministrationRejection) in
          try scale.snapshot.applying(operation)
        }
        guard !operations.isEmpty else { continue }
        let base = scale.snapshot
        let bytes = operations.indices.map { i in
          Double((try? base.postgresChanges(to: nexts[i], by: operations[i]))?.utf8.count ?? 0)
        }
        var offset = 0
        // In the thread's CPU time, as the admin group: milliseconds of work that a loaded
        // machine would otherwise stretch with waits for a core.
        let timing = measure(context.effort, cpuTime: true) { n in
          var checksum: UInt64 = 0
          for k in 0..<n {
            let i = (offset &+ k) % operations.count
            let sql = try? base.postgresChanges(to: nexts[i], by: operations[i])
            checksum &+= UInt64(sql?.utf8.count ?? 0)
          }
          offset &+= n
          return checksum
        }
        context.report.add(
          "postgresChanges(to:by:) of .\(kind), \(label)", timing: timing,
          workload: scale.sizes, unit: .microseconds,
          note: "\(formatNumber(Statistics(bytes).median)) bytes of SQL (median)")
      }
    }
  }

  /// `users(whoCan:on:)` on the large directory of the directory group.
  private static func whoCan(_ context: Context) throws {
    let report = context.report
    let users = context.size(1_000_000, quick: 100_000)
    let organizations = 10_000
    let directory = DirectoryGenerator(
      organizations: organizations, users: users, membershipsPerUser: [0, 1], seed: 7,
      directGrantPercent: 1
    ).make().directory
    let snapshot = try Snapshot(policy: CompiledPolicy(ServicePolicy.make()), directory: directory)
    let sizes = ["users": users, "organizations": organizations]
    let approve = snapshot.action("tickets::ticket::read")
    var random = SplitMix64(seed: 12)
    let resources = (0..<1_024).map { _ in
      snapshot.resolve(
        Resource(
          org: DirectoryGenerator.orgID(random.below(organizations)),
          shop: random.pick(DirectoryGenerator.shopNames)))
    }
    let first = measure(.calls(1, warmUp: false)) { _ in
      UInt64(snapshot.users(whoCan: approve, on: resources[0]).count)
    }.perOperation
    report.add(
      "users(whoCan:on:), first call (builds the index)", timing: .calls(first), workload: sizes,
      unit: .milliseconds)
    var offset = 0
    var listed = 0
    let timing = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let grantees = snapshot.users(whoCan: approve, on: resources[(offset &+ k) & 1_023])
        checksum &+= UInt64(grantees.count)
        listed = grantees.count
      }
      offset &+= n
      return checksum
    }
    report.add(
      "users(whoCan:on:), one org and its ancestors", timing: timing, workload: sizes,
      unit: .microseconds, note: "about \(listed) users listed per call")
  }
}
