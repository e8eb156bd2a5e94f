/// How long and how often to measure.
struct Effort {
  /// Wall time one batch should take, when the batch size is calibrated.
  var batchNanoseconds: Double
  /// Batches recorded per figure.
  var samples: Int
  /// Batches run and discarded before recording.
  var warmUpBatches: Int
  /// Samples for operations timed one call at a time (compiles, rebuilds).
  var slowSamples: Int
  /// Operations per batch; nil calibrates it from `batchNanoseconds`.
  var batch: Int? = nil

  static let full = Effort(
    batchNanoseconds: 20_000_000, samples: 31, warmUpBatches: 2, slowSamples: 7)
  static let quick = Effort(
    batchNanoseconds: 2_000_000, samples: 5, warmUpBatches: 1, slowSamples: 2)

  /// `samples` batches of exactly `batch` operations, after `warmUp` untimed ones.
  static func fixed(batch: Int, samples: Int, warmUp: Int = 0) -> Effort {
    Effort(
      batchNanoseconds: 0, samples: samples, warmUpBatches: warmUp, slowSamples: 0, batch: batch)
  }

  /// `samples` calls timed one by one (for operations of a millisecond or more), after one
  /// untimed call unless `warmUp` is false.
  static func calls(_ samples: Int, warmUp: Bool = true) -> Effort {
    fixed(batch: 1, samples: samples, warmUp: warmUp ? 1 : 0)
  }
}

/// Timing of an operation measured in batches.
struct BatchTiming {
  /// Nanoseconds per operation, one value per batch.
  var perOperation: [Double]
  /// Operations per batch.
  var batch: Int
  var iterations: Int { perOperation.count * batch }

  /// Durations of single calls, in nanoseconds.
  static func calls(_ durations: [Double]) -> BatchTiming {
    BatchTiming(perOperation: durations, batch: 1)
  }
}

/// Times `body(n)`, which performs `n` operations and folds their results into its return
/// value: nanoseconds per operation of `plan.samples` batches, after `plan.warmUpBatches`
/// untimed ones. Unless `plan.batch` fixes it, the batch size is calibrated so a batch
/// lasts about `plan.batchNanoseconds` (at least 10⁶ operations for operations under
/// 50 ns, so the 40-70 ns of a clock read vanish); the calibration is a warm-up too.
/// With `cpuTime`, the thread's CPU time is read instead of the monotonic clock (for
/// operations of microseconds measured on a shared machine).
func measure(_ plan: Effort, cpuTime: Bool = false, _ body: (Int) -> UInt64) -> BatchTiming {
  let clock = cpuTime ? threadCPUNanoseconds : monotonicNanoseconds
  func time(_ n: Int) -> Double {
    let start = clock()
    sink(body(n))
    return Double(clock() - start)
  }
  var batch = plan.batch ?? 1
  if plan.batch == nil {
    var elapsed = time(batch)
    while elapsed < plan.batchNanoseconds / 8 && batch < 1 << 30 {
      batch *= 2
      elapsed = time(batch)
    }
    let estimate = elapsed / Double(batch)
    batch = max(estimate < 50 ? 1_000_000 : 1, Int(plan.batchNanoseconds / max(estimate, 0.01)))
  }
  for _ in 0..<plan.warmUpBatches { sink(body(batch)) }
  return BatchTiming(
    perOperation: (0..<plan.samples).map { _ in time(batch) / Double(batch) }, batch: batch)
}

/// Sample statistics of one measured figure.
struct Statistics {
  var median: Double
  var p10: Double
  var p90: Double
  var p99: Double

  init(_ samples: [Double]) {
    let sorted = samples.sorted()
    func quantile(_ q: Double) -> Double {
      guard sorted.count > 1 else { return sorted.first ?? 0 }
      let position = q * Double(sorted.count - 1)
      let low = Int(position.rounded(.down))
      let high = min(low + 1, sorted.count - 1)
      let fraction = position - Double(low)
      return sorted[low] + (sorted[high] - sorted[low]) * fraction
    }
    median = quantile(0.5)
    p10 = quantile(0.1)
    p90 = quantile(0.9)
    p99 = quantile(0.99)
  }

  init(value: Double) {
    median = value
    p10 = value
    p90 = value
    p99 = value
  }
}
