import Clearance
import ClearanceJSON

struct ValidateCommand: Command {
  let name = "validate"
  let summary = "check a fixture folder and list every error with its path"
  let help = """
    usage: clearance validate FOLDER...

    Loads policy.json, directory.json and cases.json of each folder, compiles them and
    lists every problem as `file: path: message`. Exit 0 when all are valid, 1 otherwise.

    example:
      clearance validate Fixtures/repairops
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ParsedArguments(arguments)
    guard !parsed.positionals.isEmpty else { throw UsageError("expected at least one FOLDER") }
    var failed = false
    for folder in parsed.positionals {
      do {
        let fixture = try loadFixture(folder)
        let policy = fixture.snapshot.policy
        print(
          "\(folder): valid (\(policy.permissionCount) permissions, \(policy.roles.count) roles, "
            + "\(fixture.snapshot.directory.memberships.count) memberships, \(fixture.cases.count) cases)"
        )
      } catch let error as ValidationError {
        failed = true
        print("\(folder): \(error.issues.count) error\(error.issues.count == 1 ? "" : "s")")
        for issue in error.issues { print("  \(issue)") }
      }
    }
    return failed ? 1 : 0
  }
}

struct TestCommand: Command {
  let name = "test"
  let summary = "run the cases of fixture folders; prints `N passed, N failed`"
  let help = """
    usage: clearance test FOLDER... [--verbose] \(ContextArguments.usage)

    Runs every case of each folder's cases.json and admin-cases.json and prints each
    failing case (with its explain trace, for a decision), then `N passed, N failed`. Exit 0
    when all pass, 1 on any failure, 2 when a folder does not load. A case with a `context`
    runs with it; the context options give one to the cases that have none.

    \(ContextArguments.help)

    examples:
      clearance test Fixtures/repairops
      clearance test Fixtures/*
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ParsedArguments(
      arguments, options: ContextArguments.options, flags: ["--verbose"])
    let defaultContext = try ContextArguments.context(parsed.options)
    guard !parsed.positionals.isEmpty else { throw UsageError("expected at least one FOLDER") }
    var passed = 0
    var failed = 0
    var broken = false
    for folder in parsed.positionals {
      let fixture: Fixture
      do {
        fixture = try loadFixture(folder)
      } catch let error as ValidationError {
        broken = true
        print("\(folder): does not load")
        for issue in error.issues { print("  \(issue)") }
        continue
      }
      if fixture.cases.isEmpty { print("\(folder): no cases") }
      for var decisionCase in fixture.cases {
        if decisionCase.context == nil { decisionCase.context = defaultContext }
        let outcome = decisionCase.run(on: fixture.snapshot)
        if decisionCase.isMet(by: outcome) {
          passed += 1
          if parsed.flags.contains("--verbose") { print("pass: \(folder): \(decisionCase.name)") }
        } else {
          failed += 1
          print("FAIL: \(folder): \(decisionCase.name)")
          print("  expected \(decisionCase.expect), got \(outcome)")
          let explanation =
            decisionCase.context.map {
              fixture.snapshot.explain(
                decisionCase.user, decisionCase.action, decisionCase.resource, context: $0)
            }
            ?? fixture.snapshot.explain(
              decisionCase.user, decisionCase.action, decisionCase.resource)
          if let note = decisionCase.note { print("  note: \(note)") }
          for line in explanation.description.split(separator: "\n") { print("  | \(line)") }
        }
      }
      let counts = runAdministrationCases(
        fixture, folder: folder, verbose: parsed.flags.contains("--verbose"))
      passed += counts.passed
      failed += counts.failed
      broken = broken || counts.broken
    }
    print("\(passed) passed, \(failed) failed")
    return broken ? 2 : (failed > 0 ? 1 : 0)
  }
}

struct CanCommand: Command {
  let name = "can"
  let summary = "decide one request; exit 0 on allow, 1 on deny"
  let help = """
    usage: clearance can \(RequestArguments.usage)

    Prints `allow` or `deny(reason)` with its HTTP status. ACTION is a permission key
    (tickets::ticket::read) or a transition (ticket:QC_REVIEW). Exit 0 on allow, 1 on
    deny, 2 on bad input.

    \(ContextArguments.help)
    examples:
      clearance can Fixtures/example tina tickets::ticket::read --org acme --assignee tina
      clearance can Fixtures/repairops sofia tickets::ticket::read --org shieldfix \\
        --at 2026-03-20T10:00:00Z --ip 192.168.1.20 --mfa-verified-at 2026-03-20T09:00:00Z
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let request = try RequestArguments(arguments)
    let fixture = try loadFixture(request.folder)
    let decision =
      request.context.map {
        fixture.snapshot.can(request.user, request.action, request.resource, context: $0)
      } ?? fixture.snapshot.can(request.user, request.action, request.resource)
    print("\(decision) (HTTP \(decision.httpStatus))")
    return decision.isAllowed ? 0 : 1
  }
}

struct ExplainCommand: Command {
  let name = "explain"
  let summary = "decide one request and print the full trace; exit 0 on allow, 1 on deny"
  let help = """
    usage: clearance explain \(RequestArguments.usage)

    Prints the decision, its HTTP status and the trace: every check in order, and for
    each membership its relation and the grants that matched (with their source:
    role, inherited or direct), their scopes, and missing prerequisites.
    Exit 0 on allow, 1 on deny, 2 on bad input.

    \(ContextArguments.help)
    examples:
      clearance explain Fixtures/example tina tickets::ticket::read --org acme --assignee tina
      clearance explain Fixtures/example tina ticket:QC_REVIEW --org acme --assignee tina --state IN_REPAIR
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let request = try RequestArguments(arguments)
    let fixture = try loadFixture(request.folder)
    let explanation =
      request.context.map {
        fixture.snapshot.explain(request.user, request.action, request.resource, context: $0)
      } ?? fixture.snapshot.explain(request.user, request.action, request.resource)
    print(explanation)
    return explanation.decision.isAllowed ? 0 : 1
  }
}

struct EffectiveCommand: Command {
  let name = "effective"
  let summary = "list a user's effective permissions in an organization, with sources"
  let help = """
    usage: clearance effective FOLDER USER ORG

    Lists every permission the user holds in ORG: the widest scope at which it is
    active, and each source (role, inherited from a parent role, or direct). Granted
    but inactive permissions show their missing prerequisites.

    example:
      clearance effective Fixtures/opsos bea acme
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ParsedArguments(arguments)
    guard parsed.positionals.count == 3 else { throw UsageError("expected FOLDER USER ORG") }
    let fixture = try loadFixture(parsed.positionals[0])
    let user = UserID(parsed.positionals[1])
    let org = OrgID(parsed.positionals[2])
    let permissions = fixture.snapshot.effectivePermissions(of: user, in: org)
    if permissions.isEmpty {
      print("\(user) has no permissions in \(org)")
      return 1
    }
    for entry in permissions {
      var line = "\(entry.permission)  "
      if let scope = entry.scope {
        line += "@\(scope)"
      } else if !entry.missingPrerequisites.isEmpty {
        line +=
          "inactive: missing prerequisite \(entry.missingPrerequisites.map(\.rawValue).joined(separator: ", "))"
      } else {
        line +=
          "only when state in [\(entry.conditionStates.map(\.rawValue).joined(separator: ", "))]"
      }
      if !entry.isFeatureEnabled { line += "  (feature disabled here: denied with 402)" }
      line +=
        "  ← " + entry.sources.map { "\($0.source) @\($0.grant.scope)" }.joined(separator: ", ")
      print(line)
    }
    return 0
  }
}
