import Clearance
import Foundation

/// The plain-text spelling of matrix cells, shared by the Markdown and CSV outputs.
enum CellText {
  /// The mark of a grant's source: `✓` for the role's own grant, `↑PARENT` for an
  /// inherited one.
  static func mark(_ source: SourcedGrant?) -> String {
    guard let source, !source.isOwn else { return "✓" }
    return "↑" + source.from.rawValue
  }

  /// How the role holds the permission, without prerequisite warnings:
  /// `✓ org`, `↑BUYER shop`, `✓ assigned ↑MANAGER shop`, `✓ shop in FOR_SALE`.
  static func reach(_ cell: AccessCell) -> String {
    guard cell.isGranted else { return "" }
    var text: String
    if let scope = cell.scope {
      if let source = cell.source, !source.isOwn, let own = cell.ownScope {
        text = "✓ \(own) \(mark(source)) \(scope)"
      } else {
        text = "\(mark(cell.source)) \(scope)"
      }
      for condition in cell.conditions {
        text += "; \(condition.scope) in \(states(condition.states))"
      }
    } else {
      text = mark(cell.source)
      for (i, condition) in cell.conditions.enumerated() {
        text += (i == 0 ? " " : "; ") + "\(condition.scope) in \(states(condition.states))"
      }
    }
    return text
  }

  /// The prerequisite warnings of a cell, or nil when everything granted is active.
  static func warning(_ cell: AccessCell) -> String? {
    var parts: [String] = []
    if let scope = cell.scope, !cell.shortfalls.isEmpty {
      parts.append(
        limitation(granted: scope, active: cell.activeScope, shortfalls: cell.shortfalls))
    }
    for condition in cell.conditions where !condition.shortfalls.isEmpty {
      parts.append(
        "in \(states(condition.states)) "
          + limitation(
            granted: condition.scope, active: condition.activeScope,
            shortfalls: condition.shortfalls))
    }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }

  /// `inactive: missing X` or `active only at shop: X @shop`.
  static func limitation(granted: Scope, active: Scope?, shortfalls: [Shortfall]) -> String {
    let names = shortfalls.map { shortfall in
      shortfall.scope.map { "\(shortfall.permission) @\($0)" } ?? shortfall.permission.rawValue
    }.joined(separator: ", ")
    guard let active else { return "inactive: missing \(names)" }
    return "active only at \(active): \(names)"
  }

  /// The whole cell as one line: reach, then `⚠ warning` if any.
  static func line(_ cell: AccessCell) -> String {
    let reach = reach(cell)
    guard let warning = warning(cell) else { return reach }
    return reach + " ⚠ " + warning
  }

  /// The sources of a cell, one per line, for tooltips:
  /// `own: tickets::*::* @shop` / `inherited from TECH (MANAGER → TECH): … @assigned`.
  static func sources(_ cell: AccessCell) -> [String] {
    cell.sources.map { source in
      var grant = "\(source.grant.permission) @\(source.grant.scope)"
      if let states = source.grant.states { grant += " only in \(self.states(states))" }
      if source.isOwn { return "own grant: " + grant }
      let path = source.via.map(\.rawValue).joined(separator: " → ")
      return "inherited from \(source.from) (\(path)): " + grant
    }
  }

  /// A list of states: `FOR_SALE, IN_USE`.
  static func states(_ states: [StateName]) -> String {
    states.map(\.rawValue).joined(separator: ", ")
  }

  /// The legend lines shared by the text outputs.
  static let legend = [
    "✓ the role grants it itself; ↑ROLE inherited from ROLE (nearest source)",
    "scope: assigned < shop < org < tree; `X in S1, S2` = reach X only for resources in those states",
    "⚠ granted, but a prerequisite does not reach as far: inactive, or active at a narrower scope",
  ]
}

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
