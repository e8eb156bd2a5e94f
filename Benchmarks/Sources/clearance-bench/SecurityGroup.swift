import Clearance

/// Group 9: the security checks' cost: `can` with a request context (no settings, and a
/// 1,000-entry allowlist) beside the context-free `can` in the same run, and the rate
/// limiter uncontended and on two threads.
enum SecurityGroup: Benchmark {
  static let name = "security"
  static let summary =
    "can with a request context (no settings, 1,000-entry allowlist) beside can; rate limiter"
  typealias Workload = ServiceWorkload

  static func run(_ w: ServiceWorkload, _ context: Context) throws {
    let report = context.report
    report.begin(name, "request context, IP allowlist and rate limiter")
    let sizes = w.sizes
    let setup = try Setup(w)
    let list = try IPAllowlist(setup.entries)
    report.note(
      "allowlist: \(setup.entries.count) /24 entries on every root organization "
        + "(\(list.ranges.count) merged ranges), inherited by every sub-organization")
    var offset = 0
    func loop(_ body: @escaping (Int, Int) -> UInt64) -> (Int) -> UInt64 {
      { n in
        defer { offset &+= n }
        return body(n, offset)
      }
    }
    let plain = loop { n, from in w.checkPermissions(n, from: from) }
    let bare = loop { n, from in
      check(w.snapshot, w.principals, w.actions, w.resolved, w.requests, setup.addresses, n, from)
    }
    let inside = loop { n, from in
      check(
        setup.secured, setup.principals, w.actions, setup.resources, w.requests,
        setup.insideAddresses, n, from)
    }
    try pairs(context, sizes, plain: plain, bare: bare, inside: inside)
    try distinctPairs(w, context, sizes, loop: loop)
    report.add(
      "can(…, context:), allowlist, half outside",
      timing: measure(
        context.effort,
        loop { n, from in
          check(
            setup.secured, setup.principals, w.actions, setup.resources, w.requests,
            setup.addresses, n, from)
        }), workload: sizes, note: "the outside half stops at check 4 (ipNotAllowed)")
    report.add(
      "can(principal, action, resource) again", timing: measure(context.effort, plain),
      workload: sizes, note: "drift check")
    report.add(
      "IPAllowlist.contains, 1,000 entries",
      timing: measure(context.effort) { n in
        var checksum: UInt64 = 0
        for k in 0..<n {
          if let ip = setup.addresses[(offset &+ k) & 1023], list.contains(ip) { checksum &+= 1 }
        }
        offset &+= n
        return checksum
      }, workload: sizes)
    let (calls, _) = countAllocations(context.size(100_000, quick: 10_000)) { n in
      check(w.snapshot, w.principals, w.actions, w.resolved, w.requests, setup.addresses, n, 0)
    }
    report.add(
      "allocations, can(…, context:) without settings", value: calls, unit: "allocs/op",
      workload: sizes, target: .atMost(0))
    try rateLimiter(context, sizes)
  }

  /// The two same-run comparisons of issue 9, each in alternating batches
  /// (``BaselineGroup/paired(_:_:_:)``) so that a change in the machine's load affects both
  /// sides alike: `can` with a context on organizations without settings against the
  /// context-free `can` (ratio, target ≤ 1.10), and the same requests under a 1,000-entry
  /// allowlist with every address inside against the loop without settings (difference,
  /// target ≤ 20 ns).
  static func pairs(
    _ context: Context, _ sizes: [String: Int], plain: (Int) -> UInt64,
    bare: (Int) -> UInt64, inside: (Int) -> UInt64
  ) throws {
    let report = context.report
    let (can, withContext, ratios) = BaselineGroup.paired(context.effort, plain, bare)
    report.add(
      "can(principal, action, resource)", timing: can, workload: sizes,
      note: "the context-free hot path, this run")
    report.add("can(…, context:), org without settings", timing: withContext, workload: sizes)
    report.add(
      "ratio context / can", unit: "x", statistics: Statistics(ratios.map { 1 / $0 }),
      iterations: ratios.count, samples: ratios.count, workload: sizes, target: .atMost(1.10),
      note: "quantiles of \(ratios.count) paired ratios")
    let (bareAgain, listed, _) = BaselineGroup.paired(context.effort, bare, inside)
    report.add(
      "can(…, context:), allowlist, every address inside", timing: listed, workload: sizes,
      note: "the same requests and decisions as without settings, plus check 4")
    let added = zip(listed.perOperation, bareAgain.perOperation).map { $0 - $1 }
    report.add(
      "allowlist adds", unit: "ns/op", statistics: Statistics(added), iterations: added.count,
      samples: added.count, workload: sizes, target: .atMost(20),
      note: "per pair of alternating batches: inside the allowlist minus without settings")
  }

  /// Client addresses (1,024 half inside the list, and 1,024 all inside) and a snapshot
  /// of the service workload whose root organizations carry a 1,000-entry allowlist.
  struct Setup {
    /// Client addresses, half inside the list; loops build a context per call.
    let addresses: [IPAddress?]
    /// Client addresses all inside the list.
    let insideAddresses: [IPAddress?]
    let entries: [String]
    let secured: Snapshot
    let principals: [Principal]
    let resources: [ResolvedResource]

