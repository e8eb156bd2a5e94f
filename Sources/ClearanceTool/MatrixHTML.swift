import Clearance
import Foundation

/// Renders a ``MatrixModel`` as one self-contained HTML page: inline CSS, no scripts, no
/// external assets. Every piece of policy text goes through ``escape(_:)``.
enum HTMLMatrix {
  /// The whole page.
  static func render(_ model: MatrixModel) -> String {
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(model.title)) · Clearance role matrix</title>
      <style>
      \(style)
      </style>
      </head>
      <body>

      """
    html += header(model)
    html += "<main>\n"
    html += permissionSection(model)
    for (i, table) in model.workflows.enumerated() {
      html += workflowSection(table, index: i, roles: model.roles)
    }
    html += "</main>\n</body>\n</html>\n"
    return html
  }

  /// Title, counts, contents and legend.
  private static func header(_ model: MatrixModel) -> String {
    let permissionCount = model.groups.reduce(0) { $0 + $1.rows.count }
    var facts = [
      count(permissionCount, "permission"), count(model.groups.count, "module"),
      count(model.roles.count, "role"),
    ]
    if !model.workflows.isEmpty { facts.append(count(model.workflows.count, "workflow")) }
    var html = "<header>\n<h1>\(escape(model.title))</h1>\n"
    html += "<p class=\"facts\">Clearance role matrix · \(facts.joined(separator: " · "))</p>\n"
    html += "<nav><a href=\"#permissions\">Permissions</a>"
    for (i, table) in model.workflows.enumerated() {
      html += " <a href=\"#workflow-\(i)\">Workflow \(escape(table.workflow.id.rawValue))</a>"
    }
    html += "</nav>\n<nav class=\"modules\">Modules:"
    for (i, group) in model.groups.enumerated() {
      html += " <a href=\"#module-\(i)\">\(escape(group.module))</a>"
    }
    html += "</nav>\n"
    html += """
      <div class="legend">
      <span class="item"><span class="swatch own">✓ <span class="scope s2">org</span></span> the role's own grant</span>
      <span class="item"><span class="swatch inherited"><span class="mark">↑BUYER</span> <span class="scope s1">shop</span></span> inherited from BUYER (nearest source)</span>
      <span class="item"><span class="swatch warn">✓ <span class="scope s2">org</span> ⚠ <span class="scope s1">shop</span></span> a prerequisite reaches less far: active only at the narrower scope</span>
      <span class="item"><span class="swatch inactive">✓ <span class="scope s2">org</span> ⚠</span> granted but inactive: a prerequisite is missing</span>
      <span class="item">scopes: <span class="scope s0">assigned</span> &lt; <span class="scope s1">shop</span> &lt; <span class="scope s2">org</span> &lt; <span class="scope s3">tree</span></span>
      <span class="item"><span class="scope s1">shop</span> in FOR_SALE: only for resources in that state</span>
      <span class="item hint">Hover a cell for its grants and their sources.</span>
      </div>

