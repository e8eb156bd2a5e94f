/// One entry of a host's ordered log of accepted administration operations: what a
/// replica applies to stay in step with the server that accepted it.
///
/// The primary appends an entry for each accepted operation, with the version it produced;
/// a replica applies the entries in order with ``SnapshotStore/replay(_:)``, which detects
/// a gap (an entry missing before this one) and skips an entry it already applied.
public struct LoggedOperation: Sendable, Hashable, Codable {
  /// The version the operation produced on the primary.
  public var version: UInt64
  /// When the primary accepted it (recorded in audit events, never used in decisions).
  public var time: Int64
  /// The operation.
  public var operation: AdministrationOperation

  /// Creates a log entry.
  public init(version: UInt64, time: Int64 = 0, operation: AdministrationOperation) {
    self.version = version
    self.time = time
    self.operation = operation
  }
}

/// Why a replica could not apply a log entry.
public enum ReplicationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Entries are missing: the replica is at `current` and the entry produces `received`,
  /// but only `current + 1` can be applied next. Fetch the missing entries first.
  case gap(current: UInt64, received: UInt64)
  /// The replica refused an operation the primary accepted: the two did not start from
  /// the same snapshot (or run different policies).
  case diverged(version: UInt64, AdministrationRejection)

  /// A sentence naming the versions involved.
  public var description: String {
    switch self {
    case .gap(let current, let received):
      "gap in the log: at version \(current), received version \(received) "
        + "(missing \(current + 1)..<\(received))"
    case .diverged(let version, let rejection):
      "replica diverged at version \(version): \(rejection)"
    }
  }
}
