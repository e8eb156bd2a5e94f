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
