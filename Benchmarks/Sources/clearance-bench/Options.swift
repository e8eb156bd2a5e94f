/// Command-line options.
struct Options {
  var quick = false
  var help = false
  var jsonPath: String?
  var casesPath: String?
  /// Only build the service workload and run this many operations of one kind (a driver
  /// for profilers).
  var profile: (operation: Profile.Operation, count: Int)?
  /// Only build and compile this hostile policy (see `HostilePolicies`).
  var hostile: String?
  var groups: [any Benchmark.Type] = []

  struct UsageError: Error, CustomStringConvertible {
    var description: String
  }

  static let usage = """
    usage: swift run -c release --package-path Benchmarks clearance-bench [options] [group …]

      --quick           every group on reduced workloads, in seconds (for CI)
      --json FILE       also write every figure as JSON
      --cases FILE      verify and time the requests of a case file against its fixture
                        (the file's folder); runs only the cases group unless groups are named
      --only G[,G…]     run only these groups (same as naming them)
      --profile OP[=N]  build the service workload and run N (default 1,000,000) operations
                        of one kind, nothing else: a driver for valgrind --tool=callgrind or
                        perf. OP is one of:
                        \(Profile.Operation.allCases.map(\.rawValue).joined(separator: " "))
      --hostile NAME    build and compile one hostile policy, nothing else (run it under
                        /usr/bin/time -v for peak memory). NAME is one of:
                        \(HostilePolicies.names.joined(separator: " "))
      --help            this text

    groups:
    """ + "\n"
    + benchmarks.map { "  \($0.name.padding(16))\($0.summary)" }.joined(separator: "\n")

  static func parse(_ arguments: [String]) throws(UsageError) -> Options {
    var options = Options()
    var named: Set<String> = []
    var index = 0
    func value(_ flag: String) throws(UsageError) -> String {
      index += 1
      guard index < arguments.count else { throw UsageError(description: "\(flag) needs a value") }
      return arguments[index]
    }
    while index < arguments.count {
      let argument = arguments[index]
      switch argument {
      case "--quick": options.quick = true
      case "--help", "-h": options.help = true
      case "--json": options.jsonPath = try value(argument)
      case "--cases": options.casesPath = try value(argument)
      case "--hostile": options.hostile = try value(argument)
      case "--profile":
        let text = try value(argument)
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard let operation = Profile.Operation(rawValue: parts[0]),
          let count = parts.count > 1 ? Int(parts[1]) : 1_000_000, count > 0
        else { throw UsageError(description: "--profile needs OP or OP=N, not \"\(text)\"") }
        options.profile = (operation, count)
      case "--only":
        for name in try value(argument).split(separator: ",").map(String.init) {
          guard isGroup(name) else { throw UsageError(description: "unknown group \"\(name)\"") }
          named.insert(name)
        }
      default:
        guard isGroup(argument) else {
          throw UsageError(description: "unknown argument \"\(argument)\"")
        }
        named.insert(argument)
      }
      index += 1
    }
    if named.contains(CasesGroup.name) && options.casesPath == nil {
      throw UsageError(description: "the cases group needs --cases FILE")
    }
    if !named.isEmpty {
      options.groups = benchmarks.filter { named.contains($0.name) }
    } else if options.casesPath != nil {
      options.groups = [CasesGroup.self]
    } else {
      options.groups = benchmarks.filter { $0.runsByDefault }
    }
    return options
  }

  private static func isGroup(_ name: String) -> Bool {
    benchmarks.contains { $0.name.utf8.elementsEqual(name.utf8) }
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
