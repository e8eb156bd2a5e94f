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
    let (contexts, entries, secured) = (setup.contexts, setup.entries, setup.secured)
    let addresses = setup.addresses
    let (securedPrincipals, securedResources) = (setup.principals, setup.resources)
    let list = try IPAllowlist(entries)
    report.note(
      "allowlist: \(entries.count) /24 entries on every root organization "
        + "(\(list.ranges.count) merged ranges), inherited by every sub-organization")

    var offset = 0
    func record(_ name: String, note: String? = nil, _ body: @escaping (Int, Int) -> UInt64) {
      let timing = measure(context.effort) { n in
        defer { offset &+= n }
        return body(n, offset)
      }
      report.add(name, timing: timing, workload: sizes, note: note)
    }
    record("can(principal, action, resource)", note: "the context-free hot path, this run") {
      n, from in w.checkPermissions(n, from: from)
    }
    record("can(…, context:), org without settings") { n, from in
      check(w.snapshot, w.principals, w.actions, w.resolved, w.requests, addresses, n, from)
    }
    record("can(…, context:), 1,000-entry allowlist") { n, from in
      check(
        secured, securedPrincipals, w.actions, securedResources, w.requests, addresses, n, from)
    }
    record("can(principal, action, resource) again", note: "drift check") { n, from in
      w.checkPermissions(n, from: from)
    }
    record("IPAllowlist.contains, 1,000 entries") { n, from in
      var checksum: UInt64 = 0
      for k in 0..<n {
        if let ip = contexts[(from &+ k) & 1023].clientIP, list.contains(ip) { checksum &+= 1 }
      }
      return checksum
    }
    let (calls, _) = countAllocations(context.size(100_000, quick: 10_000)) { n in
      check(w.snapshot, w.principals, w.actions, w.resolved, w.requests, addresses, n, 0)
    }
    report.add(
      "allocations, can(…, context:) without settings", value: calls, unit: "allocs/op",
      workload: sizes, target: .atMost(0))
    try rateLimiter(context, sizes)
  }

  /// The contexts (1,024 client addresses, half inside the list) and a snapshot of the
  /// service workload whose root organizations carry a 1,000-entry allowlist.
  struct Setup {
    let contexts: [RequestContext]
    /// The contexts' client addresses, for loops that build a context per call.
    let addresses: [IPAddress?]
    let entries: [String]
    let secured: Snapshot
    let principals: [Principal]
    let resources: [ResolvedResource]

    /// Builds the contexts; the allowlist snapshot only when `allowlist` (for profiling
    /// one loop, the other's setup is left out).
    init(_ w: ServiceWorkload, allowlist: Bool = true) throws {
      let time = Timestamp(seconds: 1_800_000_000)
      var rng = SplitMix64(seed: 0x5EC)
      let inside = (0..<1_000).map { _ in UInt32(truncatingIfNeeded: rng.next()) & 0xFFFF_FF00 }
      entries = inside.map { IPAddress(ipv4: $0).description + "/24" }
      contexts = (0..<1024).map { i -> RequestContext in
        let bits =
          i.isMultiple(of: 2)
          ? inside[i % inside.count] | UInt32(i & 0xFF) : UInt32(truncatingIfNeeded: rng.next())
        return RequestContext(time: time, clientIP: IPAddress(ipv4: bits))
      }
      addresses = contexts.map(\.clientIP)
      guard allowlist else {
        (secured, principals, resources) = (w.snapshot, w.principals, w.resolved)
        return
      }
      var listed = w.directory
      for i in listed.organizations.indices where listed.organizations[i].parent == nil {
        listed.organizations[i].security.ipAllowlist = entries
      }
      let snapshot = try Snapshot(policy: CompiledPolicy(w.policy), directory: listed)
      secured = snapshot
      principals = w.userIDs.map { snapshot.principal($0) }
      resources = w.resources.map { snapshot.resolve($0) }
    }
  }

  /// `can` with a context per call, cycling like the hot-path loop. As a request handler
  /// does, each call builds its context (the time, and a client address from an array)
  /// rather than copying a stored one: a stored `RequestContext` holds an
  /// optional `String` (the API key), and copying it out of an array costs about 60
  /// instructions of retain, release and outlined copy (measured with callgrind).
  static func check(
    _ snapshot: Snapshot, _ principals: [Principal], _ actions: [Action],
    _ resources: [ResolvedResource], _ requests: [Request], _ addresses: [IPAddress?],
    _ count: Int, _ start: Int
  ) -> UInt64 {
    var checksum: UInt64 = 0
    let mask = requests.count - 1
    var i = start & mask
    let time = Timestamp(seconds: 1_800_000_000)
    for _ in 0..<count {
      let request = requests[i]
      let decision = snapshot.can(
        principals[Int(request.principal)], actions[Int(request.action)],
        resources[Int(request.resource)],
        context: RequestContext(time: time, clientIP: addresses[i & 1023]))
      checksum &+= UInt64(decision.httpStatus)
      i = (i &+ 1) & mask
    }
    return checksum
  }

  /// The limiter: 4,096 keys at 100 requests per second, one request a microsecond (each
  /// key about 250 a second, so some are admitted and some refused).
  static func rateLimiter(_ context: Context, _ sizes: [String: Int]) throws {
    let report = context.report
    let limit = RateLimit(100, perSeconds: 1)
    let limiter = RateLimiter<Int>(clock: { Timestamp(nanoseconds: 0) })
    var clock: Int64 = 0
    let single = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        clock &+= 1_000
        let result = limiter.check(k & 4095, limit: limit, at: Timestamp(nanoseconds: clock))
        checksum &+= result.isAllowed ? 1 : 2
      }
      return checksum
    }
    report.add(
      "RateLimiter.check, uncontended", timing: single, workload: sizes,
      note: "4,096 keys, 100/s each, mixed admissions and refusals")
    let perThread = context.size(2_000_000, quick: 200_000)
    let shared = RateLimiter<Int>(clock: { Timestamp(nanoseconds: 0) })
    var rates: [Double] = []
    for _ in 0..<(context.quick ? 3 : 7) {
      let elapsed = runThreads(2) { index in
        var checksum: UInt64 = 0
        for k in 0..<perThread {
          let at = Timestamp(nanoseconds: Int64(k) &* 1_000)
          checksum &+=
            shared.check((k &+ index &* 2048) & 4095, limit: limit, at: at).isAllowed
            ? 1 : 2
        }
        return checksum
      }
      rates.append(Double(elapsed) / Double(2 * perThread))
    }
    report.add(
      "RateLimiter.check, 2 threads, one limiter", unit: "ns/op", statistics: Statistics(rates),
      iterations: 2 * perThread * rates.count, samples: rates.count, workload: sizes,
      note: "wall time per check with both threads on the same lock")
  }
}
