/// An audit sink that keeps events in memory, in order: for tests and small hosts.
public final class InMemoryAuditSink: AuditSink, @unchecked Sendable {
  // `stored` is read and written only under `lock`.
  private let lock = Lock()
  private var stored: [AuditEvent] = []

  /// Creates an empty sink.
  public init() {}

  /// Appends the event.
  public func record(_ event: AuditEvent) throws(AuditError) {
    lock.withLock { stored.append(event) }
  }

  /// The events recorded so far, oldest first.
  public var events: [AuditEvent] { lock.withLock { stored } }

  /// Drops the events older than `retention` allows at `now`; returns how many.
  @discardableResult
  public func applyRetention(_ retention: AuditRetention, at now: Timestamp) -> Int {
    let cutoff = retention.cutoff(at: now)
    return lock.withLock {
      let before = stored.count
      stored.removeAll { $0.timestamp < cutoff }
      return before - stored.count
    }
  }
}
