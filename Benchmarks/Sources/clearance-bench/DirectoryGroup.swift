import Clearance

/// Group 4: the embedded directory at scale.
enum DirectoryGroup: Benchmark {
  static let name = "directory"
  static let summary =
    "1,000,000 users / 2,000,000 memberships / 10,000 orgs: build, bytes, cold principals"
  typealias Workload = Void

  static func run(_: Void, _ context: Context) throws {
    let report = context.report
    let users = context.size(1_000_000, quick: 100_000)
    let organizations = 10_000
    report.begin(
      name, "\(formatNumber(Double(users))) users, 2 memberships each, \(organizations) orgs"
    )
    let generator = DirectoryGenerator(
      organizations: organizations, users: users, membershipsPerUser: [0, 1], seed: 7,
      directGrantPercent: 1)
    let generationStart = monotonicNanoseconds()
    let (directory, directoryBytes) = Heap.retainedBytes { generator.make().directory }
    let generation = Double(monotonicNanoseconds() - generationStart)
    let memberships = directory.memberships.count
    let sizes = ["users": users, "memberships": memberships, "organizations": organizations]
    report.note(
      "Directory value generated in \(formatNumber(generation / 1e6)) ms; ids like "
        + "\"u123456\" and \"org-1234\" fit Swift's inline small strings (no heap per id)")

    let compiled = try CompiledPolicy(ServicePolicy.make())
    var firstBuild: Double = 0
    let (snapshot, structureBytes) = try Heap.retainedBytes {
      let start = monotonicNanoseconds()
      let snapshot = try Snapshot(policy: compiled, directory: directory)
      firstBuild = Double(monotonicNanoseconds() - start)
      return snapshot
    }
    let builds =
      [firstBuild]
      + measure(.calls(context.quick ? 1 : 2, warmUp: false)) { _ in
        ((try? Snapshot(policy: compiled, directory: directory)) != nil) ? 1 : 0
      }.perOperation
    report.add("snapshot build", timing: .calls(builds), workload: sizes, unit: .milliseconds)
    let perMembership = Double(structureBytes) / Double(memberships)
    let inputPerMembership = Double(directoryBytes) / Double(memberships)
    report.add(
      "directory structure per membership", value: perMembership, unit: "B/member", workload: sizes,
      target: .atMost(200),
      note: "\(formatNumber(Double(structureBytes))) B built by Snapshot(policy:directory:)")
    report.add(
      "Directory value per membership", value: inputPerMembership, unit: "B/member",
      workload: sizes,
      note:
        "\(formatNumber(Double(directoryBytes))) B: the host's input; the snapshot does not keep it"
    )
    var random = SplitMix64(seed: 8)
    measureColdPrincipals(snapshot, directory, context, sizes, &random)
    measureChanges(snapshot, directory, context, sizes, &random)
  }

  /// Cold principals: a user drawn at random from the whole directory, resolved from its id
  /// and checked against a resource in one of their organizations.
  private static func measureColdPrincipals(
    _ snapshot: Snapshot, _ directory: Directory, _ context: Context, _ sizes: [String: Int],
    _ random: inout SplitMix64
  ) {
    let report = context.report
    let memberships = directory.memberships.count
    let count = 1 << 16
    var ids: [UserID] = []
    var resources: [ResolvedResource] = []
    for _ in 0..<count {
      let membership = directory.memberships[random.below(memberships)]
      ids.append(membership.user)
      resources.append(
        snapshot.resolve(
          Resource(org: membership.org, assignee: random.percent(30) ? membership.user : nil)))
    }
    let read = snapshot.action("tickets::ticket::read")
    var offset = 0
    let cold = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let i = (offset &+ k) & (count - 1)
        let principal = snapshot.principal(ids[i])
        checksum &+= UInt64(
          snapshot.can(principal, read, resources[i]).httpStatus)
      }
      offset &+= n
      return checksum
    }
    report.add("principal(UserID) + can, cold principal", timing: cold, workload: sizes)
    let resolveOnly = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        checksum &+= snapshot.principal(ids[(offset &+ k) & (count - 1)]).isActive ? 1 : 2
      }
      offset &+= n
      return checksum
    }
    report.add("principal(UserID), cold", timing: resolveOnly, workload: sizes)
  }

  /// Incremental changes at this scale (each from the same base snapshot).
  private static func measureChanges(
    _ snapshot: Snapshot, _ directory: Directory, _ context: Context, _ sizes: [String: Int],
    _ random: inout SplitMix64
  ) {
    let report = context.report
    let memberships = directory.memberships.count
    let changed = directory.memberships[random.below(memberships)]
    var flip = 0
    let role = measure(.calls(context.quick ? 2 : 5)) { _ in
      flip &+= 1
      let next = try? snapshot.changingRole(
        of: changed.user, in: changed.org, to: flip & 1 == 0 ? "MANAGER" : "TECH")
      return next == nil ? 1 : 2
    }
    report.add(
      "changingRole(of:in:to:)", timing: role, workload: sizes, unit: .milliseconds)
    let feature = measure(.calls(context.quick ? 2 : 5)) { _ in
      flip &+= 1
      let next = try? snapshot.settingFeatureOverride(
        "payments", to: flip & 1 == 0, for: changed.org)
      return next == nil ? 1 : 2
    }
    report.add(
      "settingFeature(_:to:for:), one org", timing: feature, workload: sizes,
      unit: .milliseconds)
  }
}
