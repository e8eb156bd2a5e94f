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
/// period old is dropped by a sweep that runs whenever a stripe's table has doubled since
/// its last one (amortized O(1) a check). Memory is thus bounded by the keys active in the
/// last period times their limits, plus keys idle since the last sweep.
///
/// Keys are spread by their hash over 16 stripes, each with its own lock and table, so
/// that threads checking different keys rarely wait for each other; a key is hashed once
/// per check. The hot path is `@inlinable`, so that a host's `RateLimiter<String>` runs
/// code specialized for its key type.
///
/// Time comes from the injected clock, read under the key's stripe lock so that it never
/// runs backwards for a key; ``check(_:limit:at:)`` takes it explicitly (a time before
/// the key's newest admission counts as that time).
///
/// ```swift
/// let limiter = RateLimiter<String>(clock: { Timestamp(nanoseconds: now()) })
/// switch limiter.check(keyID, limit: RateLimit(100)) {
/// case .allowed(let remaining): …
/// case .rateLimited: …  // 429, Retry-After: result.retryAfterSeconds
/// }
/// ```
public final class RateLimiter<Key: Hashable & Sendable>: Sendable {
  @usableFromInline let stripes: [RateLimiterStripe<Key>]
  @usableFromInline let clock: @Sendable () -> Timestamp

  /// Creates a limiter reading time from `clock` (the host's wall clock, or a simulated
  /// one in tests).
  public init(clock: @escaping @Sendable () -> Timestamp) {
    self.clock = clock
    stripes = (0..<RateLimiter.stripeCount).map { _ in RateLimiterStripe() }
  }

  /// The number of stripes (a power of two).
  @inlinable
  static var stripeCount: Int { 16 }

  /// Checks one request of `key` against `limit` at the clock's time, admitting it (and
  /// counting it) when allowed.
  @inlinable
  public func check(_ key: Key, limit: RateLimit) -> RateLimitResult {
    let hash = key.hashValue
    return stripe(hash).admit(key, hash: hash, limit: limit) { self.clock().nanoseconds }
  }

  /// Checks one request of `key` against `limit` at time `now`.
  @inlinable
  public func check(_ key: Key, limit: RateLimit, at now: Timestamp) -> RateLimitResult {
    let hash = key.hashValue
    return stripe(hash).admit(key, hash: hash, limit: limit) { now.nanoseconds }
  }

  /// The stripe of a key whose hash is `hash`.
  @inlinable
  func stripe(_ hash: Int) -> RateLimiterStripe<Key> {
    stripes[hash & (RateLimiter.stripeCount &- 1)]
  }

  /// How many keys the limiter holds now (idle ones included until the next sweep).
  public var keyCount: Int { stripes.reduce(0) { $0 + $1.keyCount } }

  /// Drops every key idle for a period at the clock's time; returns how many remain.
  @discardableResult
  public func sweep() -> Int {
    stripes.reduce(0) { $0 + $1.sweep(now: clock().nanoseconds) }
  }
}
