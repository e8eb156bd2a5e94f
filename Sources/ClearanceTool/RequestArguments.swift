import Clearance
import ClearanceJSON

/// Loads a fixture folder or throws its validation error.
func loadFixture(_ folder: String) throws -> Fixture {
  var trimmed = folder
  while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
  return try Fixture(folder: trimmed)
}

/// The shared request arguments of `can` and `explain`.
struct RequestArguments {
  let folder: String
  let user: UserID
  let action: ActionName
  let resource: Resource
  let context: RequestContext?

  static let options = Set(["--org", "--shop", "--assignee", "--state"]).union(
    ContextArguments.options)
  static let usage =
    "FOLDER USER ACTION --org ORG [--shop SHOP] [--assignee USER] [--state STATE]\n      "
    + ContextArguments.usage

  init(_ arguments: [String]) throws {
    let parsed = try ParsedArguments(arguments, options: RequestArguments.options)
    guard parsed.positionals.count == 3 else {
      throw UsageError(
        "expected FOLDER USER ACTION, got \(parsed.positionals.count) positional arguments")
    }
    guard let org = parsed.options["--org"] else { throw UsageError("--org is required") }
    folder = parsed.positionals[0]
    user = UserID(parsed.positionals[1])
    action = ActionName(parsed.positionals[2])
    resource = Resource(
      org: OrgID(org), shop: parsed.options["--shop"].map(ShopID.init),
      assignee: parsed.options["--assignee"].map(UserID.init),
      state: parsed.options["--state"].map(StateName.init))
    context = try ContextArguments.context(parsed.options)
  }
}
