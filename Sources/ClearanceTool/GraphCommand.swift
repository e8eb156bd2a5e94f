import Clearance
import ClearanceJSON
import Foundation

/// `clearance graph`: Graphviz DOT of the role inheritance graph or of one workflow.
struct GraphCommand: Command {
  let name = "graph"
  let summary = "print Graphviz DOT of the role inheritance graph or of a workflow"
  let help = """
    usage: clearance graph FOLDER [--roles | --workflow NAME] [--output FILE]

    Prints a Graphviz DOT graph of the policy of FOLDER. The output is deterministic
    (declaration order throughout), so it can be diffed and committed.

      --roles          (the default) the role inheritance graph: one box per role, an
                       edge from each role to every role it inherits from (parents are
                       drawn above their children); system roles bold, soft-deleted
                       roles and their edges dashed and grey.
      --workflow NAME  the states of workflow NAME: the initial state marked by an arrow
                       from a dot, terminal states as double circles, each transition
                       labelled with the permission needed to enter its target. A
                       transition from `*` (every non-terminal state) is drawn once, from
                       a dashed "any non-terminal state" box.
      --output FILE    write to FILE instead of standard output.

    examples:
      clearance graph Fixtures/opsos | dot -Tsvg > opsos-roles.svg
      clearance graph Fixtures/repairops --workflow ticket | dot -Tpng > ticket.png
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ParsedArguments(
      arguments, options: ["--workflow", "--output"], flags: ["--roles"])
    let folder = try parsed.singleFolder()
    let workflowName = parsed.options["--workflow"]
    if workflowName != nil && parsed.flags.contains("--roles") {
      throw UsageError("--roles and --workflow exclude each other: pick one graph")
    }
    try requireFolder(folder)
    let fixture = try loadFixture(folder)
    let policy = fixture.snapshot.policy.source
    let title = folderTitle(folder)
    let text: String
    if let workflowName {
      guard let workflow = policy.workflows.first(where: { $0.id.rawValue == workflowName })
      else {
        let known = policy.workflows.map(\.id.rawValue)
        throw UsageError(
          "unknown workflow \"\(workflowName)\" in \(title): "
            + (known.isEmpty
              ? "the policy declares no workflows"
              : "known workflows are " + known.joined(separator: ", ")))
      }
      text = DOTGraph.workflow(workflow, title: title)
    } else {
      text = DOTGraph.roles(policy, title: title)
    }
    try emit(text, to: parsed.options["--output"])
    return 0
  }
}

/// Builds Graphviz DOT text from a policy. Only arrays are iterated, so the output is
/// in declaration order and the same on every run.
enum DOTGraph {
  /// The role inheritance graph: edges from a role to each role it inherits from.
  static func roles(_ policy: Policy, title: String) -> String {
    let declared = Set(policy.roles.map(\.id))
    let deleted = Set(policy.roles.filter(\.isDeleted).map(\.id))
    var lines = [
      "// Role inheritance of \(comment(title)): an edge goes from a role to a role it inherits from.",
      "digraph \(quote(title + " roles")) {",
      "  graph [rankdir=BT, labelloc=t, fontname=\"Helvetica\", fontsize=16, nodesep=0.4, ranksep=0.6,",
      "    label=\(quote("\(title): role inheritance (child → parent)"))];",
      "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=12, margin=\"0.15,0.06\"];",
      "  edge [color=\"#57606a\", arrowsize=0.8];",
    ]
    for role in policy.roles {
      var label = [role.id.rawValue]
      if let name = role.name, name != role.id.rawValue { label.append(name) }
      var notes: [String] = []
      if role.isSystem { notes.append("system") }
      if role.isDeleted { notes.append("deleted") }
      notes.append("\(role.grants.count) own grant\(role.grants.count == 1 ? "" : "s")")
      label.append(notes.joined(separator: " · "))
      var attributes = ["label=\(quote(label.joined(separator: "\n")))"]
      if role.isDeleted {
        attributes += ["style=\"rounded,dashed\"", "color=\"#8c959f\"", "fontcolor=\"#8c959f\""]
      } else if role.isSystem {
        attributes += ["style=\"rounded,bold\"", "penwidth=2"]
      }
      lines.append("  \(quote(role.id.rawValue)) [\(attributes.joined(separator: ", "))];")
    }
    for role in policy.roles {
      var seen: Set<RoleID> = []
      for parent in role.inherits where declared.contains(parent) && seen.insert(parent).inserted {
        var edge = "  \(quote(role.id.rawValue)) -> \(quote(parent.rawValue))"
        if deleted.contains(role.id) || deleted.contains(parent) {
          edge += " [style=dashed, color=\"#8c959f\"]"
        }
        lines.append(edge + ";")
      }
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// One workflow: its states, the initial one marked, terminal ones as double circles,
  /// transitions labelled with their target's enter permission.
  static func workflow(_ workflow: Workflow, title: String) -> String {
    var heading = "\(title): workflow \(workflow.id)"
    if let base = workflow.basePermission {
      heading += "\nevery transition also needs \(base)"
    }
    var lines = [
      "// Workflow \(comment(workflow.id.rawValue)) of \(comment(title)); edge labels: the permission needed to enter the target.",
      "digraph \(quote(title + " " + workflow.id.rawValue)) {",
      "  graph [rankdir=TB, labelloc=t, fontname=\"Helvetica\", fontsize=16, nodesep=0.35, ranksep=0.5,",
      "    label=\(quote(heading))];",
      "  node [shape=ellipse, fontname=\"Helvetica\", fontsize=12];",
      "  edge [fontname=\"Helvetica\", fontsize=9, fontcolor=\"#57606a\", color=\"#57606a\", arrowsize=0.8];",
      "  \"@start\" [shape=point, width=0.15, label=\"\"];",
    ]
    let enter = Dictionary(
      workflow.states.map { ($0.name, $0.enter) }, uniquingKeysWith: { first, _ in first })
    for state in workflow.states {
      var attributes = ["label=\(quote(state.name.rawValue))"]
      if state.isTerminal { attributes.append("shape=doublecircle") }
      if state.name == workflow.initial { attributes += ["penwidth=2", "style=bold"] }
      lines.append("  \(quote(node(state.name))) [\(attributes.joined(separator: ", "))];")
    }
    let hasAny = workflow.transitions.contains { $0.from.rawValue == "*" }
    if hasAny {
      let count = workflow.states.filter { !$0.isTerminal }.count
      let label = "any non-terminal state\n(\(count) state\(count == 1 ? "" : "s"))"
      lines.append(
        "  \"@any\" [label=\(quote(label)), shape=box, style=\"rounded,dashed\", "
          + "color=\"#8c959f\", fontcolor=\"#57606a\"];")
    }
    lines.append("  \"@start\" -> \(quote(node(workflow.initial)));")
    var drawn: Set<String> = []
    for transition in workflow.transitions {
      let from = transition.from.rawValue == "*" ? "@any" : node(transition.from)
      let to = node(transition.to)
      guard drawn.insert(from + "\u{0}" + to).inserted else { continue }
      var attributes: [String] = []
      if let permission = enter[transition.to] ?? nil {
        attributes.append("label=\(quote(permission.rawValue))")
      }
      if from == "@any" { attributes += ["style=dashed"] }
      let suffix = attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]"
      lines.append("  \(quote(from)) -> \(quote(to))\(suffix);")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The node id of a state; prefixed so it never collides with `@start` and `@any`.
  private static func node(_ state: StateName) -> String { "state:" + state.rawValue }

  /// A DOT double-quoted string; newlines become centred line breaks.
  static func quote(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": break
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// Text safe inside a `//` comment (no line breaks).
  private static func comment(_ text: String) -> String {
    String(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : Character($0) })
  }
}
