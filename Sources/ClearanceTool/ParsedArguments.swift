import Clearance
import ClearanceJSON

/// Arguments split into positionals and `--option value` / `--flag` pairs.
struct ParsedArguments {
  var positionals: [String] = []
  var options: [String: String] = [:]
  var flags: Set<String> = []

  /// Parses `arguments`, accepting only the named options (which take a value) and flags.
  init(
    _ arguments: [String], options allowed: Set<String> = [], flags allowedFlags: Set<String> = []
  )
    throws
  {
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if argument.hasPrefix("--") {
        var key = argument
        var value: String?
        if let equals = argument.firstIndex(of: "=") {
          key = String(argument[..<equals])
          value = String(argument[argument.index(after: equals)...])
        }
        if allowedFlags.contains(key) && value == nil {
          flags.insert(key)
        } else if allowed.contains(key) {
          if value == nil {
            guard index < arguments.count else { throw UsageError("\(key) needs a value") }
            value = arguments[index]
            index += 1
          }
          options[key] = value
        } else {
          throw UsageError("unknown option \(key)")
        }
      } else {
        positionals.append(argument)
      }
    }
  }
}

extension ParsedArguments {
  /// The one positional argument a command takes, its FOLDER.
  func singleFolder() throws -> String {
    guard positionals.count == 1 else {
      throw UsageError(
        positionals.isEmpty
          ? "expected a FOLDER"
          : "expected one FOLDER, got \(positionals.count): "
            + positionals.joined(separator: " "))
    }
    return positionals[0]
  }
}
