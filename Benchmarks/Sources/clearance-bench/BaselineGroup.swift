import Clearance

/// The service workload's requests in the baseline's own terms: strings the host has.
struct BaselineWorkload {
  let evaluator: BaselineEvaluator
  let users: [String]
  let actions: [BaselineEvaluator.Action]
  let resources: [BaselineEvaluator.Resource]
  let transitionActions: [BaselineEvaluator.Action]
  let tickets: [BaselineEvaluator.Resource]
  let requests: [Request]
  let transitions: [Request]

  func checkPermissions(_ count: Int, from start: Int = 0) -> UInt64 {
    BaselineWorkload.check(
      evaluator, users, actions, resources, requests, count: count, from: start)
  }

  func checkTransitions(_ count: Int, from start: Int = 0) -> UInt64 {
    BaselineWorkload.check(
      evaluator, users, transitionActions, tickets, transitions, count: count, from: start)
  }

  /// Checks as a handler does: one user and resource for `actionsPerPair` actions (see
  /// `ServiceWorkload.checkHeld`).
  func checkHeld(_ count: Int, from start: Int = 0, actionsPerPair: Int = 32) -> UInt64 {
    var checksum: UInt64 = 0
    let mask = requests.count - 1
    var i = start & mask
    var done = 0
    var a = start % actions.count
    while done < count {
      let request = requests[i]
      let user = users[Int(request.principal)]
      let resource = resources[Int(request.resource)]
      for _ in 0..<min(actionsPerPair, count - done) {
        checksum &+= evaluator.can(user, actions[a], resource).code
        a = a &+ 1 == actions.count ? 0 : a &+ 1
      }
      done &+= actionsPerPair
      i = (i &+ 1) & mask
    }
    return checksum
  }

  @inline(__always)
  static func check(
    _ evaluator: BaselineEvaluator, _ users: [String], _ actions: [BaselineEvaluator.Action],
    _ resources: [BaselineEvaluator.Resource], _ requests: [Request], count: Int, from start: Int
  ) -> UInt64 {
    var checksum: UInt64 = 0
    let mask = requests.count - 1
    var i = start & mask
    for _ in 0..<count {
      let request = requests[i]
      let outcome = evaluator.can(
        users[Int(request.principal)], actions[Int(request.action)],
        resources[Int(request.resource)])
      checksum &+= outcome.code
      i = (i &+ 1) & mask
    }
    return checksum
  }
}

/// Group 7: the hand-written baseline on the same requests, and the ratio.
enum BaselineGroup: Benchmark {
  static let name = "baseline"
  static let summary =
    "a hand-written Set<String> evaluator on the same requests, and the ratio"
  typealias Workload = ServiceWorkload

  static func make(_ w: ServiceWorkload) -> BaselineWorkload {
    func convert(_ resource: Resource) -> BaselineEvaluator.Resource {
      BaselineEvaluator.Resource(
        org: resource.org.rawValue, shop: resource.shop?.rawValue,
        assignee: resource.assignee?.rawValue, state: resource.state?.rawValue)
    }
    return BaselineWorkload(
      evaluator: BaselineEvaluator(policy: w.policy, directory: w.directory),
      users: w.userIDs.map(\.rawValue), actions: w.permissionKeys.map { .permission($0) },
      resources: w.resources.map(convert),
      transitionActions: w.targets.map { .transition(workflow: "ticket", target: $0) },
      tickets: w.tickets.map(convert), requests: w.requests, transitions: w.transitions)
  }

  static func run(_ w: ServiceWorkload, _ context: Context) throws {
    let report = context.report
    report.begin(
      name, "hand-written Set<String> evaluator vs Clearance, same requests, same run")
    let start = monotonicNanoseconds()
    let baseline = make(w)
    report.note(
      "baseline built from the same Policy and Directory values in "
        + "\(formatNumber(Double(monotonicNanoseconds() - start) / 1e6)) ms")
    verifyAgreement(w, baseline, report)
    measurePairs(w, baseline, context)
  }

