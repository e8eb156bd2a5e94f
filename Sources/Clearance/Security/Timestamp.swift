/// A point in time: nanoseconds since 1970-01-01T00:00:00Z (UTC), the time every security
/// check is made at.
///
/// The library never reads the clock on a decision: the host passes the time in the
/// request context, so that decisions are reproducible and testable. Written and read as
/// ISO 8601 (`2026-03-01T09:30:00Z`) by ``iso8601`` and ``init(iso8601:)``.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Nanoseconds since the Unix epoch; negative before it.
  public var nanoseconds: Int64

  /// Creates a timestamp from nanoseconds since the Unix epoch.
  @inlinable
  public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

  /// Creates a timestamp from whole seconds since the Unix epoch (clamped to the range a
  /// timestamp can hold, about the years 1678 to 2262).
  @inlinable
  public init(seconds: Int64) {
    let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    nanoseconds = overflow ? (seconds < 0 ? Int64.min : Int64.max) : product
  }

  /// Creates a timestamp from milliseconds since the Unix epoch (saturating): for the
  /// deprecated administration audit calls that took the time as an `Int64`.
  init(milliseconds: Int64) {
    self = Timestamp(nanoseconds: 0).adding(seconds: milliseconds / 1000)
      .adding(nanoseconds: (milliseconds % 1000) * 1_000_000)
  }

  /// Whole seconds since the Unix epoch, rounded down.
  public var seconds: Int64 {
    let (q, r) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
    return r < 0 ? q - 1 : q
  }

  /// This time moved by `seconds` (saturating at the ends of the range).
  @inlinable
  public func adding(seconds: Int64) -> Timestamp {
    adding(
      nanoseconds: seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
        ? (seconds < 0 ? Int64.min : Int64.max) : seconds &* 1_000_000_000)
  }

  /// This time moved by `nanoseconds` (saturating at the ends of the range).
  @inlinable
  public func adding(nanoseconds delta: Int64) -> Timestamp {
    let (sum, overflow) = nanoseconds.addingReportingOverflow(delta)
    return Timestamp(nanoseconds: overflow ? (delta < 0 ? Int64.min : Int64.max) : sum)
  }

  /// Nanoseconds from `other` to this time (saturating).
  @inlinable
  public func nanoseconds(since other: Timestamp) -> Int64 {
    let (difference, overflow) = nanoseconds.subtractingReportingOverflow(other.nanoseconds)
    return overflow ? (nanoseconds < other.nanoseconds ? Int64.min : Int64.max) : difference
  }

  /// Orders timestamps by time.
  @inlinable
  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.nanoseconds < rhs.nanoseconds
  }

  /// The ISO 8601 text, in UTC: `2026-03-01T09:30:00Z`, with a fraction only when the
  /// time has one.
  public var description: String { iso8601 }
}

/// Seconds in one day, for expiry and retention periods.
let secondsPerDay: Int64 = 86_400
