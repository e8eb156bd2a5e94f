import Foundation

/// A goal from issue 4, judged against a figure's median.
struct Target: Encodable {
  enum Comparison: String, Encodable {
    case atMost, atLeast
  }
  var comparison: Comparison
  var value: Double

  static func atMost(_ value: Double) -> Target { Target(comparison: .atMost, value: value) }
  static func atLeast(_ value: Double) -> Target { Target(comparison: .atLeast, value: value) }

  func isMet(by measured: Double) -> Bool {
    switch comparison {
    case .atMost: measured <= value
    case .atLeast: measured >= value
    }
  }

  var text: String {
    (comparison == .atMost ? "≤ " : "≥ ") + formatNumber(value)
  }
}

/// The unit a timing is reported in.
enum TimeUnit {
  case nanoseconds, microseconds, milliseconds

  var label: String {
    switch self {
    case .nanoseconds: "ns/op"
    case .microseconds: "µs/op"
    case .milliseconds: "ms"
    }
  }

  /// Nanoseconds per unit.
  var divisor: Double {
    switch self {
    case .nanoseconds: 1
    case .microseconds: 1_000
    case .milliseconds: 1e6
    }
  }
}

/// One reported figure.
struct Figure: Encodable {
  var group: String
  var name: String
  var unit: String
  var median: Double
  var p10: Double
  var p90: Double
  var p99: Double
  /// Operations (or calls) measured in total.
  var iterations: Int
  /// Batches (or calls) the statistics are taken over.
  var samples: Int
  /// Sizes of the workload the figure was measured on.
  var workload: [String: Int]
  var target: Target?
  var targetMet: Bool?
  var note: String?
}

/// Collects figures, prints them as they come and writes them as JSON.
final class Report {
  let quick: Bool
  private(set) var figures: [Figure] = []
  private var currentGroup = ""

  init(quick: Bool) { self.quick = quick }

  /// Starts a group in the printed table.
  func begin(_ group: String, _ title: String) {
    currentGroup = group
    print("")
    print("== \(group): \(title)")
    print(
      pad("figure", 50) + pad("median", 11, right: true) + pad("p10", 11, right: true)
        + pad("p90", 11, right: true) + pad("p99", 11, right: true) + "  unit      target")
  }

  /// Prints a line of context under the current group.
  func note(_ text: String) {
    print("   · " + text)
  }

  @discardableResult
  func add(
    _ name: String, unit: String, statistics: Statistics, iterations: Int, samples: Int,
    workload: [String: Int], target: Target? = nil, note: String? = nil
  ) -> Figure {
    let met = target.map { $0.isMet(by: statistics.median) }
    let figure = Figure(
      group: currentGroup, name: name, unit: unit, median: statistics.median,
      p10: statistics.p10, p90: statistics.p90, p99: statistics.p99, iterations: iterations,
      samples: samples, workload: workload, target: target, targetMet: met, note: note)
    figures.append(figure)
    var line =
      pad(name, 50) + pad(formatNumber(figure.median), 11, right: true)
      + pad(formatNumber(figure.p10), 11, right: true)
      + pad(formatNumber(figure.p90), 11, right: true)
      + pad(formatNumber(figure.p99), 11, right: true) + "  " + pad(unit, 10)
    if let target, let met {
      line += target.text + (met ? "  hit" : "  MISSED")
    }
    print(line)
    if let note { print(pad("", 6) + note) }
    return figure
  }

  /// Records a timing, per operation in `unit` (or per call, for `.milliseconds`).
  @discardableResult
  func add(
    _ name: String, timing: BatchTiming, workload: [String: Int], target: Target? = nil,
    unit: TimeUnit = .nanoseconds, note: String? = nil
  ) -> Figure {
    add(
      name, unit: unit.label, statistics: Statistics(timing.perOperation.map { $0 / unit.divisor }),
      iterations: timing.iterations, samples: timing.perOperation.count, workload: workload,
      target: target, note: note)
  }

  /// Records a single value (bytes, counts, ratios).
  @discardableResult
  func add(
    _ name: String, value: Double, unit: String, iterations: Int = 1, workload: [String: Int],
    target: Target? = nil, note: String? = nil
  ) -> Figure {
    add(
      name, unit: unit, statistics: Statistics(value: value), iterations: iterations, samples: 1,
      workload: workload, target: target, note: note)
  }

  /// The median of a recorded figure.
  func median(_ group: String, _ name: String) -> Double? {
    figures.last { $0.group == group && $0.name == name }?.median
  }

  /// Prints every figure that has a target, hit or missed.
  func printTargets() {
    let judged = figures.filter { $0.target != nil }
    guard !judged.isEmpty else { return }
    print("")
    print("== targets (issue 4)")
    for figure in judged {
      guard let target = figure.target, let met = figure.targetMet else { continue }
      let verdict = met ? "hit   " : "MISSED"
      print(
        "   \(verdict) \(figure.group).\(figure.name): \(formatNumber(figure.median)) \(figure.unit)"
          + " (target \(target.text))")
    }
  }

  /// Writes every figure and the machine description as JSON.
  func writeJSON(to path: String, machine: Machine) throws {
    struct Document: Encodable {
      var toolchain: String
      var date: String
      var cpu: String
      var cores: Int
      var loadAverageAtStart: String
      var loadAverageAtEnd: String
      var mode: String
      var figures: [Figure]
    }
    let document = Document(
      toolchain: machine.toolchain, date: machine.date, cpu: machine.cpu, cores: machine.cores,
      loadAverageAtStart: machine.loadAverage, loadAverageAtEnd: Machine.loadAverage(),
      mode: quick ? "quick" : "full", figures: figures)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = try encoder.encode(document)
    try data.write(to: URL(fileURLWithPath: path))
  }
}

/// Three significant digits, grouped thousands for large values.
func formatNumber(_ value: Double) -> String {
  if value.isNaN { return "n/a" }
  let magnitude = abs(value)
  if magnitude >= 100_000 {
    let rounded = Int(value.rounded())
    var digits = String(abs(rounded))
    var groups: [String] = []
    while digits.count > 3 {
      groups.insert(String(digits.suffix(3)), at: 0)
      digits.removeLast(3)
    }
    groups.insert(digits, at: 0)
    return (rounded < 0 ? "-" : "") + groups.joined(separator: ",")
  }
  if magnitude >= 100 { return String(Int(value.rounded())) }
  if magnitude >= 10 { return String(format: "%.1f", value) }
  if magnitude == 0 { return "0" }
  if magnitude >= 1 { return String(format: "%.2f", value) }
  return String(format: "%.3f", value)
}

/// Pads (or cuts) `text` to `width` columns.
func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
  let count = text.count
  if count >= width { return right ? " " + text : String(text.prefix(width - 1)) + " " }
  let padding = String(repeating: " ", count: width - count)
  return right ? padding + text : text + padding
}
