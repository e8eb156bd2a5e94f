#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Publishes the current snapshot to many threads.
///
/// Readers take the current snapshot once per request (one short lock and a retain) and
/// then decide on it without any lock. Writers build a new snapshot and publish it;
/// readers holding the old one keep deciding on it until they take the new one.
///
/// ```swift
/// let store = SnapshotStore(snapshot)
/// // per request:
/// let snapshot = store.current
/// // on a change:
/// try store.update { try $0.settingFeature("jobs_payments", to: false, for: "acme") }
/// ```
public final class SnapshotStore: @unchecked Sendable {
  // `mutex` guards `snapshot` and is held only to read or swap the reference; `writer`
  // serialises updates, so a slow rebuild never blocks readers. Both are allocated once
  // and never moved.
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let writer = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private var snapshot: Snapshot

  /// Creates a store holding `snapshot`.
  public init(_ snapshot: Snapshot) {
    self.snapshot = snapshot
    for lock in [mutex, writer] {
      lock.initialize(to: pthread_mutex_t())
      pthread_mutex_init(lock, nil)
    }
  }

  deinit {
    for lock in [mutex, writer] {
      pthread_mutex_destroy(lock)
      lock.deallocate()
    }
  }

  /// The snapshot in force now.
  public var current: Snapshot {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return snapshot
  }

  /// Makes `snapshot` the current one.
  public func publish(_ snapshot: Snapshot) {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    self.snapshot = snapshot
  }

  /// Replaces the current snapshot with `transform(current)`, atomically with respect to
  /// other updates; readers are not blocked while it runs. If `transform` throws, nothing
  /// changes.
  public func update<E: Error>(_ transform: (Snapshot) throws(E) -> Snapshot) throws(E) {
    pthread_mutex_lock(writer)
    defer { pthread_mutex_unlock(writer) }
    publish(try transform(current))
  }
}
