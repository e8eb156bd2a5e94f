import Clearance
import ClearanceJSON
import Foundation

struct ApplyCommand: Command {
  let name = "apply"
  let summary = "apply administration operations in order; one line per operation"
  let help = """
    usage: clearance apply FOLDER OPERATIONS.json [--write OUTDIR] [--sql FILE [--schema NAME]]

    Applies the JSON array of operations in OPERATIONS.json, in order, to the fixture in
    FOLDER (each operation sees the changes of those accepted before it) and prints one
    line per operation: `accepted`, or `rejected: RULE: message`. An accepted createAPIKey
    is followed by a line with the issued secret: it is shown this once, and the written
    directory keeps only its digest. With --write, writes the resulting policy.json and
    directory.json to OUTDIR (created if missing).
    With --sql, writes to FILE the PostgreSQL statements that bring a database exported
    by `clearance sql FOLDER [--schema NAME]` to the result: one transaction per accepted
    operation, each checking and advancing the exported snapshot version.
    Exit 0 when all were accepted, 1 when any was rejected, 2 on bad input.

    examples:
      clearance apply Fixtures/repairops ops.json --write /tmp/repairops-after
      clearance apply Fixtures/repairops ops.json --sql changes.sql && psql -d app -f changes.sql
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ParsedArguments(arguments, options: ["--write", "--sql", "--schema"])
    guard parsed.positionals.count == 2 else {
      throw UsageError("expected FOLDER OPERATIONS.json, got \(parsed.positionals.count) arguments")
    }
    let fixture = try loadFixture(parsed.positionals[0])
    let operations = try JSONDocuments.readOperations(at: parsed.positionals[1])
    var snapshot = fixture.snapshot
    var rejected = false
    var changes = SQLChanges(schema: parsed.options["--schema"] ?? "clearance")
    for operation in operations {
      let result: AppliedOperation
      do {
        result = try snapshot.applied(operation)
      } catch {
        rejected = true
        print("rejected: \(error)")
        continue
      }
      if parsed.options["--sql"] != nil {
        try changes.add(from: snapshot, to: result.snapshot, by: result.operation)
      }
      snapshot = result.snapshot
      print("accepted")
      for issued in result.issuedKeys {
        // Shown once: the directory keeps only the digest.
        print(
          "  issued API key \(issued.key.id) for \(issued.key.user) in \(issued.key.org): \(issued.secret)"
        )
      }
    }
    if let file = parsed.options["--sql"] { try changes.write(to: file) }
    if let folder = parsed.options["--write"] {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw ValidationError(
          .malformed(path: folder, message: "cannot create folder: \(error.localizedDescription)"))
      }
      try JSONDocuments.write(snapshot.currentPolicy, to: folder + "/policy.json")
      try JSONDocuments.write(snapshot.directory, to: folder + "/directory.json")
    }
    return rejected ? 1 : 0
  }
}
