import Clearance

/// Group 2: heap allocations per operation, counted by the benchmark's own malloc wrappers
/// (calls) and glibc's `mallinfo2` (net bytes still in use afterwards).
enum AllocationGroup: Benchmark {
  static let name = "allocations"
  static let summary =
    "malloc calls and net heap bytes per operation"
  typealias Workload = ServiceWorkload

  static func run(_ w: ServiceWorkload, _ context: Context) throws {
    let report = context.report
    report.begin(name, "malloc-family calls per operation (net heap bytes in the note)")
    let sizes = w.sizes
    let checks = context.size(1_000_000, quick: 100_000)
    let slow = context.size(10_000, quick: 1_000)
    let named = HotPathGroup.namedRequests(w)
    let pairs = HotPathGroup.membershipPairs(w)
    let baseline = BaselineGroup.make(w)
    let record = Recorder(report: report, sizes: sizes)
    recordChecks(w, record, checks: checks, slow: slow, named: named, pairs: pairs)
    recordResolves(w, record, slow: slow)
    record("baseline can (Set<String>)", slow) { n in baseline.checkPermissions(n) }
  }

  /// Records one figure: malloc-family calls per operation, net heap bytes in the note.
  private struct Recorder {
    let report: Report
    let sizes: [String: Int]

    func callAsFunction(
      _ name: String, _ count: Int, target: Target? = nil, _ body: (Int) -> UInt64
    ) {
      let (calls, bytes) = countAllocations(count, body)
      report.add(
        name, value: calls, unit: "allocs/op", iterations: count, workload: sizes, target: target,
        note: "\(count) operations, net heap \(formatNumber(bytes)) B/op")
    }
  }

  /// The decisions and queries: can, transitions, allowed targets, explain, permissions.
  private static func recordChecks(
    _ w: ServiceWorkload, _ record: Recorder, checks: Int, slow: Int,
    named: [(user: UserID, action: ActionName, resource: Resource)],
    pairs: [(user: UserID, org: OrgID)]
  ) {
    record("can(principal, action, resource)", checks, target: .atMost(0)) { n in
      w.checkPermissions(n)
    }
    record("can, workflow transition", checks) { n in w.checkTransitions(n) }
    record("allowedTargets(principal, moving:, in:)", slow) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let request = w.transitions[k & (w.transitions.count - 1)]
        let allowed = w.snapshot.allowedTargets(
          for: w.principals[Int(request.principal)],
          moving: w.resolvedTickets[Int(request.resource)],
          in: "ticket")
        checksum &+= UInt64(allowed.count)
      }
      return checksum
    }
    record("can(UserID, String, Resource)", checks, target: .atMost(0)) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let request = named[k & (named.count - 1)]
        checksum &+= UInt64(
          w.snapshot.can(request.user, request.action, request.resource).httpStatus)
      }
      return checksum
    }
    record("explain(principal, action, resource)", slow) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let request = w.requests[k & (w.requests.count - 1)]
        checksum &+= UInt64(
          w.snapshot.explain(
            w.principals[Int(request.principal)], w.actions[Int(request.action)],
            w.resolved[Int(request.resource)]
          ).checks.count)
      }
      return checksum
    }
    record("effectivePermissions(of:in:)", slow / 10) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let pair = pairs[k % pairs.count]
        checksum &+= UInt64(w.snapshot.effectivePermissions(of: pair.user, in: pair.org).count)
      }
      return checksum
    }
  }

  /// The lookups: principals, resources, and resources naming unknown assignees.
  private static func recordResolves(_ w: ServiceWorkload, _ record: Recorder, slow: Int) {
    record("principal(UserID)", slow) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        checksum &+= w.snapshot.principal(w.userIDs[k & (w.userIDs.count - 1)]).isActive ? 1 : 2
      }
      return checksum
    }
    record("resolve(Resource)", slow) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        checksum &+= UInt64(
          w.snapshot.resolve(w.resources[k % w.resources.count]).witness
        )
      }
      return checksum
    }
    // Distinct assignees the directory does not list: resolving them must leave nothing
    // behind (they used to be interned for good).
    let org = w.resources[0].org
    let strangers = (0..<slow).map {
      Resource(org: org, assignee: UserID("stranger-\($0)-of-the-benchmark"))
    }
    record("resolve(Resource), distinct unknown assignees", slow, target: .atMost(0)) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        checksum &+= UInt64(w.snapshot.resolve(strangers[k % strangers.count]).witness)
      }
      return checksum
    }
  }
}
