import Clearance

extension SecurityGroup {
  /// The tenant-shaped case: every root organization sets its own 16-entry allowlist (its
  /// sub-organizations inherit it), so requests to different organizations search
  /// different lists, and each request's client address is inside its organization's list.
  struct DistinctLists {
    /// Entries per list.
    static let entries = 16
    let snapshot: Snapshot
    let principals: [Principal]
    let resources: [ResolvedResource]
    /// One address per request (`requests.count`, a power of two): inside the list of the
    /// root organization of the request's resource.
    let addresses: [IPAddress?]

    init(_ w: ServiceWorkload) throws {
      var rng = SplitMix64(seed: 0xD15)
      var directory = w.directory
      var home: [OrgID: UInt32] = [:]
      for i in directory.organizations.indices where directory.organizations[i].parent == nil {
        let blocks = (0..<Self.entries).map { _ in
          UInt32(truncatingIfNeeded: rng.next()) & 0xFFFF_FF00
        }
        home[directory.organizations[i].id] = blocks[0]
        directory.organizations[i].security.ipAllowlist = blocks.map {
          IPAddress(ipv4: $0).description + "/24"
        }
      }
      var parent: [OrgID: OrgID] = [:]
      for org in directory.organizations { parent[org.id] = org.parent }
      func root(_ org: OrgID) -> OrgID {
        var org = org
        while let up = parent[org] { org = up }
        return org
      }
      addresses = w.requests.enumerated().map { i, request in
        let block = home[root(w.resources[Int(request.resource)].org)] ?? 0
        return IPAddress(ipv4: block | UInt32(i & 0xFF))
      }
      let snapshot = try Snapshot(policy: w.snapshot.policy, directory: directory)
      self.snapshot = snapshot
      principals = w.userIDs.map { snapshot.principal($0) }
      resources = w.resources.map { snapshot.resolve($0) }
    }
  }

  /// The distinct-lists case against the loop without settings, paired, with the same
  /// per-request address array in both loops so that only check 4 differs.
  static func distinctPairs(
    _ w: ServiceWorkload, _ context: Context, _ sizes: [String: Int],
    loop: (@escaping (Int, Int) -> UInt64) -> (Int) -> UInt64
  ) throws {
    let distinct = try DistinctLists(w)
    let bare = loop { n, from in
      check(
        w.snapshot, w.principals, w.actions, w.resolved, w.requests, distinct.addresses, n, from)
    }
    let listed = loop { n, from in
      check(
        distinct.snapshot, distinct.principals, w.actions, distinct.resources, w.requests,
        distinct.addresses, n, from)
    }
    // The lists change no decision: every address is inside its organization's list.
    let time = Timestamp(seconds: 1_800_000_000)
    for (i, request) in w.requests.enumerated() {
      let address = RequestContext(time: time, clientIP: distinct.addresses[i])
      let (p, a, r) = (Int(request.principal), Int(request.action), Int(request.resource))
      guard
        distinct.snapshot.can(
          distinct.principals[p], w.actions[a], distinct.resources[r], context: address)
          == w.snapshot.can(w.principals[p], w.actions[a], w.resolved[r])
      else {
        throw BenchmarkFailure(description: "request \(i) decided differently under its list")
      }
    }
    let (without, with, _) = BaselineGroup.paired(context.effort, bare, listed)
    let added = zip(with.perOperation, without.perOperation).map { $0 - $1 }
    context.report.add(
      "allowlist adds, distinct \(DistinctLists.entries)-entry lists",
      unit: "ns/op", statistics: Statistics(added), iterations: added.count,
      samples: added.count, workload: sizes,
      note: "one list per root organization, every address inside its organization's list")
  }
}
