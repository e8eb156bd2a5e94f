// The administration audit names of the previous release, now the one audit type shared
// with the security checks (`AuditEvent`, `AuditSink`, `InMemoryAuditSink`). Kept for one
// release; see CHANGELOG.

/// The record of one attempted administration operation.
@available(*, deprecated, renamed: "AuditEvent")
public typealias AdministrationAuditEvent = AuditEvent

/// Where administration audit events go.
@available(*, deprecated, renamed: "AuditSink")
public typealias AdministrationAuditSink = AuditSink

/// A sink that keeps every event in memory, in order.
@available(*, deprecated, renamed: "InMemoryAuditSink")
public typealias AdministrationAuditRecorder = InMemoryAuditSink

extension AuditEvent {
  /// The event of an attempt, with `time` in milliseconds since 1970.
  @available(*, deprecated, renamed: "init(operation:at:version:rejection:)")
  public init(
    time: Int64, operation: AdministrationOperation, version: UInt64,
    rejection: AdministrationRejection? = nil
  ) {
    self.init(
      operation: operation, at: Timestamp(milliseconds: time), version: version,
      rejection: rejection)
  }

  /// When the operation was attempted, in milliseconds since 1970.
  @available(*, deprecated, renamed: "timestamp")
  public var time: Int64 { timestamp.nanoseconds / 1_000_000 }

  /// What the operation acted on.
  @available(*, deprecated, renamed: "resource")
  public var target: String { resource }

  /// The rejection's message; empty when accepted.
  @available(*, deprecated, renamed: "detail")
  public var message: String { detail ?? "" }
}
