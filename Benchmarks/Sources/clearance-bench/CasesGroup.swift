import Clearance
import ClearanceJSON
import Foundation

/// Group 8: the requests of any case file, verified against its fixture, then timed — so
/// the same request stream can be fed to other engines.
enum CasesGroup: Benchmark {
  static let name = "cases"
  static let summary =
    "the requests of a case file (--cases FILE): verified, then timed"
  static let runsByDefault = false

  struct Mismatch: Error, CustomStringConvertible {
    var description: String
  }

  /// The case file's fixture and its cases.
  struct Workload {
    let path: String
    let fixture: Fixture
    let cases: [DecisionCase]
  }

  static func setUp(_ context: Context) throws -> Workload {
    guard let path = context.casesPath else { throw Mismatch(description: "no --cases FILE") }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let cases = try JSONDocuments.read(CaseFile.self, at: path).cases
    guard !cases.isEmpty else { throw Mismatch(description: "\(path) has no cases") }
    return Workload(path: path, fixture: try Fixture(folder: folder), cases: cases)
  }

  static func run(_ workload: Workload, _ context: Context) throws {
    let report = context.report
    let (path, fixture, cases) = (workload.path, workload.fixture, workload.cases)
    report.begin(name, path)
    let snapshot = fixture.snapshot

    // Verify: by names, and by handles where the action resolves.
    var failures: [String] = []
    var handles: [(principal: Principal, action: Action, resource: ResolvedResource)] = []
    for decisionCase in cases {
      let outcome = decisionCase.run(on: snapshot)
      if !decisionCase.isMet(by: outcome) {
        failures.append("\"\(decisionCase.name)\": expected \(decisionCase.expect), got \(outcome)")
        continue
      }
      // Cases with a request context or a repeat are verified, not timed.
      guard decisionCase.context == nil, decisionCase.repeatCount == 1 else { continue }
      let byName = snapshot.can(decisionCase.user, decisionCase.action, decisionCase.resource)
      if case let action = snapshot.action(named: decisionCase.action), action.isDeclared {
        let principal = snapshot.principal(decisionCase.user)
        let resource = snapshot.resolve(decisionCase.resource)
        let byHandle = snapshot.can(principal, action, resource)
        if byHandle != byName {
          failures.append("\"\(decisionCase.name)\": by handles \(byHandle), by names \(byName)")
        }
        handles.append((principal, action, resource))
      }
    }
    guard failures.isEmpty else {
      for failure in failures { print("   MISMATCH " + failure) }
      throw Mismatch(description: "\(failures.count) of \(cases.count) cases do not hold")
    }
    report.note("all \(cases.count) expected decisions hold (by names and by handles)")
    let sizes = ["cases": cases.count, "resolvableCases": handles.count]

    var offset = 0
    if !handles.isEmpty {
      let byHandle = measure(context.effort) { n in
        var checksum: UInt64 = 0
        for k in 0..<n {
          let request = handles[(offset &+ k) % handles.count]
          checksum &+= UInt64(
            snapshot.can(request.principal, request.action, request.resource).httpStatus)
        }
        offset &+= n
        return checksum
      }
      report.add("can(principal, action, resource)", timing: byHandle, workload: sizes)
    }
    let byName = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let request = cases[(offset &+ k) % cases.count]
        checksum &+= UInt64(
          snapshot.can(request.user, request.action, request.resource).httpStatus)
      }
      offset &+= n
      return checksum
    }
    report.add("can(UserID, String, Resource)", timing: byName, workload: sizes)
    let explain = measure(context.effort) { n in
      var checksum: UInt64 = 0
      for k in 0..<n {
        let request = cases[(offset &+ k) % cases.count]
        checksum &+= UInt64(
          snapshot.explain(request.user, request.action, request.resource).checks.count)
      }
      offset &+= n
      return checksum
    }
    report.add("explain(UserID, String, Resource)", timing: explain, workload: sizes)
  }
}
