/// How long audit events are kept (RepairOps: Starter 90 days, Pro 1 year, Enterprise 2
/// years); older events are deleted.
public struct AuditRetention: Sendable, Hashable, CustomStringConvertible {
  /// Days an event is kept.
  public var days: Int

  /// Keeps events for `days` days (at least 1).
  public init(days: Int) { self.days = max(1, days) }

  /// 90 days.
  public static let ninetyDays = AuditRetention(days: 90)
  /// One year (365 days).
  public static let oneYear = AuditRetention(days: 365)
  /// Two years (730 days).
  public static let twoYears = AuditRetention(days: 730)

  /// The oldest time still kept at `now`.
  public func cutoff(at now: Timestamp) -> Timestamp {
    now.adding(seconds: -Int64(days) * secondsPerDay)
  }

  /// `365 days`.
  public var description: String { "\(days) days" }
}
