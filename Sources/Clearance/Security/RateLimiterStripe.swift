/// One lock's share of a ``RateLimiter``: the keys whose hash falls in this stripe, their
/// windows, and when to sweep idle keys next.
@usableFromInline
final class RateLimiterStripe<Key: Hashable & Sendable>: @unchecked Sendable {
  @usableFromInline let lock = Lock()
  // `table` and `sweepAt` are read and written only under `lock`, so the dynamic
  // exclusivity check on each access would guard nothing.
  @exclusivity(unchecked) @usableFromInline var table = RateTable<Key>()
  @exclusivity(unchecked) @usableFromInline var sweepAt = RateLimiterStripe.minimumSweep

  @usableFromInline
  init() {}

  /// The fewest keys a stripe holds before it sweeps idle ones.
  @inlinable
  static var minimumSweep: Int { 256 }

  /// Checks one request of `key` (whose hash is `hash`) against `limit` at the time
  /// `clock` gives, read under the lock so that it never runs backwards for the stripe.
  @inlinable
  func admit(_ key: Key, hash: Int, limit: RateLimit, clock: () -> Int64) -> RateLimitResult {
    lock.withLock {
      let now = clock()
      let period = Timestamp(seconds: max(0, limit.periodSeconds)).nanoseconds
      guard limit.count > 0 else { return .rateLimited(retryAfterNanoseconds: period) }
      if table.count >= sweepAt && !table.contains(key, hash: hash) {
        sweepIdle(now: now)
        sweepAt = max(Self.minimumSweep, table.count &* 2)
      }
      let position = table.position(of: key, hash: hash)
      return table.entries[position].window.admit(
        at: now, period: period, count: min(limit.count, RateLimit.maximumCount))
    }
  }

  /// How many keys the stripe holds now.
  @usableFromInline
  var keyCount: Int { lock.withLock { table.count } }

  /// Drops the keys with no admission in the last period before `now`; returns how many
  /// remain.
  @usableFromInline
  func sweep(now: Int64) -> Int {
    lock.withLock {
      sweepIdle(now: now)
      return table.count
    }
  }

  /// Removes the keys with no admission in the last period, under the lock.
  @usableFromInline
  func sweepIdle(now: Int64) {
    table.keep { $0.isActive(at: now) }
  }
}
