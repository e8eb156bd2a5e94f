import Clearance
import Glibc
import Synchronization

/// A start line for threads: each worker checks in and spins until the main thread
/// fires, so thread creation is outside the timed region.
private final class StartLine: Sendable {
  let ready = Atomic<Int>(0)
  let go = Atomic<Bool>(false)
}

/// One worker's job, passed to `pthread_create` as an unmanaged pointer.
private final class Job: @unchecked Sendable {
  let line: StartLine
  let work: @Sendable () -> UInt64
  var result: UInt64 = 0

  init(line: StartLine, work: @escaping @Sendable () -> UInt64) {
    self.line = line
    self.work = work
  }
}

/// Runs `workers` threads, each calling `work(index)` once after a common start, and
/// returns the wall time in nanoseconds from the start to the last join.
func runThreads(_ workers: Int, _ work: @escaping @Sendable (Int) -> UInt64) -> UInt64 {
  let line = StartLine()
  var threads: [pthread_t] = []
  var jobs: [Job] = []
  for index in 0..<workers {
    let job = Job(line: line) { work(index) }
    jobs.append(job)
    var thread = pthread_t()
    let status = pthread_create(
      &thread, nil,
      { raw in
        guard let raw else { return nil }
        let job = Unmanaged<Job>.fromOpaque(raw).takeUnretainedValue()
        job.line.ready.add(1, ordering: .acquiringAndReleasing)
        while !job.line.go.load(ordering: .acquiring) {}
        job.result = job.work()
        return nil
      }, Unmanaged.passUnretained(job).toOpaque())
    precondition(status == 0, "pthread_create failed: \(status)")
    threads.append(thread)
  }
  while line.ready.load(ordering: .acquiring) < workers {}
  let start = monotonicNanoseconds()
  line.go.store(true, ordering: .releasing)
  for thread in threads { pthread_join(thread, nil) }
  let elapsed = monotonicNanoseconds() - start
  for job in jobs { sink(job.result) }
  return elapsed
}

/// Group 6: checks per second on one and two threads sharing one snapshot.
enum ThreadGroup: Benchmark {
  static let name = "threads"
  static let summary =
    "checks per second on 1 and 2 threads sharing one snapshot"
  typealias Workload = ServiceWorkload

  static func run(_ w: ServiceWorkload, _ context: Context) throws {
    let report = context.report
    report.begin(name, "hot-path checks on 1 and 2 threads sharing one snapshot")
    let sizes = w.sizes
    let perThread = context.size(4_000_000, quick: 1_000_000)
    let samples = context.quick ? 3 : 11
    let snapshot = w.snapshot
    let principals = w.principals
    let actions = w.actions
    let resources = w.resolved
    let requests = w.requests
    // 1 and 2 threads alternate, sample by sample, so that a change in the machine's load
    // (other processes share these two cores) affects both alike; the speed-up is the median
    // of the per-pair ratios.
    func scaling(_ pattern: String, _ work: @escaping @Sendable (Int) -> UInt64) -> Statistics {
      _ = runThreads(2, work)  // warm-up
      var rates: [Int: [Double]] = [1: [], 2: []]
      var ratios: [Double] = []
      for _ in 0..<samples {
        let one = Double(perThread) / (Double(runThreads(1, work)) / 1e9)
        let two = Double(2 * perThread) / (Double(runThreads(2, work)) / 1e9)
        rates[1, default: []].append(one)
        rates[2, default: []].append(two)
        ratios.append(two / one)
      }
      for workers in [1, 2] {
        let statistics = Statistics(rates[workers] ?? [])
        report.add(
          "\(pattern), \(workers) thread\(workers == 1 ? "" : "s")", unit: "checks/s",
          statistics: statistics, iterations: workers * perThread * samples, samples: samples,
          workload: sizes,
          note: "\(formatNumber(1e9 / statistics.median * Double(workers))) ns per check per thread"
        )
      }
      return Statistics(ratios)
    }
    let cycled = scaling("cycled") { index in
      ServiceWorkload.check(
        snapshot, principals, actions, resources, requests, count: perThread, from: index * 65_536)
    }
    report.add(
      "speed-up 2 threads / 1 (cycled)", unit: "x", statistics: cycled, iterations: samples,
      samples: samples, workload: sizes, target: .atLeast(1.8),
      note: "quantiles of \(samples) paired ratios")
    // The same loop with a snapshot (and principals, resources) per thread: nothing shared.
    let second = try Snapshot(policy: CompiledPolicy(w.policy), directory: w.directory)
    let own = [
      (snapshot, principals, resources),
      (second, w.userIDs.map { second.principal($0) }, w.resources.map { second.resolve($0) }),
    ]
    let separate = scaling("cycled, one snapshot per thread") { index in
      let (snapshot, principals, resources) = own[index]
      return ServiceWorkload.check(
        snapshot, principals, actions, resources, requests, count: perThread, from: index * 65_536)
    }
    report.add(
      "speed-up 2 threads / 1 (one snapshot each)", unit: "x", statistics: separate,
      iterations: samples, samples: samples, workload: sizes,
      note: "no object shared between the threads")
    let held = scaling("handler-held") { index in
      w.checkHeld(perThread, from: index * 65_536)
    }
    report.add(
      "speed-up 2 threads / 1 (handler-held)", unit: "x", statistics: held, iterations: samples,
      samples: samples, workload: sizes)
  }
}
