import Clearance
import ClearanceJSON

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