      """
    if !model.deletedRoles.isEmpty {
      let names = model.deletedRoles.map { "<code>\(escape($0.id.rawValue))</code>" }
      html +=
        "<p class=\"note\">Soft-deleted roles, not shown (they grant nothing): "
        + names.joined(separator: ", ") + "</p>\n"
    }
    html += "</header>\n"
    return html
  }

  /// The role × permission table.
  private static func permissionSection(_ model: MatrixModel) -> String {
    let columns = model.roles.count + 1
    var html = "<section id=\"permissions\">\n<h2>Permissions</h2>\n<table>\n"
    html += roleHeader(model.roles, corner: "Permission")
    for (i, group) in model.groups.enumerated() {
      html += "<tbody id=\"module-\(i)\">\n<tr class=\"group\"><th colspan=\"\(columns)\">"
      html += "<span>\(escape(group.module))</span>"
      if let parent = group.parentFeature {
        html += " <small>feature of \(escape(parent.rawValue))</small>"
      }
      if group.isSwitchedOff { html += " <small class=\"off\">globally switched off</small>" }
      html += " <small>\(count(group.rows.count, "permission"))</small></th></tr>\n"
      for row in group.rows {
        html += "<tr><th class=\"row\">" + permissionLabel(row.definition) + "</th>"
        for (role, cell) in zip(model.roles, row.cells) {
          html += cellHTML(cell, role: role, what: row.definition.key.rawValue)
        }
        html += "</tr>\n"
      }
      html += "</tbody>\n"
    }
    html += "</table>\n</section>\n"
    return html
  }

  /// The role × target-state table of one workflow.
  private static func workflowSection(
    _ table: MatrixModel.WorkflowTable, index: Int, roles: [Role]
  ) -> String {
    let workflow = table.workflow
    var html = "<section id=\"workflow-\(index)\">\n"
    html += "<h2>Workflow <code>\(escape(workflow.id.rawValue))</code></h2>\n"
    html += "<p class=\"note\">Who may move a resource into each target state (its enter permission"
    if let base = workflow.basePermission {
      html += ", plus <code>\(escape(base.rawValue))</code>, needed for every transition"
    }
    html += "). Initial state: <code>\(escape(workflow.initial.rawValue))</code>.</p>\n"
    html += "<table>\n" + roleHeader(roles, corner: "Target state") + "<tbody>\n"
    for row in table.rows {
      let state = row.state
      html += "<tr><th class=\"row\"><span class=\"state\">\(escape(state.name.rawValue))</span>"
      if state.isTerminal { html += " <span class=\"badge\">terminal</span>" }
      if state.name == workflow.initial { html += " <span class=\"badge\">initial</span>" }
      if let enter = state.enter {
        html += "<small>enter: <code>\(escape(enter.rawValue))</code></small>"
      }
      var from = row.from.map(\.rawValue)
      if row.fromAnyState { from.append("any non-terminal state") }
      if !from.isEmpty {
        html += "<small>from: " + escape(from.joined(separator: ", ")) + "</small>"
      }
      html += "</th>"
      for (role, cell) in zip(roles, row.cells) {
        html += cellHTML(cell, role: role, what: "\(workflow.id) → \(state.name)")
      }
      html += "</tr>\n"
    }
    html += "</tbody>\n</table>\n</section>\n"
    return html
  }

  /// The sticky header row naming the roles.
  private static func roleHeader(_ roles: [Role], corner: String) -> String {
    var html = "<thead><tr><th class=\"corner\">\(escape(corner))</th>"
    for role in roles {
      html += "<th class=\"role\"><span class=\"role-id\">\(escape(role.id.rawValue))</span>"
      if let name = role.name, name != role.id.rawValue {
        html += "<small>\(escape(name))</small>"
      }
      if role.isSystem { html += "<span class=\"badge\">system</span>" }
      if !role.inherits.isEmpty {
        html +=
          "<small class=\"inherits\">↑ "
          + escape(role.inherits.map(\.rawValue).joined(separator: ", "))
        html += "</small>"
      }
      html += "</th>"
    }
    return html + "</tr></thead>\n"
  }

  /// A permission's row label: the key (module dimmed), description and prerequisites.
  private static func permissionLabel(_ definition: PermissionDefinition) -> String {
    let key = definition.key.rawValue
    var html: String
    if let range = key.range(of: "::") {
      html =
        "<code><span class=\"dim\">\(escape(String(key[..<range.upperBound])))</span>"
        + "\(escape(String(key[range.upperBound...])))</code>"
    } else {
      html = "<code>\(escape(key))</code>"
    }
    if let description = definition.description {
      html += "<small>\(escape(description))</small>"
    }
    if !definition.requires.isEmpty {
      html +=
        "<small class=\"requires\">requires "
        + escape(definition.requires.map(\.rawValue).joined(separator: ", ")) + "</small>"
    }
    return html
  }

  /// One cell: class for its colour, tooltip with every source, visible reach and warning.
  private static func cellHTML(_ cell: AccessCell, role: Role, what: String) -> String {
    guard cell.isGranted else { return "<td></td>" }
    let kind =
      cell.isInactive
      ? "inactive" : cell.hasShortfall ? "warn" : cell.inheritedFrom == nil ? "own" : "inherited"
    var tooltip = ["\(role.id) · \(what)"] + CellText.sources(cell)
    if let warning = CellText.warning(cell) { tooltip.append("⚠ " + warning) }
    var html = "<td class=\"\(kind)\" title=\"\(escape(tooltip.joined(separator: "\n")))\">"
    if let scope = cell.scope {
      if let source = cell.source, !source.isOwn, let own = cell.ownScope {
        html += "✓ " + scopeHTML(own) + " " + markHTML(source) + " " + scopeHTML(scope)
      } else {
        html += markHTML(cell.source) + " " + scopeHTML(scope)
      }
    } else {
      html += markHTML(cell.source)
    }
    for (i, condition) in cell.conditions.enumerated() {
      // Conditional-only cells read `✓ shop in QC_REVIEW` on one line.
      let inline = i == 0 && cell.scope == nil
      html +=
        (inline ? " <span class=\"cond inline\">" : "<span class=\"cond\">")
        + scopeHTML(condition.scope) + " in " + escape(CellText.states(condition.states))
        + "</span>"
    }
    if let scope = cell.scope, !cell.shortfalls.isEmpty {
      html += warningHTML(granted: scope, active: cell.activeScope, shortfalls: cell.shortfalls)
    }
    for condition in cell.conditions where !condition.shortfalls.isEmpty {
      html += warningHTML(
        granted: condition.scope, active: condition.activeScope, shortfalls: condition.shortfalls)
    }
    return html + "</td>"
  }

  /// `✓` or `↑ROLE`.
  private static func markHTML(_ source: SourcedGrant?) -> String {
    guard let source, !source.isOwn else { return "<span class=\"check\">✓</span>" }
    return "<span class=\"mark\">↑\(escape(source.from.rawValue))</span>"
  }

  /// A scope pill, coloured by width.
  private static func scopeHTML(_ scope: Scope) -> String {
    "<span class=\"scope s\(scope.rawValue)\">\(scope)</span>"
  }

  /// The visible prerequisite warning of a cell.
  private static func warningHTML(granted: Scope, active: Scope?, shortfalls: [Shortfall])
    -> String
  {
    let names = shortfalls.map { shortfall in
      "<code>\(escape(shortfall.permission.rawValue))</code>"
        + (shortfall.scope.map { " @\($0)" } ?? "")
    }.joined(separator: ", ")
    guard let active else {
      return "<span class=\"alert\">⚠ inactive: missing \(names)</span>"
    }
    return "<span class=\"alert\">⚠ active only at \(scopeHTML(active)): \(names)</span>"
  }

  /// `1 role`, `3 roles`.
  private static func count(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
  }

  /// Escapes text for HTML content and attribute values.
  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\n": result += "&#10;"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// The page's stylesheet.
  private static let style = """
    :root { --border: #d0d7de; --muted: #57606a; --head: #f6f8fa;
      --own: #dafbe1; --own-ink: #116329; --inh: #ddf4ff; --inh-ink: #0a3069;
      --warn: #fff8c5; --warn-ink: #7d4e00; --bad: #ffebe9; --bad-ink: #a40e26; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 13px/1.4 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
      color: #1f2328; background: #fff; }
    header { padding: 20px 24px 8px; }
    h1 { margin: 0 0 4px; font-size: 24px; }
    h2 { margin: 28px 0 8px; font-size: 18px; }
    main { padding: 0 24px 40px; }
    .facts { margin: 0 0 8px; color: var(--muted); }
    nav a { margin-right: 14px; color: #0969da; text-decoration: none; }
    nav a:hover { text-decoration: underline; }
    nav.modules { margin-top: 4px; color: var(--muted); font-size: 12px; }
    nav.modules a { margin: 0 0 0 8px; }
    tbody[id] { scroll-margin-top: 60px; }
    .legend { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin: 12px 0 4px;
      padding: 8px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--head); }
    .legend .item { white-space: nowrap; }
    .swatch { display: inline-block; padding: 2px 6px; border-radius: 4px; border: 1px solid var(--border); }
    .hint { color: var(--muted); }
    .note { color: var(--muted); margin: 4px 0 10px; }
    code { font: 12px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    table { border-collapse: separate; border-spacing: 0; border: 1px solid var(--border);
      border-radius: 6px; }
    th, td { border-right: 1px solid var(--border); border-bottom: 1px solid var(--border);
      padding: 4px 8px; vertical-align: top; text-align: left; }
    th:last-child, td:last-child { border-right: 0; }
    thead th { position: sticky; top: 0; z-index: 2; background: var(--head);
      border-bottom: 2px solid #afb8c1; min-width: 96px; }
    thead th.corner { left: 0; z-index: 3; }
    th.row { position: sticky; left: 0; z-index: 1; background: #fff; font-weight: normal;
      min-width: 280px; max-width: 360px; }
    th.row small, th.role small { display: block; color: var(--muted); font-size: 11px; }
    th.row small.requires { color: #8250df; }
    .role-id { display: block; font-weight: 600; }
    .dim { color: #8c959f; }
    tr.group th { position: sticky; left: 0; background: #eaeef2; font-size: 13px; padding: 6px 8px; }
    tr.group th span { font-weight: 700; text-transform: uppercase; letter-spacing: .04em; }
    tr.group th small { margin-left: 8px; font-weight: normal; color: var(--muted); }
    tr.group th small.off { color: var(--bad-ink); }
    tbody tr:hover td, tbody tr:hover th.row { outline: 1px solid #afb8c1; outline-offset: -1px; }
    td { white-space: nowrap; }
    td.own, .swatch.own { background: var(--own); color: var(--own-ink); }
    td.inherited, .swatch.inherited { background: var(--inh); color: var(--inh-ink); }
    td.warn, .swatch.warn { background: var(--warn); color: var(--warn-ink); }
    td.inactive, .swatch.inactive { background: var(--bad); color: var(--bad-ink); }
    .check { font-weight: 700; }
    .mark { font-weight: 600; }
    .scope { display: inline-block; padding: 0 5px; border-radius: 8px; font-size: 11px;
      line-height: 16px; background: #fff; border: 1px solid currentColor; opacity: .9; }
    .scope.s0 { color: #57606a; } .scope.s1 { color: #1a7f37; }
    .scope.s2 { color: #0969da; } .scope.s3 { color: #8250df; }
    .cond { display: block; font-size: 11px; }
    .cond.inline { display: inline; }
    .alert { display: block; font-size: 11px; white-space: normal; max-width: 220px; }
    .alert code { font-size: 11px; }
    .state { font-weight: 600; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    .badge { display: inline-block; margin: 2px 4px 0 0; padding: 0 5px; border-radius: 8px;
      font-size: 10px; font-weight: 600; background: #fff; border: 1px solid var(--border);
      color: var(--muted); vertical-align: middle; }
    .legend-scopes .scope { vertical-align: baseline; }
    """
}
