import Clearance
import ClearanceJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The subcommands of the `clearance` tool, in the order `--help` lists them.
func allCommands() -> [any Command] {
  [
    ValidateCommand(), TestCommand(), CanCommand(), ExplainCommand(), EffectiveCommand(),
    MatrixCommand(), GraphCommand(), ApplyCommand(), AuditCommand(),
    FilterCommand(), SQLCommand(),
  ]
}

func usage() -> String {
  var lines = [
    "usage: clearance <command> [arguments]",
    "",
    "Clearance decides and explains access on the policy and directory of a fixture folder",
    "(policy.json, directory.json, cases.json; format: docs/FORMAT.md).",
    "",
    "commands:",
  ]
  for command in allCommands() {
    lines.append(
      "  " + command.name.padding(toLength: 10, withPad: " ", startingAt: 0) + command.summary)
  }
  lines += [
    "",
    "Run `clearance help <command>` or `clearance <command> --help` for a command's",
    "arguments and examples.",
  ]
  return lines.joined(separator: "\n")
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first else {
  printError(usage())
  exit(2)
}
arguments.removeFirst()
if name == "--help" || name == "-h" || name == "help" {
  // `help VERB` prints that command's help; `help` alone the command list.
  guard let verb = arguments.first else {
    print(usage())
    exit(0)
  }
  guard arguments.count == 1, let command = allCommands().first(where: { $0.name == verb })
  else {
    let problem =
      arguments.count == 1
      ? "unknown command \"\(verb)\"" : "help takes one command, got \(arguments.count)"
    printError("clearance help: \(problem)\n\n" + usage())
    exit(2)
  }
  print(command.help)
  exit(0)
}
guard let command = allCommands().first(where: { $0.name == name }) else {
  printError("clearance: unknown command \"\(name)\"\n\n" + usage())
  exit(2)
}
if arguments.contains("--help") || arguments.contains("-h") {
  print(command.help)
  exit(0)
}
do {
  exit(try command.run(arguments))
} catch let error as UsageError {
  printError("clearance \(command.name): \(error.message)\n\n\(command.help)")
  exit(2)
} catch let error as ValidationError {
  printError(error.description)
  exit(2)
} catch let error as SQLError {
  printError("clearance \(command.name): \(error.message)")
  exit(2)
} catch {
  printError("clearance \(command.name): \(error)")
  exit(2)
}
