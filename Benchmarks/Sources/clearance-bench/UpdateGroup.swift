import Clearance

/// Group 5: time to a new snapshot after a change, with 10,000 organizations loaded.
enum UpdateGroup: Benchmark {
  static let name = "updates"
  static let summary =
    "time to a new snapshot with 10,000 orgs: feature flip, role change, direct grant"

  /// 10,000 organizations with their users and memberships, and the snapshot to update.
  struct Workload {
    let directory: Directory
    let snapshot: Snapshot
    let users: Int
    var sizes: [String: Int] {
      [
        "organizations": directory.organizations.count, "users": users,
        "memberships": directory.memberships.count,
      ]
    }
  }

  static func setUp(_ context: Context) throws -> Workload {
    let users = context.size(100_000, quick: 20_000)
    let directory = DirectoryGenerator(
      organizations: 10_000, users: users, membershipsPerUser: [60, 30, 10], seed: 11
    ).make().directory
    let snapshot = try Snapshot(policy: CompiledPolicy(ServicePolicy.make()), directory: directory)
    return Workload(directory: directory, snapshot: snapshot, users: users)
  }

  static func run(_ workload: Workload, _ context: Context) throws {
    let report = context.report
    let (directory, users) = (workload.directory, workload.users)
    report.begin(
      name,
      "new snapshot with \(directory.organizations.count) orgs, \(users) users, "
        + "\(directory.memberships.count) memberships")

    var random = SplitMix64(seed: 12)
    var flip = 0
    measureOrganizationChanges(workload, context, &random, &flip)
    measureMembershipChanges(workload, context, &random, &flip)
    measureReplacements(workload, context, &random)
  }

  /// Feature and plan changes, each on one of 1,024 random organizations.
  private static func measureOrganizationChanges(
    _ workload: Workload, _ context: Context, _ random: inout SplitMix64, _ flip: inout Int
  ) {
    let report = context.report
    let (directory, snapshot, sizes) = (workload.directory, workload.snapshot, workload.sizes)
    let orgs = (0..<1_024).map { _ in random.pick(directory.organizations).id }
    let feature = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for _ in 0..<n {
        flip &+= 1
        let next = try? snapshot.settingFeatureOverride(
          "payments", to: flip & 1 == 0, for: orgs[flip & 1_023])
        checksum &+= next == nil ? 1 : 2
      }
      return checksum
    }
    report.add(
      "settingFeature(_:to:for:), one org", timing: feature, workload: sizes,
      target: .atMost(1_000), unit: .microseconds)

    let plan = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for _ in 0..<n {
        flip &+= 1
        let next = try? snapshot.settingPlan(
          flip & 1 == 0 ? "pro" : "starter", for: orgs[flip & 1_023])
        checksum &+= next == nil ? 1 : 2
      }
      return checksum
    }
    report.add("settingPlan(_:for:), one org", timing: plan, workload: sizes, unit: .microseconds)
  }

  /// Membership and user changes, incrementally: each builds a new snapshot from the same
  /// base, alternating between two values.
  private static func measureMembershipChanges(
    _ workload: Workload, _ context: Context, _ random: inout SplitMix64, _ flip: inout Int
  ) {
    let report = context.report
    let (directory, snapshot, sizes) = (workload.directory, workload.snapshot, workload.sizes)
    let members = (0..<1_024).map { _ in random.pick(directory.memberships) }
    let role = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for _ in 0..<n {
        flip &+= 1
        let membership = members[flip & 1_023]
        let next = try? snapshot.changingRole(
          of: membership.user, in: membership.org, to: flip & 1 == 0 ? "MANAGER" : "TECH")
        checksum &+= next == nil ? 1 : 2
      }
      return checksum
    }
    report.add("changingRole(of:in:to:)", timing: role, workload: sizes, unit: .microseconds)
    let direct = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for _ in 0..<n {
        flip &+= 1
        let membership = members[flip & 1_023]
        let next = try? snapshot.addingDirectGrant(
          Grant("reports::export::read", scope: .org), for: membership.user, in: membership.org)
        checksum &+= next == nil ? 1 : 2
      }
      return checksum
    }
    report.add("addingDirectGrant(_:for:in:)", timing: direct, workload: sizes, unit: .microseconds)
    let user = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for _ in 0..<n {
        flip &+= 1
        let next = try? snapshot.settingUser(members[flip & 1_023].user, isActive: flip & 1 == 0)
        checksum &+= next == nil ? 1 : 2
      }
      return checksum
    }
    report.add("settingUser(_:isActive:)", timing: user, workload: sizes, unit: .microseconds)
  }

  /// The same changes through replacingDirectory with the host's modified Directory: a full
  /// rebuild of the directory structure.
  private static func measureReplacements(
    _ workload: Workload, _ context: Context, _ random: inout SplitMix64
  ) {
    let report = context.report
    let (directory, snapshot, sizes) = (workload.directory, workload.snapshot, workload.sizes)
    let m = random.below(directory.memberships.count)
    var roleChanged = directory
    roleChanged.memberships[m].role =
      roleChanged.memberships[m].role == "MANAGER" ? "TECH" : "MANAGER"
    var granted = directory
    granted.memberships[m].grants.append(Grant("reports::export::read", scope: .org))
    let samples = context.quick ? 2 : context.effort.slowSamples
    let roleChange = measure(.calls(samples)) { _ in
      ((try? snapshot.replacingDirectory(roleChanged)) != nil) ? 1 : 0
    }
    report.add(
      "replacingDirectory, one role changed", timing: roleChange, workload: sizes,
      unit: .milliseconds)
    let grant = measure(.calls(samples)) { _ in
      ((try? snapshot.replacingDirectory(granted)) != nil) ? 1 : 0
    }.perOperation
    report.add(
      "replacingDirectory, one direct grant added", timing: .calls(grant), workload: sizes,
      unit: .milliseconds)
    let copy = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        var changed = directory
        changed.memberships[k % directory.memberships.count].role = "TECH"
        checksum &+= UInt64(changed.memberships.count)
      }
      return checksum
    }
    report.add(
      "host side: copy Directory and change one role", timing: copy, workload: sizes,
      unit: .microseconds, note: "copy-on-write of the memberships array, not included above")
  }
}
