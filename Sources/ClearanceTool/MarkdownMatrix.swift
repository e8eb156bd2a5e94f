import Clearance
import Foundation

/// Renders a ``MatrixModel`` as GitHub-flavoured Markdown.
enum MarkdownMatrix {
  /// The whole document.
  static func render(_ model: MatrixModel) -> String {
    var lines = ["# \(escape(model.title)): role × permission matrix", ""]
    for line in CellText.legend { lines.append("- " + line) }
    if !model.deletedRoles.isEmpty {
      lines.append(
        "- soft-deleted roles, not shown (they grant nothing): "
          + model.deletedRoles.map { escape($0.id.rawValue) }.joined(separator: ", "))
    }
    lines.append("")
    lines.append("## Permissions")
    for group in model.groups {
      lines.append("")
      var heading = "### \(escape(group.module))"
      if let parent = group.parentFeature { heading += " (feature of \(escape(parent.rawValue)))" }
      if group.isSwitchedOff { heading += " (globally switched off)" }
      lines.append(heading)
      lines.append("")
      lines.append(header(first: "permission", roles: model.roles))
      for row in group.rows {
        var first = "`\(row.definition.key)`"
        if let description = row.definition.description {
          first += "<br>" + escape(description)
        }
        lines.append(tableRow(first: first, cells: row.cells.map(CellText.line)))
      }
    }
    for table in model.workflows {
      lines.append("")
      lines.append("## Workflow \(escape(table.workflow.id.rawValue))")
      lines.append("")
      lines.append("Who may move a resource into each target state (its `enter` permission).")
      if let base = table.workflow.basePermission {
        lines.append("Every transition also needs `\(base)`; the cells account for it.")
      }
      lines.append("")
      lines.append(header(first: "target state", roles: model.roles))
      for row in table.rows {
        var first = "**\(escape(row.state.name.rawValue))**"
        if row.state.isTerminal { first += " (terminal)" }
        if let enter = row.state.enter { first += " `\(enter)`" }
        var from = row.from.map(\.rawValue)
        if row.fromAnyState { from.append("any non-terminal state") }
        if !from.isEmpty { first += "<br>from " + escape(from.joined(separator: ", ")) }
        lines.append(tableRow(first: first, cells: row.cells.map(CellText.line)))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The header and delimiter rows of a table.
  private static func header(first: String, roles: [Role]) -> String {
    let names = roles.map { escape($0.id.rawValue) }
    return "| \(first) | " + names.joined(separator: " | ") + " |\n"
      + "|---|" + String(repeating: "---|", count: names.count)
  }

  /// One body row; cells are escaped here.
  private static func tableRow(first: String, cells: [String]) -> String {
    "| \(first) | " + cells.map(escape).joined(separator: " | ") + " |"
  }

  /// Escapes text for a Markdown table cell: pipes, and characters that start markup.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "|", "\\", "*", "`", "<", ">", "[", "]": result += "\\\(character)"
      case "\n": result += " "
      default: result.append(character)
      }
    }
    return result
  }
}
