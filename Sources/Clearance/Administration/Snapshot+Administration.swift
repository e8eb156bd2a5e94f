extension Snapshot {
  /// The most operations a batch may hold.
  public static let maximumBatchSize = 1_000

  /// Applies an administration operation: checks it against the policy's administration
  /// rules and returns the new snapshot, one ``version`` newer.
  ///
  /// The operation needs its permission (``AdministrationPolicy/permissions``) in the
  /// actor's membership of the organization concerned, then every rule the policy switches
  /// on. A batch is applied in order, each operation checked on the state the previous
  /// ones left, and is accepted whole or not at all. This snapshot is never changed.
  ///
  /// - Throws: ``AdministrationRejection`` naming the rule that refused the operation.
  public func applying(_ operation: AdministrationOperation) throws(AdministrationRejection)
    -> Snapshot
  {
    let next = try applyingChecked(operation, nested: false)
    return Snapshot(next, version: version &+ 1)
  }

  /// Applies an operation and hands the audit event of the attempt, accepted or
  /// rejected, to `sink`.
  ///
  /// - Parameter time: when the operation was attempted; recorded in the event, never
  ///   used in the decision.
  /// - Throws: ``AdministrationRejection`` naming the rule that refused the operation;
  ///   ``AdministrationRule/auditFailed`` when the sink could not keep the event of an
  ///   accepted operation (it is then not applied: nothing unaudited happens).
  public func applying(
    _ operation: AdministrationOperation, at time: Timestamp, audit sink: any AuditSink
  ) throws(AdministrationRejection) -> Snapshot {
    try applied(operation, at: time, audit: sink).snapshot
  }

  /// Applies an operation, issuing the API keys it creates from the system's secure
  /// generator, and returns the new snapshot with the operation to log and the secrets.
  ///
  /// Use it for every operation a person or client asks for; ``applying(_:)`` is for
  /// replaying logged operations (it refuses a ``NewAPIKey`` that is not issued yet).
  ///
  /// - Throws: ``AdministrationRejection`` naming the rule that refused the operation.
  public func applied(_ operation: AdministrationOperation) throws(AdministrationRejection)
    -> AppliedOperation
  {
    var generator = SystemRandomNumberGenerator()
    return try applied(operation, using: &generator)
  }

  /// Applies an operation, issuing its API keys with randomness from `generator`: for
  /// tests with a seeded generator. Production keys must use ``applied(_:)``.
  ///
  /// - Throws: ``AdministrationRejection`` naming the rule that refused the operation.
  public func applied(
    _ operation: AdministrationOperation, using generator: inout some RandomNumberGenerator
  ) throws(AdministrationRejection) -> AppliedOperation {
    let (logged, issued) = operation.issuingKeys(using: &generator)
    let next = try applying(logged)
    return AppliedOperation(snapshot: next, operation: logged, issuedKeys: issued)
  }

  /// ``applied(_:)`` with the audit event of the attempt handed to `sink`.
  ///
  /// - Throws: ``AdministrationRejection``; ``AdministrationRule/auditFailed`` when the
  ///   sink could not keep the event of an accepted operation (nothing is applied then).
  public func applied(
    _ operation: AdministrationOperation, at time: Timestamp, audit sink: any AuditSink
  ) throws(AdministrationRejection) -> AppliedOperation {
    let result: AppliedOperation
    do {
      result = try applied(operation)
    } catch {
      try? sink.record(
        AuditEvent(operation: operation, at: time, version: version, rejection: error))
      throw error
    }
    do throws(AuditError) {
      try sink.record(
        AuditEvent(operation: result.operation, at: time, version: result.snapshot.version))
    } catch {
      throw AdministrationRejection(
        .auditFailed, "the audit event could not be kept (\(error)): the operation is not applied")
    }
    return result
  }

  /// Applies an operation with the audit event handed to `sink`, with `time` in
  /// milliseconds since 1970.
  ///
  /// - Throws: ``AdministrationRejection`` naming the rule that refused the operation.
  @available(*, deprecated, message: "pass the time as a Timestamp: applying(_:at:audit:)")
  public func applying(
    _ operation: AdministrationOperation, at time: Int64, audit sink: any AuditSink
  ) throws(AdministrationRejection) -> Snapshot {
    return try applying(operation, at: Timestamp(milliseconds: time), audit: sink)
  }

  /// Applies without stamping a version (a batch stamps once).
  func applyingChecked(_ operation: AdministrationOperation, nested: Bool)
    throws(AdministrationRejection) -> Snapshot
  {
    if case .batch(let operations) = operation.change {
      return try applyingBatch(operations, nested: nested)
    }
    if case .createAPIKey(let key) = operation.change, !key.isIssued {
      throw AdministrationRejection(
        .invalid,
        "createAPIKey for \(key.user) in \(key.org) carries no issued key: apply it with "
          + "applied(_:), which issues the secret and returns the operation to log")
    }
    let rules = policy.source.administration ?? AdministrationPolicy()
    try checkPermission(operation, rules)
    let context = AdministrationContext(snapshot: self, operation: operation, rules: rules)
    return try context.apply()
  }

  private func applyingBatch(_ operations: [AdministrationOperation], nested: Bool)
    throws(AdministrationRejection) -> Snapshot
  {
    guard !nested else { throw AdministrationRejection(.invalid, "a batch may not hold a batch") }
    guard operations.count <= Snapshot.maximumBatchSize else {
      throw AdministrationRejection(
        .invalid,
        "a batch holds \(operations.count) operations; the limit is \(Snapshot.maximumBatchSize)")
    }
    var current = self
    for (i, operation) in operations.enumerated() {
      do {
        current = try current.applyingChecked(operation, nested: true)
      } catch {
        throw AdministrationRejection(
          error.rule, "operations[\(i)] (\(operation.kind)): \(error.message)")
      }
    }
    return current
  }

  /// Refuses the operation unless the policy names its permission and the actor holds it
  /// in the organization concerned.
  private func checkPermission(_ operation: AdministrationOperation, _ rules: AdministrationPolicy)
    throws(AdministrationRejection)
  {
    let kind = operation.kind
    guard let key = rules.permissions[kind] else {
      throw AdministrationRejection(
        .operationDisabled, "the policy names no permission for \(kind): it is switched off")
    }
    guard let org = operation.org, adminHasOrganization(org) else {
      throw AdministrationRejection(
        .unknownTarget, "unknown organization \"\(operation.org?.rawValue ?? "")\"")
    }
    // Reactivating an organization is decided as if it were active: its members' grants
    // count again only once the operation is through.
    var subject = self
    if kind == .reactivateOrg, let active = try? settingOrganization(org, isActive: true) {
      subject = active
    }
    if operation.context?.apiKey != nil {
      throw AdministrationRejection(
        .invalid, "an operation's context may not carry an API key: it would be logged")
    }
    let decision = subject.permits(operation, key, in: org)
    guard decision.isAllowed else {
      throw AdministrationRejection(
        .notPermitted,
        "\(operation.actor) may not \(kind) in \(org): \(key) is \(decision)")
    }
  }

  /// The decision on the operation's permission for its actor in `org`, with the
  /// operation's request context when it has one.
  func permits(_ operation: AdministrationOperation, _ key: PermissionKey, in org: OrgID)
    -> Decision
  {
    let action = ActionName(key.rawValue)
    let resource = Resource(org: org)
    guard let context = operation.context else { return can(operation.actor, action, resource) }
    return can(operation.actor, action, resource, context: context)
  }
}
