import Foundation

/// What the run was made on.
struct Machine {
  var cpu: String
  var cores: Int
  var toolchain: String
  var date: String
  /// `/proc/loadavg`'s 1, 5 and 15 minute averages when the run started: other processes
  /// on the same cores make every figure noisier.
  var loadAverage: String

  static func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else {
      return "unknown"
    }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
  }

  static func current() -> Machine {
    var cpu = "unknown"
    if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
      let colon = line.firstIndex(of: ":")
    {
      cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let formatter = ISO8601DateFormatter()
    return Machine(
      cpu: cpu, cores: ProcessInfo.processInfo.activeProcessorCount, toolchain: toolchain(),
      date: formatter.string(from: Date()), loadAverage: loadAverage())
  }

  /// The first line of `swift --version`, or what the compiler says about itself.
  private static func toolchain() -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["swift", "--version"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = Pipe()
    if (try? process.run()) != nil {
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      if let first = String(decoding: data, as: UTF8.self).split(separator: "\n").first,
        process.terminationStatus == 0
      {
        return String(first)
      }
    }
    #if compiler(>=6.3)
      return "Swift 6.3 or later (swift --version unavailable)"
    #else
      return "Swift before 6.3 (swift --version unavailable)"
    #endif
  }
}
