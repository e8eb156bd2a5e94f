import Clearance
import ClearanceJSON
import Foundation

/// Group 8: loading the peer-size directory from JSON, with ClearanceJSON's reader and with
/// Foundation's `JSONDecoder` on the same bytes, in the same run; and writing it.
enum JSONGroup: Benchmark {
  static let name = "json"
  static let summary =
    "loading the 100,000-user directory.json: ClearanceJSON vs Foundation's JSONDecoder, ratio"

  /// The directory and its compact JSON (about 9 MB at full size), written by Foundation
  /// so neither reader is fed its own writer's output; ClearanceJSON's pretty form is
  /// twice the size.
  struct Workload {
    let directory: Directory
    let data: Data
    let users: Int
    let organizations: Int
  }

  static func setUp(_ context: Context) throws -> Workload {
    let users = context.size(100_000, quick: 20_000)
    let organizations = context.size(10_000, quick: 2_000)
    let directory = DirectoryGenerator(
      organizations: organizations, users: users, membershipsPerUser: [60, 30, 10], seed: 11
    ).make().directory
    let compact = JSONEncoder()
    compact.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Workload(
      directory: directory, data: try compact.encode(directory), users: users,
      organizations: organizations)
  }

  static func run(_ workload: Workload, _ context: Context) throws {
    let report = context.report
    let (directory, data, users) = (workload.directory, workload.data, workload.users)
    let bytes = [UInt8](data)
    let sizes = [
      "organizations": workload.organizations, "users": users,
      "memberships": directory.memberships.count, "bytes": bytes.count,
    ]
    report.begin(
      name,
      "directory.json with \(formatNumber(Double(users))) users, "
        + "\(formatNumber(Double(directory.memberships.count))) memberships, "
        + "\(formatNumber(Double(bytes.count) / 1e6)) MB")

    // Both readers must give the same directory before either is timed.
    guard try JSONDocuments.decode(Directory.self, from: bytes) == directory,
      try JSONDecoder().decode(Directory.self, from: data) == directory
    else { throw BenchmarkFailure(description: "a reader decoded a different directory") }

    // Alternate the two readers so a change in the machine's load hits both alike.
    var own: [Double] = []
    var foundation: [Double] = []
    for _ in 0..<(context.quick ? 3 : 5) {
      own +=
        measure(.calls(1, warmUp: false)) { _ in
          UInt64((try? JSONDocuments.decode(Directory.self, from: bytes))?.memberships.count ?? 0)
        }.perOperation
      foundation +=
        measure(.calls(1, warmUp: false)) { _ in
          UInt64((try? JSONDecoder().decode(Directory.self, from: data))?.memberships.count ?? 0)
        }.perOperation
    }
    let ownFigure = report.add(
      "load: JSONDocuments.decode", timing: .calls(own), workload: sizes, unit: .milliseconds)
    let foundationFigure = report.add(
      "load: Foundation JSONDecoder", timing: .calls(foundation), workload: sizes,
      unit: .milliseconds)
    report.add(
      "ratio Foundation / ClearanceJSON load", value: foundationFigure.median / ownFigure.median,
      unit: "x", workload: sizes, target: .atLeast(10), note: "ratio of the medians above")

    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let write = measure(.calls(context.quick ? 2 : 3)) { _ in
      UInt64((try? JSONDocuments.encode(directory))?.count ?? 0)
    }.perOperation
    report.add(
      "write: JSONDocuments.encode", timing: .calls(write), workload: sizes, unit: .milliseconds)
    let foundationWrite = measure(.calls(context.quick ? 2 : 3)) { _ in
      UInt64((try? encoder.encode(directory))?.count ?? 0)
    }
    report.add(
      "write: Foundation JSONEncoder", timing: foundationWrite, workload: sizes,
      unit: .milliseconds)
  }
}

/// A benchmark precondition that did not hold.
struct BenchmarkFailure: Error, CustomStringConvertible {
  var description: String
}
