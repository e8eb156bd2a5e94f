/// The record of one attempted administration operation, accepted or rejected.
///
/// History stays: a removed member or a deactivated user keeps every event that names
/// them, because events are handed to the host's sink and never held by a snapshot.
public struct AdministrationAuditEvent: Sendable, Hashable {
  /// When the operation was attempted, in the host's unit (as passed to `applying`).
  public var time: Int64
  /// Who attempted it.
  public var actor: UserID
  /// The operation attempted.
  public var operation: AdministrationOperation
  /// What it acted on (`user tom in fixit`, `role buyer`, `organization fixit`).
  public var target: String
  /// Whether it was accepted.
  public var isAccepted: Bool
  /// The rule that refused it; `nil` when accepted.
  public var rule: AdministrationRule?
  /// The rejection's message; empty when accepted.
  public var message: String
  /// The version of the snapshot after the attempt (unchanged when rejected).
  public var version: UInt64

  /// Creates the event of an attempt; with a rejection, a rejected one.
  public init(
    time: Int64, operation: AdministrationOperation, version: UInt64,
    rejection: AdministrationRejection? = nil
  ) {
    self.time = time
    actor = operation.actor
    self.operation = operation
    target = operation.target
    isAccepted = rejection == nil
    rule = rejection?.rule
    message = rejection?.message ?? ""
    self.version = version
  }

  /// `accepted`, or `rejected: RULE: message`, as `clearance apply` prints it.
  public var result: String {
    guard let rule else { return "accepted" }
    return "rejected: \(rule): \(message)"
  }
}

/// Where administration audit events go: the host's log, database or queue.
///
/// `record` is called once per attempted operation, on the thread that applied it, after
/// the decision and before `applying` returns. It must not throw or block for long.
public protocol AdministrationAuditSink: Sendable {
  /// Records one event.
  func record(_ event: AdministrationAuditEvent)
}

/// A sink that keeps every event in memory, in order: for tests and tools.
public final class AdministrationAuditRecorder: AdministrationAuditSink, @unchecked Sendable {
  // `storage` is read and written only under `lock`.
  private let lock = Lock()
  private var storage: [AdministrationAuditEvent] = []

  /// Creates an empty recorder.
  public init() {}

  /// Appends the event.
  public func record(_ event: AdministrationAuditEvent) {
    lock.withLock { storage.append(event) }
  }

  /// The events recorded so far, in order.
  public var events: [AdministrationAuditEvent] { lock.withLock { storage } }
}
