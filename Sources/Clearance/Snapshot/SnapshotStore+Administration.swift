/// Administration through the store: operations applied one at a time, snapshots asked
/// for by version, replicas fed from a log, and decisions by names on one snapshot.
extension SnapshotStore {
  /// Applies an administration operation to the current snapshot and publishes the
  /// result. Writers are serialised, so concurrent operations never lose each other's
  /// changes; readers are never blocked and never see half an operation.
  ///
  /// An operation that creates an API key needs ``applied(_:at:audit:)``, which returns
  /// the secret; here it is refused (``AdministrationRule/invalid``) unless already issued.
  ///
  /// - Parameters:
  ///   - time: when it was attempted, for the audit event.
  ///   - sink: receives the audit event of the attempt, accepted or rejected.
  /// - Returns: the published snapshot.
  /// - Throws: ``AdministrationRejection``; nothing is published then.
  @discardableResult
  public func apply(
    _ operation: AdministrationOperation, at time: Timestamp = Timestamp(nanoseconds: 0),
    audit sink: (any AuditSink)? = nil
  ) throws(AdministrationRejection) -> Snapshot {
    var published = current
    try update { (snapshot: Snapshot) throws(AdministrationRejection) -> Snapshot in
      if let sink {
        published = try snapshot.applying(operation, at: time, audit: sink)
      } else {
        published = try snapshot.applying(operation)
      }
      return published
    }
    return published
  }

  /// Applies an administration operation, issuing the API keys it creates, and publishes
  /// the result; returns the published snapshot, the operation to log (keys with their id
  /// and digest, never a secret) and the issued secrets, to show once.
  ///
  /// - Throws: ``AdministrationRejection``; nothing is published then.
  @discardableResult
  public func applied(
    _ operation: AdministrationOperation, at time: Timestamp = Timestamp(nanoseconds: 0),
    audit sink: (any AuditSink)? = nil
  ) throws(AdministrationRejection) -> AppliedOperation {
    var result = AppliedOperation(snapshot: current, operation: operation)
    try update { (snapshot: Snapshot) throws(AdministrationRejection) -> Snapshot in
      if let sink {
        result = try snapshot.applied(operation, at: time, audit: sink)
      } else {
        result = try snapshot.applied(operation)
      }
      return result.snapshot
    }
    return result
  }

  /// ``apply(_:at:audit:)`` with `time` in milliseconds since 1970.
  ///
  /// - Throws: ``AdministrationRejection``; nothing is published then.
  @available(*, deprecated, message: "pass the time as a Timestamp: apply(_:at:audit:)")
  @discardableResult
  public func apply(
    _ operation: AdministrationOperation, at time: Int64, audit sink: (any AuditSink)? = nil
  ) throws(AdministrationRejection) -> Snapshot {
    return try apply(operation, at: Timestamp(milliseconds: time), audit: sink)
  }

  /// The current snapshot if it is at least `version` (so a request that follows a
  /// change is never decided on a snapshot older than the change); `nil` while this store
  /// has not caught up: retry after the replica applied more of the log, or send the
  /// request to the primary.
  public func current(atLeast version: UInt64) -> Snapshot? {
    let snapshot = current
    return snapshot.version >= version ? snapshot : nil
  }

  /// Applies one entry of the primary's log.
  ///
  /// - Returns: `true` when applied, `false` when this store already had it (its version
  ///   is not newer than the current one).
  /// - Throws: ``ReplicationError/gap(current:received:)`` when entries before it are
  ///   missing; ``ReplicationError/diverged(version:_:)`` when this store refuses an
  ///   operation the primary accepted. Nothing is published then.
  @discardableResult
  public func replay(_ entry: LoggedOperation) throws(ReplicationError) -> Bool {
    var applied = false
    try update { (snapshot: Snapshot) throws(ReplicationError) -> Snapshot in
      if entry.version <= snapshot.version { return snapshot }
      guard entry.version == snapshot.version + 1 else {
        throw ReplicationError.gap(current: snapshot.version, received: entry.version)
      }
      let next: Snapshot
      do throws(AdministrationRejection) {
        next = try snapshot.applying(entry.operation)
      } catch {
        throw ReplicationError.diverged(version: entry.version, error)
      }
      applied = true
      return next
    }
    return applied
  }

  /// Decides a request given by names on the current snapshot, read once: the principal,
  /// the action and the resource are all resolved on that one snapshot, so an update
  /// landing meanwhile can never mix two snapshots into one decision.
  public func can(_ user: UserID, _ action: ActionName, _ resource: Resource) -> Decision {
    current.can(user, action, resource)
  }
}
