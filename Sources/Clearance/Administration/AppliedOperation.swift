/// What applying an administration operation gave: the new snapshot, the operation to
/// log, and the API keys it issued (their secrets, shown once).
///
/// ```swift
/// let result = try snapshot.applied(op)
/// log.append(LoggedOperation(version: result.snapshot.version, operation: result.operation))
/// for key in result.issuedKeys { show(key.secret) }  // once; it is stored nowhere
/// ```
public struct AppliedOperation: Sendable {
  /// The new snapshot, one version newer.
  public let snapshot: Snapshot
  /// The operation as applied, to log and replay: every ``NewAPIKey`` in it carries the
  /// id and digest of the key issued, never its secret. Replaying it with
  /// ``Snapshot/applying(_:)`` gives the same snapshot.
  public let operation: AdministrationOperation
  /// The keys issued, in operation order (a batch may issue several): each secret with the
  /// record stored. The secrets exist only here.
  public let issuedKeys: [IssuedAPIKey]

  /// Creates the result of an application.
  public init(
    snapshot: Snapshot, operation: AdministrationOperation, issuedKeys: [IssuedAPIKey] = []
  ) {
    self.snapshot = snapshot
    self.operation = operation
    self.issuedKeys = issuedKeys
  }
}

extension AdministrationOperation {
  /// This operation with every API key it creates issued (secrets drawn from
  /// `generator`), and the secrets; keys already issued stay as they are.
  func issuingKeys(using generator: inout some RandomNumberGenerator)
    -> (AdministrationOperation, [IssuedAPIKey])
  {
    switch change {
    case .createAPIKey(let key) where !key.isIssued:
      let (filled, issued) = key.issued(using: &generator)
      var operation = self
      operation.change = .createAPIKey(filled)
      return (operation, [issued])
    case .batch(let operations):
      var inner: [AdministrationOperation] = []
      var issued: [IssuedAPIKey] = []
      for operation in operations {
        let (filled, keys) = operation.issuingKeys(using: &generator)
        inner.append(filled)
        issued += keys
      }
      var operation = self
      operation.change = .batch(inner)
      return (operation, issued)
    default:
      return (self, [])
    }
  }
}
