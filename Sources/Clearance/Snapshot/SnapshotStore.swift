/// Publishes the current snapshot to many threads.
///
/// Readers take the current snapshot once per request (one short lock and a retain) and
/// then decide on it without any lock. Writers build a new snapshot and publish it;
/// readers holding the old one keep deciding on it until they take the new one.
///
/// Writers are serialised: ``publish(_:)`` waits for a running ``update(_:)`` to finish,
/// and an update always transforms the snapshot in force when it starts, so no change is
/// ever lost to a concurrent write. A reader never waits for a writer's transform.
///
/// ```swift
/// let store = SnapshotStore(snapshot)
/// // per request:
/// let snapshot = store.current
/// // on a change:
/// try store.update { try $0.settingFeatureOverride("jobs_payments", to: false, for: "acme") }
/// ```
public final class SnapshotStore: @unchecked Sendable {
  // `reference` guards `snapshot` and is held only to read or swap it; `writer`
  // serialises every write (publish and update), so a slow transform blocks other writers
  // but never readers. `snapshot` is only written with both held.
  private let reference = Lock()
  private let writer = Lock()
  private var snapshot: Snapshot

  /// Creates a store holding `snapshot`.
  public init(_ snapshot: Snapshot) {
    self.snapshot = snapshot
  }

  /// The snapshot in force now.
  public var current: Snapshot {
    reference.withLock { snapshot }
  }

  /// Makes `snapshot` the current one, after any running ``update(_:)`` has finished.
  public func publish(_ snapshot: Snapshot) {
    writer.withLock { swap(snapshot) }
  }

  /// Replaces the current snapshot with `transform(current)`, atomically with respect to
  /// other updates and publishes; readers are not blocked while it runs. If `transform`
  /// throws, nothing changes and its error is rethrown with its own type.
  public func update<E: Error>(_ transform: (Snapshot) throws(E) -> Snapshot) throws(E) {
    try writer.withLock { () throws(E) -> Void in
      swap(try transform(current))
    }
  }

  /// Installs `next`; the caller holds `writer`.
  private func swap(_ next: Snapshot) {
    reference.withLock { snapshot = next }
  }
}