    /// Builds the addresses; the allowlist snapshot only when `allowlist` (for profiling
    /// one loop, the other's setup is left out).
    init(_ w: ServiceWorkload, allowlist: Bool = true) throws {
      var rng = SplitMix64(seed: 0x5EC)
      let inside = (0..<1_000).map { _ in UInt32(truncatingIfNeeded: rng.next()) & 0xFFFF_FF00 }
      entries = inside.map { IPAddress(ipv4: $0).description + "/24" }
      addresses = (0..<1024).map { i -> IPAddress? in
        let bits =
          i.isMultiple(of: 2)
          ? inside[i % inside.count] | UInt32(i & 0xFF) : UInt32(truncatingIfNeeded: rng.next())
        return IPAddress(ipv4: bits)
      }
      insideAddresses = (0..<1024).map { i in
        IPAddress(ipv4: inside[(i &* 7) % inside.count] | UInt32(i & 0xFF))
      }
      guard allowlist else {
        (secured, principals, resources) = (w.snapshot, w.principals, w.resolved)
        return
      }
      var listed = w.directory
      for i in listed.organizations.indices where listed.organizations[i].parent == nil {
        listed.organizations[i].security.ipAllowlist = entries
      }
      // The workload's compiled policy, so that its actions are this snapshot's too.
      let snapshot = try Snapshot(policy: w.snapshot.policy, directory: listed)
      secured = snapshot
      principals = w.userIDs.map { snapshot.principal($0) }
      resources = w.resources.map { snapshot.resolve($0) }
    }
  }

  /// `can` with a context per call, cycling like the hot-path loop. As a request handler
  /// does, each call builds its context (the time, and a client address from an array
  /// whose size is a power of two: request `i` takes address `i` modulo that size).
  static func check(
    _ snapshot: Snapshot, _ principals: [Principal], _ actions: [Action],
    _ resources: [ResolvedResource], _ requests: [Request], _ addresses: [IPAddress?],
    _ count: Int, _ start: Int
  ) -> UInt64 {
    var checksum: UInt64 = 0
    let mask = requests.count - 1
    let addressMask = addresses.count - 1
    var i = start & mask
    let time = Timestamp(seconds: 1_800_000_000)
    for _ in 0..<count {
      let request = requests[i]
      let decision = snapshot.can(
        principals[Int(request.principal)], actions[Int(request.action)],
        resources[Int(request.resource)],
        context: RequestContext(time: time, clientIP: addresses[i & addressMask]))
      checksum &+= UInt64(decision.httpStatus)
      i = (i &+ 1) & mask
    }
    return checksum
  }

  /// Requests `start ..< start + count` of the limiter workload: request `k` checks key
  /// `(k + keyOffset) & 4095` at `k` microseconds against 100 a second, so some are
  /// admitted and some refused. Returns a checksum of the answers.
  static func checkLimiter(
    _ limiter: RateLimiter<Int>, _ count: Int, from start: Int, keyOffset: Int = 0
  ) -> UInt64 {
    let limit = RateLimit(100, perSeconds: 1)
    var checksum: UInt64 = 0
    for k in start..<(start &+ count) {
      let at = Timestamp(nanoseconds: Int64(k) &* 1_000)
      checksum &+= limiter.check((k &+ keyOffset) & 4095, limit: limit, at: at).isAllowed ? 1 : 2
    }
    return checksum
  }

  /// The limiter: 4,096 keys at 100 requests per second, one request a microsecond (each
  /// key about 250 a second, so some are admitted and some refused).
  static func rateLimiter(_ context: Context, _ sizes: [String: Int]) throws {
    let report = context.report
    let limiter = RateLimiter<Int>(clock: { Timestamp(nanoseconds: 0) })
    var done = 0
    let single = measure(context.effort) { n in
      defer { done &+= n }
      return checkLimiter(limiter, n, from: done)
    }
    report.add(
      "RateLimiter.check, uncontended", timing: single, workload: sizes,
      note: "4,096 keys, 100/s each, mixed admissions and refusals")
    let perThread = context.size(2_000_000, quick: 200_000)
    let shared = RateLimiter<Int>(clock: { Timestamp(nanoseconds: 0) })
    var rates: [Double] = []
    for _ in 0..<(context.quick ? 3 : 7) {
      let elapsed = runThreads(2) { index in
        checkLimiter(shared, perThread, from: 0, keyOffset: index &* 2048)
      }
      rates.append(Double(elapsed) / Double(2 * perThread))
    }
    report.add(
      "RateLimiter.check, 2 threads, one limiter", unit: "ns/op", statistics: Statistics(rates),
      iterations: 2 * perThread * rates.count, samples: rates.count, workload: sizes,
      note: "wall time per check with both threads sharing the limiter")
  }
}
