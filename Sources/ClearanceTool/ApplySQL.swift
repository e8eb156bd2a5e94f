import Clearance
import Foundation

/// The change scripts of `clearance apply --sql`: one per accepted operation, in order.
struct SQLChanges {
  let schema: String
  private(set) var text = ""

  init(schema: String) { self.schema = schema }

  /// Adds the statements that bring a database from `old` to `next`.
  mutating func add(from old: Snapshot, to next: Snapshot, by operation: AdministrationOperation)
    throws(SQLError)
  {
    text += try old.postgresChanges(to: next, by: operation, schema: schema)
  }

  /// Writes the scripts to `path`.
  func write(to path: String) throws(ValidationError) {
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw ValidationError([
        ValidationIssue(
          path: path, code: .malformed, message: "cannot write: \(error.localizedDescription)")
      ])
    }
  }
}
