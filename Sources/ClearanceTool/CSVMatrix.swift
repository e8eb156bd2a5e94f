import Clearance
import Foundation

/// Renders a ``MatrixModel`` as CSV (RFC 4180: CRLF line ends, fields quoted when needed).
enum CSVMatrix {
  /// The whole document: one table with a `section` column (`permissions` or
  /// `workflow ID`), the module or feature, the row's key or state, its detail
  /// (description, or enter permission), then one column per role.
  static func render(_ model: MatrixModel) -> String {
    var records: [[String]] = [
      ["section", "module", "row", "detail"] + model.roles.map(\.id.rawValue)
    ]
    for group in model.groups {
      for row in group.rows {
        records.append(
          [
            "permissions", group.module, row.definition.key.rawValue,
            row.definition.description ?? "",
          ]
            + row.cells.map(CellText.line))
      }
    }
    for table in model.workflows {
      for row in table.rows {
        var detail = row.state.enter.map { "enter: \($0)" } ?? ""
        if let base = table.workflow.basePermission { detail += " + base: \(base)" }
        if row.state.isTerminal { detail += " (terminal)" }
        records.append(
          ["workflow \(table.workflow.id)", "", row.state.name.rawValue, detail]
            + row.cells.map(CellText.line))
      }
    }
    return records.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
  }

  /// Quotes a field when it holds a comma, quote, CR or LF; doubles inner quotes.
  static func field(_ text: String) -> String {
    let needsQuotes = text.unicodeScalars.contains {
      $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n"
    }
    guard needsQuotes else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
