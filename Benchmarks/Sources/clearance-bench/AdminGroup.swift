import Clearance

/// Group `admin`: the directory's update primitives, as the administration operations use
/// them, at 10,000 and at 1,000,000 users (100,000 with `--quick`): time to the new
/// snapshot, the large/small ratio, snapshot bytes per membership, and the hot path's
/// allocations on an updated snapshot.
enum AdminGroup: Benchmark {
  static let name = "admin"
  static let summary =
    "update primitives (changeRole, invite, removeMember, grantDirect, …) at 10k and 1M users, bytes per membership"
  typealias Workload = Void

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
    /// Administration operations by an owner of the organization concerned, each
    /// accepted on ``snapshot``, by the name of the figure.
    let operations: [String: [AdministrationOperation]]
  }

  /// The operations measured at each size, by name.
  static let operations = [
    "changeRole", "invite", "removeMember", "grantDirect", "revokeDirect", "deactivateUser",
    "addUser", "applying(.changeRole)", "applying(.invite)", "applying(.removeMember)",
    "applying(.grantDirect)",
  ]

  /// The figures held to the targets (≤ 100 µs at 1M users, 1M/10k ≤ 3).
  static let targeted: Set<String> = [
    "changeRole", "invite", "removeMember", "grantDirect", "applying(.changeRole)",
    "applying(.invite)", "applying(.removeMember)", "applying(.grantDirect)",
  ]

  /// The service policy with an administration section: an owner (`OWNER`, protected,
  /// at least one per organization) invites, changes roles, removes members and grants
  /// directly, giving any role; nobody acts on themselves.
  static func adminPolicy() throws -> CompiledPolicy {
    var policy = ServicePolicy.make()
    policy.administration = AdministrationPolicy(
      permissions: [
        .invite: "org::users::create", .changeRole: "org::users::update",
        .removeMember: "org::users::delete", .grantDirect: "org::roles::update",
      ],
      assignable: AssignableRoles(invite: ["OWNER": ["*"]], changeRole: ["OWNER": ["*"]]),
      owner: OwnerRules(role: "OWNER", isProtected: true), selfProtection: .all)
    return try CompiledPolicy(policy)
  }

  static func run(_: Void, _ context: Context) throws {
    let report = context.report
    let large = context.size(1_000_000, quick: 100_000)
    report.begin(
      name,
      "update primitives at 10k and \(large == 1_000_000 ? "1M" : "100k") users "
        + "(2 memberships each; 100 and 10,000 orgs)")
    let compiled = try adminPolicy()
    let small = try makeScale(
      "10k users", users: 10_000, organizations: 100, policy: compiled, context: context)
    var medians: [String: Double] = [:]
    for (name, timing) in try timeOperations(small, context) {
      medians[name] = Statistics(timing.perOperation.map { $0 / 1_000 }).median
      report.add(
        "\(name), \(small.label)", timing: timing, workload: small.sizes, unit: .microseconds)
    }
    let big = try makeScale(
      large == 1_000_000 ? "1M users" : "100k users", users: large, organizations: 10_000,
      policy: compiled, context: context)
    var ratios: [(String, Double)] = []
    for (name, timing) in try timeOperations(big, context) {
      let figure = report.add(
        "\(name), \(big.label)", timing: timing, workload: big.sizes,
        target: targeted.contains(name) ? .atMost(100) : nil, unit: .microseconds)
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
    for scale in [small, big] {
      let snapshot = scale.snapshot
      report.add(
        "snapshot.directory rebuild, \(scale.label)",
        timing: measure(.calls(3)) { _ in UInt64(snapshot.directory.memberships.count) },
        workload: scale.sizes, unit: .milliseconds,
        note:
          "what each directory read of the administration rules cost before they read the structure"
      )
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
    let operations = adminOperations(
      snapshot, directory, members: members, invitations: invitations, random: &random)
    let sizes = [
      "users": users, "memberships": directory.memberships.count,
      "organizations": organizations,
    ]
    return Scale(
      label: label, sizes: sizes, snapshot: snapshot,
      bytesPerMembership: Double(bytes) / Double(directory.memberships.count), members: members,
      invitations: invitations, operations: operations)
  }

  /// The grant `grantDirect` adds.
  static let grant = Grant("reports::export::read", scope: .org)

  /// 1,024 operations of each measured kind, each by an active owner of the organization
  /// (not its target) and accepted on `snapshot`; drawn memberships that an operation may
  /// not touch (an owner's, say) are skipped.
  static func adminOperations(
    _ snapshot: Snapshot, _ directory: Directory, members: [Membership],
    invitations: [Membership], random: inout SplitMix64
  ) -> [String: [AdministrationOperation]] {
    let active = Set(directory.users.filter(\.isActive).map(\.id))
    var owners: [OrgID: [UserID]] = [:]
    for m in directory.memberships where m.role == "OWNER" && active.contains(m.user) {
      owners[m.org, default: []].append(m.user)
    }
    func drawn(_ make: (Membership, UserID, Int) -> AdministrationOperation.Change)
      -> [AdministrationOperation]
    {
      var result: [AdministrationOperation] = []
      var attempts = 0
      while result.count < 1_024 && attempts < 100_000 {
        attempts += 1
        let m = random.pick(directory.memberships)
        guard let actor = owners[m.org]?.first(where: { $0 != m.user }) else { continue }
        let operation = AdministrationOperation(actor: actor, make(m, actor, result.count))
        if (try? snapshot.applying(operation)) != nil { result.append(operation) }
      }
      return result
    }
    var result: [String: [AdministrationOperation]] = [:]
    result["applying(.changeRole)"] = drawn { m, _, i in
      .changeRole(user: m.user, org: m.org, role: i & 1 == 0 ? "MANAGER" : "TECH")
    }
    result["applying(.removeMember)"] = drawn { m, _, _ in .removeMember(user: m.user, org: m.org) }
    result["applying(.grantDirect)"] = drawn { m, _, _ in
      .grantDirect(user: m.user, org: m.org, grant: grant, withPrerequisites: false)
    }
    result["applying(.invite)"] = invitations.compactMap { invitation in
      guard let actor = owners[invitation.org]?.first else { return nil }
      let operation = AdministrationOperation(
        actor: actor,
        .invite(user: invitation.user, org: invitation.org, role: invitation.role, shops: []))
      return (try? snapshot.applying(operation)) != nil ? operation : nil
    }
    return result
  }

  /// Times each operation from the same base snapshot (the new snapshot is dropped, so
  /// its release is included), in the thread's CPU time: these are microseconds of work
  /// that a loaded machine would otherwise stretch with waits for a core.
  static func timeOperations(_ scale: Scale, _ context: Context) throws -> [(String, BatchTiming)] {
    let base = scale.snapshot
    // A snapshot where every drawn membership holds `grant`, to revoke it from.
    var granted = base
    for m in scale.members {
      granted = (try? granted.settingDirectGrants([grant], for: m.user, in: m.org)) ?? granted
    }
    var flip = 0
    func time(_ operation: (Int) -> Snapshot?) -> BatchTiming {
      measure(context.effort, cpuTime: true) { n in
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
      case let name where name.hasPrefix("applying("):
        let drawn = scale.operations[name] ?? []
        timing = time { i in drawn.isEmpty ? nil : try? base.applying(drawn[i % drawn.count]) }
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
    let read = snapshot.action("tickets::ticket::read")
    let principals = scale.members.map { snapshot.principal($0.user) }
    let resources = scale.members.map { snapshot.resolve(Resource(org: $0.org)) }
    let count = context.size(1_000_000, quick: 100_000)
    let (calls, _) = countAllocations(count) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let i = k & 1_023
        checksum &+= snapshot.can(principals[i], read, resources[i]).isAllowed ? 1 : 2
      }
      return checksum
    }
    context.report.add(
      "can on a snapshot after 512 updates", value: calls, unit: "allocs/op", iterations: count,
      workload: scale.sizes, target: .atMost(0))
  }
}
