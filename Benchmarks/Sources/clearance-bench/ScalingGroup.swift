import Clearance

/// Group 3: compile time, snapshot memory and check cost as the policy grows.
enum ScalingGroup: Benchmark {
  static let name = "scaling"
  static let summary =
    "compile time, snapshot bytes and check cost at the RBAC sizes and a 10,000-permission catalog"
  typealias Workload = Void

  static func run(_: Void, _ context: Context) throws {
    let report = context.report
    report.begin(
      name,
      "RBAC sizes (roles/users/grants) and a 10,000-permission catalog (roles×permissions, "
        + "8-deep inheritance)")
    report.note(
      "bytes: mallinfo2 in-use delta around construction (inputs excluded, temporaries freed)")
    let catalogRoles = context.size(10_000, quick: 1_000)
    let workloads: [() -> ScalingWorkload] = [
      { .rbac(label: "rbac 100/1k/1.1k", roles: 100, users: 1_000, seed: 1) },
      { .rbac(label: "rbac 1k/10k/11k", roles: 1_000, users: 10_000, seed: 2) },
      { .rbac(label: "rbac 10k/100k/110k", roles: 10_000, users: 100_000, seed: 3) },
      {
        .catalog(
          label: "catalog \(catalogRoles / 1_000)k×10k", roles: catalogRoles,
          users: 100_000, seed: 4)
      },
    ]
    var checks: [Double] = []
    for make in workloads {
      let workload = make()
      checks.append(try record(workload, context, isCatalog: workload.label.hasPrefix("catalog")))
    }
    if checks.count >= 3 {
      report.add(
        "check cost 110,000 / 1,100 grants", value: checks[2] / checks[0], unit: "x",
        workload: [:], target: .atMost(2))
    }
  }

  /// Records compile, snapshot and check figures of one workload; returns ns per check.
  static func record(_ workload: ScalingWorkload, _ context: Context, isCatalog: Bool) throws
    -> Double
  {
    let report = context.report
    let label = workload.label
    let sizes = workload.sizes
    let budget: Double = context.quick ? 1.5e9 : 12e9

    // Compile: the first compile is also the one whose retained bytes are measured.
    var firstCompile: Double = 0
    let (compiled, policyBytes) = try Heap.retainedBytes {
      let start = monotonicNanoseconds()
      let compiled = try CompiledPolicy(workload.policy)
      firstCompile = Double(monotonicNanoseconds() - start)
      return compiled
    }
    let compileSamples = max(
      0, min(context.effort.slowSamples, Int(budget / 2 / max(firstCompile, 1))) - 1)
    let compiles =
      [firstCompile]
      + measure(.calls(compileSamples, warmUp: false)) { _ in
        ((try? CompiledPolicy(workload.policy)) != nil) ? 1 : 0
      }.perOperation
    report.add(
      "\(label): compile", timing: .calls(compiles), workload: sizes,
      target: isCatalog && !context.quick ? .atMost(200) : nil, unit: .milliseconds)

    var firstBuild: Double = 0
    let (snapshot, structureBytes) = try Heap.retainedBytes {
      let start = monotonicNanoseconds()
      let snapshot = try Snapshot(policy: compiled, directory: workload.directory)
      firstBuild = Double(monotonicNanoseconds() - start)
      return snapshot
    }
    let buildSamples = max(
      0, min(context.effort.slowSamples, Int(budget / 2 / max(firstBuild, 1))) - 1)
    let builds =
      [firstBuild]
      + measure(.calls(buildSamples, warmUp: false)) { _ in
        ((try? Snapshot(policy: compiled, directory: workload.directory)) != nil) ? 1 : 0
      }.perOperation
    report.add(
      "\(label): snapshot build", timing: .calls(builds), workload: sizes, unit: .milliseconds)
    report.add(
      "\(label): compiled policy bytes", value: Double(policyBytes), unit: "bytes", workload: sizes)
    report.add(
      "\(label): directory structure bytes", value: Double(structureBytes), unit: "bytes",
      workload: sizes
    )

    let principals = workload.users.map { snapshot.principal($0) }
    let actions = workload.actions.map { snapshot.action($0) }
    let resources = workload.resources.map { snapshot.resolve($0) }
    var offset = 0
    let cycled = measure(context.effort) { n in
      defer { offset &+= n }
      return ServiceWorkload.check(
        snapshot, principals, actions, resources, workload.requests, count: n, from: offset)
    }
    let allowed = workload.requests.prefix(4_096).filter {
      snapshot.can(
        principals[Int($0.principal)], actions[Int($0.action)], resources[Int($0.resource)]
      ).isAllowed
    }.count
    report.add(
      "\(label): can", timing: cycled, workload: sizes,
      note: "\(Int((Double(allowed) * 100 / 4_096).rounded()))% allowed")
    let few = Array(workload.requests.prefix(64))
    let warm = measure(context.effort) { n in
      defer { offset &+= n }
      return ServiceWorkload.check(
        snapshot, principals, actions, resources, few, count: n, from: offset)
    }
    report.add("\(label): can, 64 requests (warm)", timing: warm, workload: sizes)
    return Statistics(cycled.perOperation).median
  }
}
