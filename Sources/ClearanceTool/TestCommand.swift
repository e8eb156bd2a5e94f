import Clearance
import ClearanceJSON

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
