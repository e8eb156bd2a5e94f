import Clearance
import ClearanceJSON

struct SQLCommand: Command {
  let name = "sql"
  let summary = "write a PostgreSQL script: tables, clearance_can, row-level security"
  let help = """
    usage: clearance sql FOLDER [--schema NAME]

    Writes to standard output one PostgreSQL script that (re)creates schema NAME
    (default `clearance`) with the fixture's compiled policy and directory as tables;
    the helpers is_member(org), has_shop_access(org, shop) and has_role(org, role) for
    the user named by the setting clearance.user_id; clearance_can(user_id, action, org,
    shop, assignee, state), which decides exactly as `clearance can`; and
    protect(table, action), which puts row-level security on a host table with org,
    shop, assignee and state columns. See README, "Row-level security".

    example:
      clearance sql Fixtures/repairops --schema clearance | psql -d app
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ParsedArguments(arguments, options: ["--schema"])
    let fixture = try loadFixture(try parsed.singleFolder())
    print(
      try fixture.snapshot.postgresScript(schema: parsed.options["--schema"] ?? "clearance"),
      terminator: "")
    return 0
  }
}