  /// Checks that the baseline reaches Clearance's decision on every request before it is
  /// timed, and notes any disagreement.
  private static func verifyAgreement(
    _ w: ServiceWorkload, _ baseline: BaselineWorkload, _ report: Report
  ) {
    var disagreements: [String] = []
    func verify(
      _ requests: [Request], _ actions: [Action], _ resolved: [ResolvedResource],
      _ baselineActions: [BaselineEvaluator.Action],
      _ baselineResources: [BaselineEvaluator.Resource]
    ) {
      for request in requests {
        let decision = w.snapshot.can(
          w.principals[Int(request.principal)], actions[Int(request.action)],
          resolved[Int(request.resource)])
        let outcome = baseline.evaluator.can(
          baseline.users[Int(request.principal)], baselineActions[Int(request.action)],
          baselineResources[Int(request.resource)])
        if !outcome.matches(decision) {
          disagreements.append(
            "\(baseline.users[Int(request.principal)]) \(baselineActions[Int(request.action)]) "
              + "\(baselineResources[Int(request.resource)]): Clearance \(decision), baseline \(outcome)"
          )
        }
      }
    }
    verify(w.requests, w.actions, w.resolved, baseline.actions, baseline.resources)
    verify(
      w.transitions, w.transitionActions, w.resolvedTickets, baseline.transitionActions,
      baseline.tickets)
    let total = w.requests.count + w.transitions.count
    if disagreements.isEmpty {
      report.note("baseline and Clearance agree on all \(total) requests (decision and reason)")
    } else {
      report.note(
        "WARNING: baseline and Clearance disagree on \(disagreements.count) of \(total) requests, e.g.:"
      )
      for line in disagreements.prefix(5) { report.note("  " + line) }
    }
  }

  /// Times the baseline and Clearance on the same requests, and records their ratios.
  private static func measurePairs(
    _ w: ServiceWorkload, _ baseline: BaselineWorkload, _ context: Context
  ) {
    let report = context.report
    let sizes = w.sizes
    // Each pair of figures is measured in alternating batches; a ratio is the median of the
    // per-pair ratios, which a change in the machine's load affects least.
    var offset = 0
    func pair(
      _ name: String, _ baselineName: String, _ clearanceName: String,
      baselineRun: (Int, Int) -> UInt64, clearanceRun: (Int, Int) -> UInt64, target: Target? = nil
    ) -> (baseline: BatchTiming, clearance: BatchTiming) {
      let (b, c, ratios) = paired(
        context.effort,
        { n in
          defer { offset &+= n }
          return baselineRun(n, offset)
        },
        { n in
          defer { offset &+= n }
          return clearanceRun(n, offset)
        })
      report.add(baselineName, timing: b, workload: sizes)
      report.add(clearanceName, timing: c, workload: sizes)
      report.add(
        "ratio baseline / Clearance (\(name))", unit: "x", statistics: Statistics(ratios),
        iterations: ratios.count, samples: ratios.count, workload: sizes, target: target,
        note: "quantiles of \(ratios.count) paired ratios")
      return (b, c)
    }
    _ = pair(
      "permission", "baseline can (permission)", "Clearance can (permission)",
      baselineRun: { baseline.checkPermissions($0, from: $1) },
      clearanceRun: { w.checkPermissions($0, from: $1) }, target: .atLeast(20))
    _ = pair(
      "handler-held", "baseline can, handler-held user and resource",
      "Clearance can, handler-held principal and resource",
      baselineRun: { baseline.checkHeld($0, from: $1) }, clearanceRun: { w.checkHeld($0, from: $1) }
    )
    _ = pair(
      "transition", "baseline can (transition)", "Clearance can (transition)",
      baselineRun: { baseline.checkTransitions($0, from: $1) },
      clearanceRun: { w.checkTransitions($0, from: $1) })
    _ = pair(
      "by strings", "baseline can (permission), paired with by strings",
      "Clearance can(UserID, ActionName, Resource)",
      baselineRun: { baseline.checkPermissions($0, from: $1) },
      clearanceRun: { w.checkByName($0, from: $1) }, target: .atLeast(10))
    let (_, _, ratios) = paired(
      context.effort,
      { n in
        defer { offset &+= n }
        return w.checkByName(n, from: offset)
      },
      { n in
        defer { offset &+= n }
        return w.checkPermissions(n, from: offset)
      })
    report.add(
      "ratio Clearance by names / by handles", unit: "x", statistics: Statistics(ratios),
      iterations: ratios.count, samples: ratios.count, workload: sizes, target: .atMost(4),
      note: "quantiles of \(ratios.count) paired ratios: the cost of resolving the names")
  }

  /// Times two operations in alternating batches (a, b, a, b, …), so that a change in the
  /// machine's load affects both alike, and returns both timings and the per-pair ratios
  /// `a / b` of their per-operation times.
  static func paired(
    _ plan: Effort, _ a: (Int) -> UInt64, _ b: (Int) -> UInt64
  ) -> (a: BatchTiming, b: BatchTiming, ratios: [Double]) {
    var calibration = plan
    (calibration.samples, calibration.warmUpBatches) = (1, 0)
    let batchA = measure(calibration, a).batch
    let batchB = measure(calibration, b).batch
    var timesA: [Double] = []
    var timesB: [Double] = []
    for _ in 0..<plan.samples {
      timesA += measure(.fixed(batch: batchA, samples: 1), a).perOperation
      timesB += measure(.fixed(batch: batchB, samples: 1), b).perOperation
    }
    return (
      BatchTiming(perOperation: timesA, batch: batchA),
      BatchTiming(perOperation: timesB, batch: batchB), zip(timesA, timesB).map { $0 / $1 }
    )
  }
}
