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
/// try store.update(Snapshot.settingFeatureOverride(_:to:for:), "jobs_payments", false, "acme")
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

  /// Replaces the current snapshot with the result of one of ``Snapshot``'s update
  /// methods, named unapplied, called with `arguments` on the current snapshot: the same
  /// serialised update as ``update(_:)``, whose error is the method's own error type
  /// without any annotation.
  ///
  /// ```swift
  /// // throws ValidationError:
  /// try store.update(Snapshot.changingRole(of:in:to:), "tom", "fixit", "MANAGER")
  /// ```
  ///
  /// Why this form exists: Swift 6.3 types an unannotated throwing closure as
  /// `throws(any Error)` whatever its context (inferring a closure's thrown type from its
  /// body needs the experimental `FullTypedThrows` feature, which release compilers
  /// refuse), so `try store.update { try $0.changingRole(…) }` throws `any Error` under
  /// every signature of ``update(_:)`` tried: generic, non-generic `throws(ValidationError)`,
  /// or both overloaded. A method reference carries its typed throws; a closure needs
  /// `{ (snapshot: Snapshot) throws(ValidationError) in … }`.
  public func update<each Argument, E: Error>(
    _ method: (Snapshot) -> (repeat each Argument) throws(E) -> Snapshot,
    _ arguments: repeat each Argument
  ) throws(E) {
    try writer.withLock { () throws(E) -> Void in
      swap(try method(current)(repeat each arguments))
    }
  }

  /// Installs `next`; the caller holds `writer`.
  private func swap(_ next: Snapshot) {
    reference.withLock { snapshot = next }
  }
}
