import Clearance

/// `clearance audit verify FILE`: checks an audit log's hash chain.
struct AuditCommand: Command {
  let name = "audit"
  let summary = "verify the hash chain of an audit log (JSON Lines)"
  let help = """
    usage: clearance audit verify FILE

    Reads an audit log written by the library's AuditLogFile and checks that every line's
    hash matches its content and that each line names the previous line's hash. Prints
    each break as `line N: problem`, then the event count, the chain's anchor (all zeros
    when the log is complete from its first event, else the hash of the newest event
    removed by retention) and the last hash (keep it elsewhere to detect truncation).
    Exit 0 when the chain is intact, 1 when it is broken, 2 when the file cannot be read.

    example:
      clearance audit verify /var/log/clearance/audit.jsonl
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ParsedArguments(arguments)
    guard parsed.positionals.count == 2, parsed.positionals[0] == "verify" else {
      throw UsageError("expected `verify FILE`")
    }
    let path = parsed.positionals[1]
    let verification: AuditVerification
    do {
      verification = try AuditLogFile.verify(path: path)
    } catch {
      printError("clearance audit: \(error.message)")
      return 2
    }
    for problem in verification.problems { print("\(path): \(problem)") }
    print(
      "\(path): \(verification.isIntact ? "intact" : "BROKEN"), \(verification.eventCount) events,"
        + " anchor \(verification.anchor), last hash \(verification.lastHash)")
    return verification.isIntact ? 0 : 1
  }
}
