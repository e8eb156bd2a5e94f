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

extension ResolvedResource {
  /// A value read from the resolved handles (the low byte of the organization handle),
  /// folded into checksums so that resolving cannot be optimised away.
  var witness: Int { withUnsafeBytes(of: self) { Int($0[16]) } }
}
