import Clearance
import Dispatch
import Testing

@Suite("Snapshots across threads")
struct ConcurrencyTests {
  @Test func readersSeeEitherTheOldOrTheNewSnapshotNeverAMixture() throws {
    let on = try Shop.snapshot()
    let off = try on.settingFeature("payments", to: false, for: "hq")
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
        let action = (try? snapshot.action("payments::payment::record"))
        let second = action.map { snapshot.can(principal, $0, snapshot.resolve(resource)) }
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
          try $0.settingFeature("payments", to: worker % 2 == 0, for: orgs[worker])
        }
      }
    }
    let overrides = orgs.map { org in
      store.current.directory.organizations.first { $0.id == org }?.featureOverrides["payments"]
    }
    #expect(overrides == [true, false, true, false])
  }
}

/// A thread-safe counter for tests.
final class Counter: @unchecked Sendable {
  private let queue = DispatchQueue(label: "counter")
  private var count = 0
  func increment() { queue.sync { count += 1 } }
  var value: Int { queue.sync { count } }
}
