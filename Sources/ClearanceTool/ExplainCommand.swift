import Clearance
import ClearanceJSON

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
