import Clearance
import ClearanceJSON

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
