/// What the groups share: the report, the measuring plan, and workloads built once.
final class Context {
  let quick: Bool
  let effort: Effort
  let report: Report
  private var serviceWorkload: ServiceWorkload?

  init(quick: Bool) {
    self.quick = quick
    effort = quick ? .quick : .full
    report = Report(quick: quick)
  }

  /// The hot-path workload, built on first use.
  func service() throws -> ServiceWorkload {
    if let serviceWorkload { return serviceWorkload }
    let workload = try ServiceWorkload()
    serviceWorkload = workload
    return workload
  }

  /// Full-run value, or the quick one.
  func size(_ full: Int, quick: Int) -> Int { self.quick ? quick : full }
}
