import CMallocInfo
import Clearance
import Glibc

/// Nanoseconds on the monotonic clock.
@inline(__always)
func monotonicNanoseconds() -> UInt64 {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
}

/// Nanoseconds of CPU time the calling thread has used: unlike the monotonic clock, it
/// does not count the time the thread waits for a core on a loaded machine.
@inline(__always)
func threadCPUNanoseconds() -> UInt64 {
  var now = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
  return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
}

nonisolated(unsafe) private var sinkStorage: UInt64 = 0

/// Keeps a result alive: the optimiser cannot see through an opaque call, so the work that
/// produced `value` cannot be deleted. Loops fold their results into one value and pass it
/// here once per batch, which keeps the call out of the measured operation.
@inline(never)
func sink(_ value: UInt64) {
  sinkStorage &+= value
}

/// Heap statistics around a piece of work.
enum Heap {
  /// Malloc-family calls so far, process-wide.
  static var allocations: UInt64 { cmi_allocation_count() }
  /// Bytes in use on the heap now (`mallinfo2`: arena chunks plus mmapped chunks).
  static var bytesInUse: UInt64 { cmi_heap_bytes_in_use() }

  /// Returns free memory to the system so deltas start from a quiet heap.
  static func trim() { cmi_trim() }

  /// Whether the malloc counter sees allocations (the wrappers are in force).
  static func counterWorks() -> Bool {
    let before = allocations
    let array = [UInt64](repeating: 7, count: 1_000)
    sink(array[999])
    return allocations > before
  }

  /// Heap bytes retained by what `build` returns: `mallinfo2` in-use bytes after it ran
  /// (temporaries freed, result alive) minus before.
  static func retainedBytes<T>(_ build: () throws -> T) rethrows -> (value: T, bytes: Int) {
    trim()
    let before = bytesInUse
    let value = try build()
    let after = bytesInUse
    return (value, Int(after) - Int(before))
  }
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

/// How long and how often to measure.
struct Effort {
  /// Wall time one batch should take.
  var batchNanoseconds: Double
  /// Batches recorded per figure.
  var samples: Int
  /// Batches run and discarded before recording.
  var warmUpBatches: Int
  /// Samples for operations timed one call at a time (compiles, rebuilds).
  var slowSamples: Int

  static let full = Effort(
    batchNanoseconds: 20_000_000, samples: 31, warmUpBatches: 2, slowSamples: 7)
  static let quick = Effort(
    batchNanoseconds: 2_000_000, samples: 5, warmUpBatches: 1, slowSamples: 2)
}

/// Timing of an operation measured in batches.
struct BatchTiming {
  /// Nanoseconds per operation, one value per batch.
  var perOperation: [Double]
  /// Operations per batch.
  var batch: Int
  var iterations: Int { perOperation.count * batch }
}

/// Times `body`, which performs the given number of operations and folds their results
/// into its return value. Calibrates the batch size so a batch lasts about
/// `plan.batchNanoseconds` (at least 10⁶ operations for operations under 50 ns, so the
/// 40-70 ns of a clock read vanish), warms up, then records `plan.samples` batches.
///
/// With `cpuTime`, batches are timed with the thread's CPU time instead of the monotonic
/// clock (for operations of microseconds measured on a shared machine).
func timeBatches(_ plan: Effort, cpuTime: Bool = false, _ body: (Int) -> UInt64) -> BatchTiming {
  let clock = cpuTime ? threadCPUNanoseconds : monotonicNanoseconds
  // Calibration doubles as the first warm-up.
  var n = 1
  var elapsed: UInt64 = 0
  while true {
    let start = clock()
    sink(body(n))
    elapsed = clock() - start
    if Double(elapsed) >= plan.batchNanoseconds / 8 || n >= 1 << 30 { break }
    n *= 2
  }
  let estimate = Double(elapsed) / Double(n)
  var batch = max(1, Int(plan.batchNanoseconds / max(estimate, 0.01)))
  if estimate < 50 { batch = max(batch, 1_000_000) }
  for _ in 0..<plan.warmUpBatches { sink(body(batch)) }
  var samples: [Double] = []
  samples.reserveCapacity(plan.samples)
  for _ in 0..<plan.samples {
    let start = clock()
    sink(body(batch))
    let end = clock()
    samples.append(Double(end - start) / Double(batch))
  }
  return BatchTiming(perOperation: samples, batch: batch)
}

/// Times two operations in alternating batches (a, b, a, b, …), so that a change in the
/// machine's load affects both alike, and returns both timings and the per-pair ratios
/// `a / b` of their per-operation times.
func timePaired(
  _ plan: Effort, _ a: (Int) -> UInt64, _ b: (Int) -> UInt64
) -> (a: BatchTiming, b: BatchTiming, ratios: [Double]) {
  let calibratedA = timeBatches(
    Effort(batchNanoseconds: plan.batchNanoseconds, samples: 1, warmUpBatches: 0, slowSamples: 0), a
  )
  let calibratedB = timeBatches(
    Effort(batchNanoseconds: plan.batchNanoseconds, samples: 1, warmUpBatches: 0, slowSamples: 0), b
  )
  var timesA: [Double] = []
  var timesB: [Double] = []
  var ratios: [Double] = []
  for _ in 0..<plan.samples {
    var start = monotonicNanoseconds()
    sink(a(calibratedA.batch))
    let perA = Double(monotonicNanoseconds() - start) / Double(calibratedA.batch)
    start = monotonicNanoseconds()
    sink(b(calibratedB.batch))
    let perB = Double(monotonicNanoseconds() - start) / Double(calibratedB.batch)
    timesA.append(perA)
    timesB.append(perB)
    ratios.append(perA / perB)
  }
  return (
    BatchTiming(perOperation: timesA, batch: calibratedA.batch),
    BatchTiming(perOperation: timesB, batch: calibratedB.batch), ratios
  )
}

/// Times each of `samples` calls of `body` (for operations of a millisecond or more) and
/// returns their durations in nanoseconds, after one untimed warm-up call.
func timeCalls(samples: Int, warmUp: Bool = true, _ body: () -> UInt64) -> [Double] {
  if warmUp { sink(body()) }
  var durations: [Double] = []
  for _ in 0..<samples {
    let start = monotonicNanoseconds()
    sink(body())
    durations.append(Double(monotonicNanoseconds() - start))
  }
  return durations
}

/// Malloc-family calls and net heap bytes per operation over `count` operations.
func countAllocations(_ count: Int, _ body: (Int) -> UInt64) -> (calls: Double, bytes: Double) {
  sink(body(min(count, 1_000)))  // warm up: lazily built caches are not the operation's cost
  let bytesBefore = Heap.bytesInUse
  let before = Heap.allocations
  sink(body(count))
  let calls = Heap.allocations - before
  let bytes = Int(Heap.bytesInUse) - Int(bytesBefore)
  return (Double(calls) / Double(count), Double(bytes) / Double(count))
}

extension ResolvedResource {
  /// A value read from the resolved handles (the low byte of the organization handle),
  /// folded into checksums so that resolving cannot be optimised away.
  var witness: Int { withUnsafeBytes(of: self) { Int($0[16]) } }
}
