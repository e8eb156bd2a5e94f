/// How an audited action ended.
public enum AuditResult: String, Sendable, Hashable {
  /// Allowed, or done.
  case success
  /// Denied, or refused.
  case failure
}
