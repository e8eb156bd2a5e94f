/// One audit record: who did what to which resource, from where, and how it ended.
///
/// One type for both kinds of record: every denied decision the host asks to record
/// (``init(decision:at:actor:action:resource:ip:)``) and every attempted administration
/// operation, accepted or rejected (``init(operation:at:version:rejection:)``, handed to
/// the sink by ``Snapshot/applied(_:at:audit:)`` and ``SnapshotStore/apply(_:at:audit:)``).
/// ``AuditChain/line(of:previous:)`` writes either as one line of the chained audit log.
///
/// History stays: a removed member or a deactivated user keeps every event that names
/// them, because events are handed to the host's sink and never held by a snapshot.
public struct AuditEvent: Sendable, Hashable {
  /// When it happened.
  public var timestamp: Timestamp
  /// Who acted (a user id, or an API key's id for a key).
  public var actor: String
  /// What was done: a permission key, a transition, an operation name, `login`.
  public var action: String
  /// What was affected (`ticket #123`, an organization id, `user tom in fixit`).
  public var resource: String
  /// The client's address, when known.
  public var ip: IPAddress?
  /// Success or failure.
  public var result: AuditResult
  /// Why it failed (a deny reason's name, the identifier of the rule that refused an
  /// operation), when it did.
  public var reason: String?
  /// The administration operation attempted; nil for a decision.
  public var operation: AdministrationOperation?
  /// For an operation: the snapshot version after the attempt (unchanged when rejected).
  public var version: UInt64?
  /// More about a failure for people: a rejected operation's message.
  public var detail: String?

  /// Creates an event.
  public init(
    timestamp: Timestamp, actor: String, action: String, resource: String,
    ip: IPAddress? = nil, result: AuditResult, reason: String? = nil,
    operation: AdministrationOperation? = nil, version: UInt64? = nil, detail: String? = nil
  ) {
    self.timestamp = timestamp
    self.actor = actor
    self.action = action
    self.resource = resource
    self.ip = ip
    self.result = result
    self.reason = reason
    self.operation = operation
    self.version = version
    self.detail = detail
  }

  /// The event of a decision: success when allowed, else failure with the deny reason.
  public init(
    decision: Decision, at timestamp: Timestamp, actor: String, action: String,
    resource: String, ip: IPAddress? = nil
  ) {
    self.init(
      timestamp: timestamp, actor: actor, action: action, resource: resource, ip: ip,
      result: decision.isAllowed ? .success : .failure,
      reason: decision.denyReason.map(\.description))
  }

  /// The event of an attempted administration operation: its kind as the action, its
  /// target as the resource, the client IP of its context, and with a rejection, failure with the rule's identifier as
  /// the reason and its message as the detail.
  public init(
    operation: AdministrationOperation, at timestamp: Timestamp, version: UInt64,
    rejection: AdministrationRejection? = nil
  ) {
    self.init(
      timestamp: timestamp, actor: operation.actor.rawValue, action: operation.kind.rawValue,
      resource: operation.target, ip: operation.context?.clientIP,
      result: rejection == nil ? .success : .failure,
      reason: rejection?.rule.rawValue, operation: operation, version: version,
      detail: rejection?.message)
  }

  /// Whether the action succeeded (allowed, or the operation accepted).
  public var isAccepted: Bool { result == .success }

  /// For an operation: the rule that refused it; nil when accepted or for a decision.
  public var rule: AdministrationRule? {
    guard operation != nil, let reason else { return nil }
    return AdministrationRule(rawValue: reason)
  }

  /// For an operation, `accepted` or `rejected: RULE: message`, as `clearance apply`
  /// prints it; for a decision, `success` or `failure: REASON`.
  public var summary: String {
    guard result == .failure else { return operation == nil ? "success" : "accepted" }
    guard operation != nil else { return "failure: \(reason ?? "")" }
    return "rejected: \(reason ?? ""): \(detail ?? "")"
  }
}
