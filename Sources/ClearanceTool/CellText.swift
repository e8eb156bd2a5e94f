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
