// Writers applying operations and readers deciding on one store at once: no operation is
// lost, versions count every accepted operation, and a reader never sees half a batch.
// Runs under ThreadSanitizer in CI (its name matches the ConcurrencyTests filter).

import Clearance
import Dispatch
import Testing

@Suite("Administration across threads")
struct AdministrationConcurrencyTests {
  @Test func concurrentWritersLoseNoOperationAndReadersSeeWholeBatches() throws {
    let store = SnapshotStore(try Office.snapshot())
    let writers = 3
    let perWriter = 20
    let torn = Counter()
    DispatchQueue.concurrentPerform(iterations: writers + 2) { worker in
      if worker < writers {
        for i in 0..<perWriter {
          // Each writer invites its own users, two per batch, as ada.
          let first = UserID("w\(worker)a\(i)")
          let second = UserID("w\(worker)b\(i)")
          let invite = { (user: UserID) in
            AdministrationOperation(
              actor: "ada", .invite(user: user, org: "acme", role: "STAFF", shops: []))
          }
          _ = try? store.apply(
            AdministrationOperation(actor: "ada", .batch([invite(first), invite(second)])))
        }
        return
      }
      // Readers: a batch's two invitations appear together or not at all.
      for _ in 0..<400 {
        let snapshot = store.current
        for w in 0..<writers {
          for i in 0..<perWriter {
            let a = snapshot.can(
              UserID("w\(w)a\(i)"), "tickets::ticket::read", Resource(org: "acme"))
            let b = snapshot.can(
              UserID("w\(w)b\(i)"), "tickets::ticket::read", Resource(org: "acme"))
            if a != b { torn.increment() }
          }
        }
      }
    }
    #expect(torn.value == 0)
    let final = store.current
    #expect(final.version == UInt64(writers * perWriter))
    #expect(
      final.directory.memberships.count == Office.directory.memberships.count + 2 * writers
        * perWriter)
  }

  @Test func aReaderAskingForAVersionNeverGetsAnOlderSnapshot() throws {
    let store = SnapshotStore(try Office.snapshot())
    let stale = Counter()
    DispatchQueue.concurrentPerform(iterations: 3) { worker in
      if worker == 0 {
        for i in 0..<30 {
          _ = try? store.apply(
            AdministrationOperation(
              actor: "ada", .invite(user: UserID("v\(i)"), org: "acme", role: "STAFF", shops: [])))
        }
        return
      }
      var seen: UInt64 = 0
      for _ in 0..<2_000 {
        let snapshot = store.current
        if snapshot.version < seen { stale.increment() }
        seen = snapshot.version
        if let atLeast = store.current(atLeast: seen), atLeast.version < seen { stale.increment() }
      }
    }
    #expect(stale.value == 0)
    #expect(store.current.version == 30)
  }
}
