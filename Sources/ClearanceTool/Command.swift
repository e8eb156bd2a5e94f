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

/// Loads a fixture folder or throws its validation error.
func loadFixture(_ folder: String) throws -> Fixture {
  var trimmed = folder
  while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
  return try Fixture(folder: trimmed)
}

/// The shared request arguments of `can` and `explain`.
struct RequestArguments {
  let folder: String
  let user: UserID
  let action: ActionName
  let resource: Resource
  let context: RequestContext?

  static let options = Set(["--org", "--shop", "--assignee", "--state"]).union(
    ContextArguments.options)
  static let usage =
    "FOLDER USER ACTION --org ORG [--shop SHOP] [--assignee USER] [--state STATE]\n      "
    + ContextArguments.usage

  init(_ arguments: [String]) throws {
    let parsed = try ParsedArguments(arguments, options: RequestArguments.options)
    guard parsed.positionals.count == 3 else {
      throw UsageError(
        "expected FOLDER USER ACTION, got \(parsed.positionals.count) positional arguments")
    }
    guard let org = parsed.options["--org"] else { throw UsageError("--org is required") }
    folder = parsed.positionals[0]
    user = UserID(parsed.positionals[1])
    action = ActionName(parsed.positionals[2])
    resource = Resource(
      org: OrgID(org), shop: parsed.options["--shop"].map(ShopID.init),
      assignee: parsed.options["--assignee"].map(UserID.init),
      state: parsed.options["--state"].map(StateName.init))
    context = try ContextArguments.context(parsed.options)
  }
}
