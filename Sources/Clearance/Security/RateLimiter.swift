/// A thread-safe sliding-window rate limiter: a request at time `t` is admitted exactly
/// when fewer than `limit.count` requests of the same key were admitted in
/// `(t - period, t]`.
///
/// So, exactly: no window of one period ever holds more than `count` admitted requests,
/// and a request is never refused while fewer than `count` were admitted in the period
/// before it. GCRA was considered and not used: with a burst of `count` it admits up to
/// `2 * count - 1` requests in some one-period window, and without a burst it refuses
/// requests that are under the limit.
///
/// Each key keeps the times of its admitted requests in the last period (8 bytes each, so
/// at most `count` of them). Idle keys cost nothing: a key whose newest admission is a
/// period old is dropped by a sweep that runs whenever the table has doubled since the
/// last one (amortized O(1) a check). Memory is thus bounded by the keys active in the
/// last period times their limits, plus keys idle since the last sweep.
///
/// Time comes from the injected clock, read under the lock so that it never runs
/// backwards for the limiter; ``check(_:limit:at:)`` takes it explicitly (a time before
/// the key's newest admission counts as that time).
///
/// ```swift
/// let limiter = RateLimiter<String>(clock: { Timestamp(nanoseconds: now()) })
/// switch limiter.check(keyID, limit: RateLimit(100)) {
/// case .allowed(let remaining): …
/// case .rateLimited: …  // 429, Retry-After: result.retryAfterSeconds
/// }
/// ```
public final class RateLimiter<Key: Hashable & Sendable>: @unchecked Sendable {
  // `windows` and `sweepAt` are read and written only under `lock`.
  private let lock = Lock()
  private let clock: @Sendable () -> Timestamp
  private var windows: [Key: Window] = [:]
  private var sweepAt = RateLimiter.minimumSweep

  private static var minimumSweep: Int { 1024 }

  /// Creates a limiter reading time from `clock` (the host's wall clock, or a simulated
  /// one in tests).
  public init(clock: @escaping @Sendable () -> Timestamp) {
    self.clock = clock
  }

  /// Checks one request of `key` against `limit` at the clock's time, admitting it (and
  /// counting it) when allowed.
  public func check(_ key: Key, limit: RateLimit) -> RateLimitResult {
    lock.withLock { admit(key, limit: limit, now: clock().nanoseconds) }
  }

  /// Checks one request of `key` against `limit` at time `now`.
  public func check(_ key: Key, limit: RateLimit, at now: Timestamp) -> RateLimitResult {
    lock.withLock { admit(key, limit: limit, now: now.nanoseconds) }
  }

  /// How many keys the limiter holds now (idle ones included until the next sweep).
  public var keyCount: Int { lock.withLock { windows.count } }

  /// Drops every key idle for a period at the clock's time; returns how many remain.
  @discardableResult
  public func sweep() -> Int {
    lock.withLock {
      sweepIdle(now: clock().nanoseconds)
      return windows.count
    }
  }

  /// The decision, under the lock.
  private func admit(_ key: Key, limit: RateLimit, now: Int64) -> RateLimitResult {
    let period = Timestamp(seconds: max(0, limit.periodSeconds)).nanoseconds
    guard limit.count > 0 else { return .rateLimited(retryAfterNanoseconds: period) }
    if windows[key] == nil && windows.count >= sweepAt {
      sweepIdle(now: now)
      sweepAt = max(Self.minimumSweep, windows.count * 2)
    }
    return windows[key, default: Window()].admit(
      at: now, period: period, count: min(limit.count, RateLimit.maximumCount))
  }

  /// Removes the keys with no admission in the last period.
  private func sweepIdle(now: Int64) {
    windows = windows.filter { $0.value.isActive(at: now) }
  }
}

/// The admission times of one key in the last period, oldest first: `times[head...]`.
private struct Window {
  var times: [Int64] = []
  var head = 0
  /// The longest period this key was checked with, for deciding when it is idle.
  var period: Int64 = 0

  mutating func admit(at requested: Int64, period: Int64, count: Int) -> RateLimitResult {
    self.period = max(self.period, period)
    let now = max(requested, times.last ?? requested)
    let cutoff = now &- period
    while head < times.count && times[head] <= cutoff { head += 1 }
    let live = times.count - head
    guard live < count else {
      // The oldest admission still in the window leaves it at `times[head] + period`.
      return .rateLimited(retryAfterNanoseconds: times[head + live - count] &+ period &- now)
    }
    if head >= 16 && head * 2 >= times.count {
      times.removeFirst(head)
      head = 0
    }
    times.append(now)
    return .allowed(remaining: count - live - 1)
  }

  func isActive(at now: Int64) -> Bool {
    guard let newest = times.last else { return false }
    return newest > now &- period
  }
}
