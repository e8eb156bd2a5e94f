import Clearance

/// A driver for profilers: builds the service workload, runs one kind of operation many
/// times and reports the wall time. Under `valgrind --tool=callgrind`, subtract a run with
/// `=1` to get instructions per operation.
enum Profile {
  enum Operation: String, CaseIterable {
    case can, held, transition, strings, explain, principal, resolve, baseline
    /// `can` with a request context on organizations without settings.
    case context
    /// `can` with a request context under a 1,000-entry allowlist, every address inside
    /// it: the same requests and decisions as `context`, plus the allowlist check.
    case allowlist
    /// `can` under the 1,000-entry allowlist, half the addresses outside it.
    case allowlistMixed = "allowlist-mixed"
    /// Compiles the 10,000-permission catalog with 1,000 roles.
    case compile
    /// Flips one feature for one organization, with 10,000 organizations.
    case feature
    /// Builds `filter(principal, action)` for users with three memberships each.
    case filter
    /// `RateLimiter.check` over 4,096 keys at 100 a second, one request a microsecond.
    case limiter
  }

  static func run(_ operation: Operation, count: Int) throws {
    switch operation {
    case .compile: try runCompile(count: count)
    case .filter: try runFilter(count: count)
    case .feature: try runFeature(count: count)
    case .limiter: runLimiter(count: count)
    default: try runService(operation, count: count)
    }
  }

  /// Compiles the 10,000-permission catalog with 1,000 roles `count` times.
  private static func runCompile(count: Int) throws {
    let policy = ScalingWorkload.catalog(label: "", roles: 1_000, users: 10, seed: 4).policy
    let start = monotonicNanoseconds()
    for _ in 0..<count { sink(UInt64(try CompiledPolicy(policy).permissionCount)) }
    let elapsed = Double(monotonicNanoseconds() - start)
    print("\(count) × compile: \(formatNumber(elapsed / Double(count) / 1e6)) ms each")
  }

  /// Builds `filter(principal, action)` `count` times for users with three memberships each.
  private static func runFilter(count: Int) throws {
    let directory = DirectoryGenerator(
      organizations: 1_000, users: 10_000, membershipsPerUser: [0, 0, 1], seed: 11,
      directGrantPercent: 1
    ).make().directory
    let snapshot = try Snapshot(
      policy: CompiledPolicy(ServicePolicy.make()), directory: directory)
    let read = snapshot.action("tickets::ticket::read")
    let principals = (0..<4_096).map { snapshot.principal(DirectoryGenerator.userID($0)) }
    let start = monotonicNanoseconds()
    for k in 0..<count {
      if case .or(let members) = snapshot.filter(principals[k & 4_095], read) {
        sink(UInt64(members.count))
      }
    }
    let elapsed = Double(monotonicNanoseconds() - start)
    print("\(count) × filter: \(formatNumber(elapsed / Double(count))) ns each")
  }

  /// Checks `count` requests against a rate limiter, as the `security` group's figure does.
  private static func runLimiter(count: Int) {
    let limiter = RateLimiter<Int>(clock: { Timestamp(nanoseconds: 0) })
    let start = monotonicNanoseconds()
    sink(SecurityGroup.checkLimiter(limiter, count, from: 0))
    let elapsed = Double(monotonicNanoseconds() - start)
    print("\(count) × limiter: \(formatNumber(elapsed / Double(count))) ns each")
  }

  /// Flips one feature for one organization `count` times, with 10,000 organizations.
  private static func runFeature(count: Int) throws {
    let directory = DirectoryGenerator(
      organizations: 10_000, users: 20_000, membershipsPerUser: [60, 30, 10], seed: 11
    ).make().directory
    let snapshot = try Snapshot(
      policy: CompiledPolicy(ServicePolicy.make()), directory: directory)
    let start = monotonicNanoseconds()
    for k in 0..<count {
      let org = directory.organizations[(k &* 7_919) % directory.organizations.count].id
      sink(
        try snapshot.settingFeatureOverride("payments", to: k & 1 == 0, for: org).directory.users
          .count
          == 0 ? 1 : 2)
    }
    let elapsed = Double(monotonicNanoseconds() - start)
    print("\(count) × feature: \(formatNumber(elapsed / Double(count) / 1e3)) µs each")
  }

  /// Runs one operation on the service workload `count` times.
  private static func runService(_ operation: Operation, count: Int) throws {
    let w = try ServiceWorkload()
    let baseline = operation == .baseline ? BaselineGroup.make(w) : nil
    let setup =
      [.context, .allowlist, .allowlistMixed].contains(operation)
      ? try SecurityGroup.Setup(w, allowlist: operation != .context) : nil
    let start = monotonicNanoseconds()
    switch operation {
    case .can: sink(w.checkPermissions(count))
    case .held: sink(w.checkHeld(count))
    case .transition: sink(w.checkTransitions(count))
    case .strings: sink(w.checkByName(count))
    case .explain:
      var checksum: UInt64 = 0
      for k in 0..<count {
        let request = w.requests[k & (w.requests.count - 1)]
        checksum &+= UInt64(
          w.snapshot.explain(
            w.principals[Int(request.principal)], w.actions[Int(request.action)],
            w.resolved[Int(request.resource)]
          ).checks.count)
      }
      sink(checksum)
    case .principal:
      var checksum: UInt64 = 0
      for k in 0..<count {
        checksum &+= w.snapshot.principal(w.userIDs[k & (w.userIDs.count - 1)]).isActive ? 1 : 2
      }
      sink(checksum)
    case .resolve:
      var checksum: UInt64 = 0
      for k in 0..<count {
        checksum &+= UInt64(
          w.snapshot.resolve(w.resources[k % w.resources.count]).witness
        )
      }
      sink(checksum)
    case .baseline:
      if let baseline { sink(baseline.checkPermissions(count)) }
    case .context:
      if let setup {
        sink(
          SecurityGroup.check(
            w.snapshot, w.principals, w.actions, w.resolved, w.requests, setup.addresses, count, 0))
      }
    case .allowlist, .allowlistMixed:
      if let setup {
        sink(
          SecurityGroup.check(
            setup.secured, setup.principals, w.actions, setup.resources, w.requests,
            operation == .allowlist ? setup.insideAddresses : setup.addresses, count, 0))
      }
    case .compile, .feature, .filter, .limiter: break
    }
    let elapsed = Double(monotonicNanoseconds() - start)
    print("\(count) × \(operation.rawValue): \(formatNumber(elapsed / Double(count))) ns each")
  }
}
