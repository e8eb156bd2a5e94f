/// What the groups share: the report, the measuring plan, the options, and workloads
/// built once.
final class Context {
  let quick: Bool
  let effort: Effort
  let report: Report
  /// The case file of the `cases` group (`--cases FILE`).
  let casesPath: String?
  private var serviceWorkload: ServiceWorkload?

  init(quick: Bool, casesPath: String? = nil) {
    self.quick = quick
    self.casesPath = casesPath
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
