/// Where audit events go. Implementations must be safe to call from any thread.
public protocol AuditSink: Sendable {
  /// Records one event.
  ///
  /// - Throws: ``AuditError`` when the event could not be kept; a host should then treat
  ///   the audited action as failed (fail closed).
  func record(_ event: AuditEvent) throws(AuditError)
}
