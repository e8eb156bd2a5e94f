import Clearance
import ClearanceJSON

/// Runs the administration cases of a fixture (its `admin-cases.json`) for `clearance
/// test`, printing each failure; `broken` when the file does not load.
func runAdministrationCases(_ fixture: Fixture, folder: String, verbose: Bool)
  -> (passed: Int, failed: Int, broken: Bool)
{
  let cases: [AdministrationCase]
  do {
    cases = try fixture.administrationCases()
  } catch {
    print("\(folder): admin-cases.json does not load")
    for issue in error.issues { print("  \(issue)") }
    return (0, 0, true)
  }
  var passed = 0
  var failed = 0
  for administrationCase in cases {
    let failures = administrationCase.failures(on: fixture.snapshot)
    if failures.isEmpty {
      passed += 1
      if verbose { print("pass: \(folder): admin: \(administrationCase.name)") }
    } else {
      failed += 1
      print("FAIL: \(folder): admin: \(administrationCase.name)")
      for failure in failures { print("  \(failure)") }
      if let note = administrationCase.note { print("  note: \(note)") }
    }
  }
  return (passed, failed, false)
}
