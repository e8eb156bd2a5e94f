/// A rate limit: at most ``count`` requests in any window of ``periodSeconds`` seconds
/// (RepairOps: read 1,000, write 100, admin 10 per hour).
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
  /// The most requests admitted in any one window. Zero admits nothing.
  public var count: Int
  /// The window's length in seconds.
  public var periodSeconds: Int64

  /// Creates a limit of `count` requests per `periodSeconds` (default one hour).
  public init(_ count: Int, perSeconds periodSeconds: Int64 = 3600) {
    self.count = count
    self.periodSeconds = periodSeconds
  }

  /// The most requests one limit may allow per window.
  public static let maximumCount = 1_000_000

  /// `1000/3600s`.
  public var description: String { "\(count)/\(periodSeconds)s" }
}

/// The answer of a ``RateLimiter``: admitted, or refused until a later time.
public enum RateLimitResult: Sendable, Hashable {
  /// Admitted; `remaining` more requests would be admitted right now.
  case allowed(remaining: Int)
  /// Refused (HTTP 429); a request is admitted again after `retryAfterNanoseconds`.
  case rateLimited(retryAfterNanoseconds: Int64)

  /// Whether the request was admitted.
  public var isAllowed: Bool {
    if case .allowed = self { return true }
    return false
  }

  /// 200 when admitted, 429 when refused.
  public var httpStatus: Int { isAllowed ? 200 : 429 }

  /// Whole seconds to wait, rounded up, for a `Retry-After` header; 0 when admitted.
  public var retryAfterSeconds: Int64 {
    guard case .rateLimited(let wait) = self else { return 0 }
    return wait / 1_000_000_000 + (wait % 1_000_000_000 > 0 ? 1 : 0)
  }
}
