import Clearance
import ClearanceJSON

struct FilterCommand: Command {
  let name = "filter"
  let summary = "which resources a user may act on, as SQL or JSON"
  let help = """
    usage: clearance filter FOLDER USER ACTION [--format sql|json] [--table NAME]
                            [--org-column C] [--shop-column C] [--assignee-column C]
                            [--state-column C]

    Prints the exact filter of the resources USER may perform ACTION on: a resource
    matches if and only if `can` allows it. With --format sql (the default) a PostgreSQL
    WHERE expression with $n placeholders, then one line per bound value
    (`$1 = 'acme'`, `$2 = {north,south}`); with --format json the filter as JSON
    (docs/FORMAT.md, "Filters"). An unknown or inactive user, or an unknown action,
    gives FALSE / {"op":"never"}.

    examples:
      clearance filter Fixtures/repairops tom tickets::ticket::read
      clearance filter Fixtures/repairops tom ticket:CLOSED --format json
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ParsedArguments(
      arguments,
      options: [
        "--format", "--table", "--org-column", "--shop-column", "--assignee-column",
        "--state-column",
      ])
    guard parsed.positionals.count == 3 else {
      throw UsageError("expected FOLDER USER ACTION, got \(parsed.positionals.count) arguments")
    }
    let fixture = try loadFixture(parsed.positionals[0])
    let filter = fixture.snapshot.filter(
      UserID(parsed.positionals[1]), ActionName(parsed.positionals[2]))
    switch parsed.options["--format"] ?? "sql" {
    case "json":
      print(filter.json)
    case "sql":
      let columns = SQLColumns(
        table: parsed.options["--table"], org: parsed.options["--org-column"] ?? "org",
        shop: parsed.options["--shop-column"] ?? "shop",
        assignee: parsed.options["--assignee-column"] ?? "assignee",
        state: parsed.options["--state-column"] ?? "state")
      let sql = try filter.sql(columns: columns)
      print(sql.text)
      for (i, value) in sql.parameters.enumerated() {
        switch value {
        case .text(let text): print("$\(i + 1) = \(quoted(text))")
        case .textArray(let texts):
          print("$\(i + 1) = {\(texts.map(quoted).joined(separator: ","))}")
        }
      }
    case let other:
      throw UsageError("--format must be sql or json, not \(other)")
    }
    return 0
  }

  private func quoted(_ text: String) -> String {
    "'" + text.replacing("'", with: "''") + "'"
  }
}
