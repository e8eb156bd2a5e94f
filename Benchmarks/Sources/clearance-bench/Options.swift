/// The benchmark's groups, one per item of issue 4.
enum Group: String, CaseIterable {
  case hotpath, allocations, scaling, directory, updates, admin, threads, baseline, json, cases,
    filters, security

  var summary: String {
    switch self {
    case .hotpath:
      "can by handles, transitions, allowedTargets, can by strings, explain, effective permissions, principal resolution"
    case .allocations: "malloc calls and net heap bytes per operation"
    case .scaling:
      "compile time, snapshot bytes and check cost at the RBAC sizes and a 10,000-permission catalog"
    case .directory:
      "1,000,000 users / 2,000,000 memberships / 10,000 orgs: build, bytes, cold principals"
    case .updates:
      "time to a new snapshot with 10,000 orgs: feature flip, role change, direct grant"
    case .admin:
      "update primitives (changeRole, invite, removeMember, grantDirect, …) at 10k and 1M users, bytes per membership"
    case .threads: "checks per second on 1 and 2 threads sharing one snapshot"
    case .baseline: "a hand-written Set<String> evaluator on the same requests, and the ratio"
    case .json:
      "loading the 100,000-user directory.json: ClearanceJSON vs Foundation's JSONDecoder, ratio"
    case .cases: "the requests of a case file (--cases FILE): verified, then timed"
    case .filters: "filter(principal, action), its SQL, users(whoCan:on:) on 1,000,000 users"
    case .security:
      "can with a request context (no settings, 1,000-entry allowlist) beside can; rate limiter"
    }
  }

  func run(_ context: Context, _ options: Options) throws {
    switch self {
    case .hotpath: try HotPathGroup.run(context)
    case .allocations: try AllocationGroup.run(context)
    case .scaling: try ScalingGroup.run(context)
    case .directory: try DirectoryGroup.run(context)
    case .updates: try UpdateGroup.run(context)
    case .admin: try AdminGroup.run(context)
    case .threads: try ThreadGroup.run(context)
    case .baseline: try BaselineGroup.run(context)
    case .json: try JSONGroup.run(context)
    case .cases:
      guard let path = options.casesPath else { return }
      try CasesGroup.run(context, path: path)
    case .filters: try FilterGroup.run(context)
    case .security: try SecurityGroup.run(context)
    }
  }
}

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
  var groups: [Group] = []

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
    + Group.allCases.map { "  \($0.rawValue.padding(16))\($0.summary)" }.joined(separator: "\n")

  static func parse(_ arguments: [String]) throws(UsageError) -> Options {
    var options = Options()
    var named: [Group] = []
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
        for name in try value(argument).split(separator: ",") {
          guard let group = Group(rawValue: String(name)) else {
            throw UsageError(description: "unknown group \"\(name)\"")
          }
          named.append(group)
        }
      default:
        guard let group = Group(rawValue: argument) else {
          throw UsageError(description: "unknown argument \"\(argument)\"")
        }
        named.append(group)
      }
      index += 1
    }
    if named.contains(.cases) && options.casesPath == nil {
      throw UsageError(description: "the cases group needs --cases FILE")
    }
    if !named.isEmpty {
      options.groups = Group.allCases.filter { named.contains($0) }
    } else if options.casesPath != nil {
      options.groups = [.cases]
    } else {
      options.groups = Group.allCases.filter { $0 != .cases }
    }
    return options
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
