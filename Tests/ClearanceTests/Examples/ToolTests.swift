import Foundation
import Testing

/// The `clearance` tool, run as a process from the build folder the tests were built in.
@Suite("The clearance tool")
struct ToolTests {
  /// Runs the tool with `arguments`; its exit status, standard output and standard error.
  func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var tool = folder.appendingPathComponent("clearance")
    // The test bundle may sit one level deeper (`….xctest/…`) on some platforms.
    if !FileManager.default.isExecutableFile(atPath: tool.path) {
      tool = folder.deletingLastPathComponent().appendingPathComponent("clearance")
    }
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: outData, as: UTF8.self),
      String(decoding: errData, as: UTF8.self)
    )
  }

  @Test(arguments: ["validate", "test", "can", "explain", "effective", "matrix", "graph"])
  func helpVerbPrintsThatCommandsHelp(_ verb: String) throws {
    let help = try run(["help", verb])
    let flag = try run([verb, "--help"])
    #expect(help.status == 0)
    #expect(help.out.hasPrefix("usage: clearance \(verb)"))
    #expect(help.out == flag.out)
  }

  @Test func helpOfAnUnknownVerbIsAnErrorWithExitCode2() throws {
    let result = try run(["help", "frobnicate"])
    #expect(result.status == 2)
    #expect(result.out.isEmpty)
    #expect(result.err.contains("unknown command \"frobnicate\""))
  }

  @Test func helpAloneListsTheCommands() throws {
    let result = try run(["help"])
    #expect(result.status == 0)
    #expect(result.out.hasPrefix("usage: clearance <command>"))
  }
}
