import Clearance
import Dispatch
import Foundation
import Testing

@Suite("Semantics 1 — snapshots across threads")
struct ConcurrencyTests {
  @Test func readersSeeEitherTheOldOrTheNewSnapshotNeverAMixture() throws {
    let on = try Shop.snapshot()
    let off = try on.settingFeatureOverride("payments", to: false, for: "hq")
    let store = SnapshotStore(on)
    let resource = Resource(org: "hq")
    // Each reader takes one snapshot per "request" and decides on it by name and by
    // handles: both answers must be that snapshot's, whatever the writer does meanwhile.
    let mixed = Counter()
    DispatchQueue.concurrentPerform(iterations: 4) { worker in
      for round in 0..<2_000 {
        if worker == 0 {
          store.publish(round % 2 == 0 ? off : on)
          continue
        }
        let snapshot = store.current
        let principal = snapshot.principal("cash")
        let first = snapshot.can("cash", "payments::payment::record", resource)
        let action = snapshot.action("payments::payment::record")
        let second = snapshot.can(principal, action, snapshot.resolve(resource))
        let expected: Decision = snapshot === on ? .allow : .deny(.featureDisabled)
        if first != expected || second != expected { mixed.increment() }
      }
    }
    #expect(mixed.value == 0)
    #expect(store.current === on || store.current === off)
  }

  @Test func updateIsAtomicWithRespectToOtherUpdates() throws {
    let store = SnapshotStore(try Shop.snapshot())
    let orgs: [OrgID] = ["hq", "east", "west", "other"]
    DispatchQueue.concurrentPerform(iterations: 4) { worker in
      for _ in 0..<50 {
        try? store.update {
          try $0.settingFeatureOverride("payments", to: worker % 2 == 0, for: orgs[worker])
        }
      }
    }
    let overrides = orgs.map { org in
      store.current.directory.organizations.first { $0.id == org }?.featureOverrides["payments"]
    }
    #expect(overrides == [true, false, true, false])
  }
}

extension ConcurrencyTests {
  /// A publish that arrives while an update is transforming must not be overwritten by
  /// the update's result (the update started from the older snapshot). The publisher
  /// publishes only once the update is inside its transform, which then waits for the
  /// publish to show, so without serialised writers the published change is lost in
  /// every round.
  @Test func publishWaitsForARunningUpdateSoNoChangeIsLost() throws {
    let base = try Shop.snapshot()
    let deactivated = try base.settingUser("cash", isActive: false)
    var lost = 0
    for _ in 0..<20 {
      let store = SnapshotStore(base)
      let inUpdate = DispatchSemaphore(value: 0)
      let publishing = DispatchSemaphore(value: 0)
      let published = DispatchSemaphore(value: 0)
      let publisher = Thread {
        inUpdate.wait()
        publishing.signal()
        store.publish(deactivated)
        published.signal()
      }
      publisher.start()
      try store.update { (snapshot: Snapshot) throws(ValidationError) -> Snapshot in
        inUpdate.signal()
        publishing.wait()
        // Give the publish every chance to land: poll (a bounded number of times) until
        // it shows. With serialised writers it cannot land before this update ends.
        var polls = 0
        while store.current === snapshot && polls < 50_000 { polls += 1 }
        return try snapshot.settingFeatureOverride("payments", to: false, for: "hq")
      }
      published.wait()
      if store.current.principal("cash").isActive { lost += 1 }
    }
    #expect(lost == 0)
  }

  /// Many publishes and updates from two threads. The publisher installs snapshots whose
  /// counter (direct grants held by "max") grows by one each time; every update appends a
  /// grant for "cash" and keeps the counter. Each update must see a counter no smaller
  /// than the previous update saw, and the last publish must survive every update.
  @Test func interleavedPublishesAndUpdatesNeverTurnTheCounterBack() throws {
    let rounds = 120
    let grant = Grant("payments::payment::record")
    var chain = [try Shop.snapshot()]
    for _ in 0..<rounds {
      chain.append(try chain[chain.count - 1].addingDirectGrant(grant, for: "max", in: "hq"))
    }
    let published = chain
    @Sendable func counter(_ snapshot: Snapshot) -> Int {
      snapshot.directory.memberships.first { $0.user == "max" }?.grants.count ?? -1
    }
    let store = SnapshotStore(published[0])
    let wentBack = Counter()
    let failures = Counter()
    DispatchQueue.concurrentPerform(iterations: 2) { worker in
      if worker == 1 {
        for snapshot in published.dropFirst() { store.publish(snapshot) }
        return
      }
      var seen = 0
      for _ in 0..<rounds {
        do {
          try store.update { (snapshot: Snapshot) throws(ValidationError) -> Snapshot in
            let count = counter(snapshot)
            if count < seen { wentBack.increment() }
            seen = count
            return try snapshot.addingDirectGrant(grant, for: "cash", in: "hq")
          }
        } catch {
          failures.increment()
        }
      }
    }
    #expect(failures.value == 0)
    #expect(wentBack.value == 0)
    #expect(counter(store.current) == rounds)
  }
}

extension ConcurrencyTests {
  /// A throwing update rethrows its closure's own error type and leaves the store as it
  /// was.
  @Test func aFailedUpdateChangesNothingAndKeepsItsErrorType() throws {
    let first = try Shop.snapshot()
    let store = SnapshotStore(first)
    do {
      try store.update { (snapshot: Snapshot) throws(ValidationError) -> Snapshot in
        try snapshot.settingGlobalSwitch(of: "nope", to: false)
      }
      Issue.record("expected a ValidationError")
    } catch {
      let typed: ValidationError = error
      #expect(typed.issues.map(\.path) == ["feature"])
    }
    #expect(store.current === first)
  }
}

/// A thread-safe counter for tests.
final class Counter: @unchecked Sendable {
  private let queue = DispatchQueue(label: "counter")
  private var count = 0
  func increment() { queue.sync { count += 1 } }
  var value: Int { queue.sync { count } }
}
