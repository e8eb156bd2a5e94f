/// One group of figures, in the shape of swift-nio's performance tester: `setUp` builds
/// the workload (not timed), `run` measures it and reports each figure to
/// `context.report`, `tearDown` lets it go.
///
/// `name` is the `group` of every figure in the printed table and the JSON, and what the
/// command line calls the group; figure names are fixed strings in `run`. Keep both as
/// they are, so that results stay comparable from run to run.
protocol Benchmark {
  /// What `setUp` builds and `run` measures.
  associatedtype Workload
  /// The group's name on the command line and in every figure.
  static var name: String { get }
  /// One line for `--help`.
  static var summary: String { get }
  /// Whether a run that names no group includes this one.
  static var runsByDefault: Bool { get }
  /// Builds the workload.
  static func setUp(_ context: Context) throws -> Workload
  /// Measures the workload and reports its figures.
  static func run(_ workload: Workload, _ context: Context) throws
  /// Releases what `setUp` built.
  static func tearDown(_ workload: Workload)
}

extension Benchmark {
  static var runsByDefault: Bool { true }
  static func tearDown(_ workload: Workload) {}

  /// Sets up, runs and tears down the group.
  static func perform(_ context: Context) throws {
    let workload = try setUp(context)
    defer { tearDown(workload) }
    try run(workload, context)
  }
}

extension Benchmark where Workload == Void {
  /// Groups whose construction is itself measured build in `run`.
  static func setUp(_ context: Context) throws {}
}

extension Benchmark where Workload == ServiceWorkload {
  /// The hot-path workload, built once and shared by the groups that use it.
  static func setUp(_ context: Context) throws -> ServiceWorkload { try context.service() }
}

/// Every group, in the order a full run takes them.
var benchmarks: [any Benchmark.Type] {
  [
    HotPathGroup.self, AllocationGroup.self, ScalingGroup.self, DirectoryGroup.self,
    UpdateGroup.self, AdminGroup.self, ThreadGroup.self, BaselineGroup.self, JSONGroup.self,
    CasesGroup.self, FilterGroup.self, SecurityGroup.self,
  ]
}
