import Clearance
import ClearanceJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One subcommand of the tool.
protocol Command {
  /// The word that selects it.
  var name: String { get }
  /// One line for the command list.
  var summary: String { get }
  /// The full help, with examples.
  var help: String { get }
  /// Runs it and returns the exit code.
  func run(_ arguments: [String]) throws -> Int32
}

/// Wrong arguments: printed with the command's help, exit code 2.
struct UsageError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}

/// Writes to standard error.
func printError(_ text: String) {
  var stderr = StandardError()
  print(text, to: &stderr)
}

struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    // File descriptor 2 is standard error; write(2) needs no shared FILE state.
    let bytes = Array(string.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        writeStandardError(buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written <= 0 { return }
      offset += written
    }
  }
}

private func writeStandardError(_ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(2, bytes, count)
  #else
    Darwin.write(2, bytes, count)
  #endif
}
