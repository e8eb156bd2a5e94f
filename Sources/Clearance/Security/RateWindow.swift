/// The admission times of one key of a ``RateLimiter`` in the last period, oldest first:
/// `times[head...]` (8 bytes each, so at most the limit's count of them).
@usableFromInline
struct RateWindow: Sendable {
  @usableFromInline var times: [Int64] = []
  @usableFromInline var head = 0
  /// The longest period this key was checked with, for deciding when it is idle.
  @usableFromInline var period: Int64 = 0

  @inlinable
  init() {}

  /// Admits a request at `requested` (a time before the newest admission counts as that
  /// time) when fewer than `count` were admitted in the `period` before it.
  @inlinable
  mutating func admit(at requested: Int64, period: Int64, count: Int) -> RateLimitResult {
    self.period = max(self.period, period)
    let now = max(requested, times.last ?? requested)
    let cutoff = now &- period
    while head < times.count && times[head] <= cutoff { head &+= 1 }
    let live = times.count &- head
    guard live < count else {
      // The oldest admission still in the window leaves it at `times[head] + period`.
      return .rateLimited(retryAfterNanoseconds: times[head &+ live &- count] &+ period &- now)
    }
    if head >= 16 && head &* 2 >= times.count {
      times.removeFirst(head)
      head = 0
    }
    times.append(now)
    return .allowed(remaining: count &- live &- 1)
  }

  /// Whether a request was admitted in the last period before `now`.
  @inlinable
  func isActive(at now: Int64) -> Bool {
    guard let newest = times.last else { return false }
    return newest > now &- period
  }
}
