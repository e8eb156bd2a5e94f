import Clearance

/// Group `admin`: the directory's update primitives, as the administration operations use
/// them, at 10,000 and at 1,000,000 users (100,000 with `--quick`): time to the new
/// snapshot, the large/small ratio, snapshot bytes per membership, and the hot path's
/// allocations on an updated snapshot.
enum AdminGroup {
  /// One directory size's base snapshot and the inputs its operations draw from.
  struct Scale {
    let label: String
    let sizes: [String: Int]
    let snapshot: Snapshot
    let bytesPerMembership: Double
    /// Existing memberships (user, org, role).
    let members: [Membership]
    /// (user, org) pairs with no membership yet.
    let invitations: [Membership]
  }

  /// The operations measured at each size, by name.
  static let operations = [
    "changeRole", "invite", "removeMember", "grantDirect", "revokeDirect", "deactivateUser",
    "addUser",
  ]

  static func run(_ context: Context) throws {
    let report = context.report
    let large = context.size(1_000_000, quick: 100_000)
    report.begin(
      "admin",
      "update primitives at 10k and \(large == 1_000_000 ? "1M" : "100k") users "
        + "(2 memberships each; 100 and 10,000 orgs)")
    let compiled = try CompiledPolicy(ServicePolicy.make())
    let small = try makeScale(
      "10k users", users: 10_000, organizations: 100, policy: compiled, context: context)
    var medians: [String: Double] = [:]
    for (name, timing) in try measure(small, context) {
      medians[name] = Statistics(timing.perOperation.map { $0 / 1_000 }).median
      report.add(
        "\(name), \(small.label)", timing: timing, workload: small.sizes, microseconds: true)
    }
    let big = try makeScale(
      large == 1_000_000 ? "1M users" : "100k users", users: large, organizations: 10_000,
      policy: compiled, context: context)
    let targeted: Set<String> = ["changeRole", "invite", "removeMember", "grantDirect"]
    var ratios: [(String, Double)] = []
    for (name, timing) in try measure(big, context) {
      let figure = report.add(
        "\(name), \(big.label)", timing: timing, workload: big.sizes,
        target: targeted.contains(name) ? .atMost(100) : nil, microseconds: true)
      if let base = medians[name] { ratios.append((name, figure.median / base)) }
    }
    for (name, ratio) in ratios {
      report.add(
        "\(name), \(big.label) / 10k users", value: ratio, unit: "ratio", workload: big.sizes,
        target: targeted.contains(name) ? .atMost(3) : nil)
    }
    for scale in [small, big] {
      report.add(
        "snapshot bytes per membership, \(scale.label)", value: scale.bytesPerMembership,
        unit: "B/member", workload: scale.sizes, target: .atMost(120),
        note: "heap retained by Snapshot(policy:directory:), the Directory input excluded")
    }
    try hotPathAfterUpdates(big, context)
  }

  /// Builds the directory and its snapshot, measuring the snapshot's retained bytes.
  static func makeScale(
    _ label: String, users: Int, organizations: Int, policy: CompiledPolicy, context: Context
  ) throws -> Scale {
    let generated = DirectoryGenerator(
      organizations: organizations, users: users, membershipsPerUser: [0, 1], seed: 21,
      directGrantPercent: 1
    ).make()
    let directory = generated.directory
    let (snapshot, bytes) = try Heap.retainedBytes {
      try Snapshot(policy: policy, directory: directory)
    }
    var random = SplitMix64(seed: 22)
    let members = (0..<1_024).map { _ in random.pick(directory.memberships) }
    var invitations: [Membership] = []
    while invitations.count < 1_024 {
      let u = random.below(users)
      let o = random.below(organizations)
      if generated.membershipsOfUser[u].contains(where: { generated.membershipOrg[$0] == o }) {
        continue
      }
      invitations.append(
        Membership(
          user: DirectoryGenerator.userID(u), org: DirectoryGenerator.orgID(o), role: "TECH"))
    }
    let sizes = [
      "users": users, "memberships": directory.memberships.count,
      "organizations": organizations,
    ]
    return Scale(
      label: label, sizes: sizes, snapshot: snapshot,
      bytesPerMembership: Double(bytes) / Double(directory.memberships.count), members: members,
      invitations: invitations)
  }

  /// Times each operation from the same base snapshot (the new snapshot is dropped, so
  /// its release is included), in the thread's CPU time: these are microseconds of work
  /// that a loaded machine would otherwise stretch with waits for a core.
  static func measure(_ scale: Scale, _ context: Context) throws -> [(String, BatchTiming)] {
    let base = scale.snapshot
    let grant = Grant("reports::export::read", scope: .org)
    // A snapshot where every drawn membership holds `grant`, to revoke it from.
    var granted = base
    for m in scale.members {
      granted = (try? granted.settingDirectGrants([grant], for: m.user, in: m.org)) ?? granted
    }
    var flip = 0
    func time(_ operation: (Int) -> Snapshot?) -> BatchTiming {
      timeBatches(context.effort, cpuTime: true) { n in
        var checksum: UInt64 = 0
        for _ in 0..<n {
          flip &+= 1
          checksum &+= operation(flip & 1_023) == nil ? 1 : 2
        }
        return checksum
      }
    }
    let members = scale.members
    let invitations = scale.invitations
    var newUser = 0
    return operations.map { name in
      let timing: BatchTiming
      switch name {
      case "changeRole":
        timing = time { i in
          try? base.changingRole(
            of: members[i].user, in: members[i].org, to: i & 1 == 0 ? "MANAGER" : "TECH")
        }
      case "invite": timing = time { i in try? base.addingMembership(invitations[i]) }
      case "removeMember":
        timing = time { i in try? base.removingMembership(of: members[i].user, in: members[i].org) }
      case "grantDirect":
        timing = time { i in
          try? base.addingDirectGrant(grant, for: members[i].user, in: members[i].org)
        }
      case "revokeDirect":
        timing = time { i in
          try? granted.removingDirectGrant(grant, for: members[i].user, in: members[i].org)
        }
      case "deactivateUser":
        timing = time { i in try? base.settingUser(members[i].user, isActive: i & 1 == 0) }
      default:
        timing = time { _ in
          newUser &+= 1
          return try? base.addingUser(User(UserID("new-user-\(newUser)")))
        }
      }
      return (name, timing)
    }
  }

  /// `can` on a snapshot after a chain of updates: still no allocation.
  static func hotPathAfterUpdates(_ scale: Scale, _ context: Context) throws {
    var snapshot = scale.snapshot
    for (i, m) in scale.members.prefix(256).enumerated() {
      snapshot = try snapshot.changingRole(
        of: m.user, in: m.org, to: i & 1 == 0 ? "MANAGER" : "TECH")
      snapshot = try snapshot.addingMembership(scale.invitations[i])
    }
    let read = try snapshot.action("tickets::ticket::read")
    let principals = scale.members.map { snapshot.principal($0.user) }
    let resources = scale.members.map { snapshot.resolve(Resource(org: $0.org)) }
    let count = context.size(1_000_000, quick: 100_000)
    let (calls, _) = countAllocations(count) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let i = k & 1_023
        checksum &+= UInt64(
          snapshot.can(principals[i], read, resources[i]).denyReason?.rawValue ?? 0xFF)
      }
      return checksum
    }
    context.report.add(
      "can on a snapshot after 512 updates", value: calls, unit: "allocs/op", iterations: count,
      workload: scale.sizes, target: .atMost(0))
  }
}
