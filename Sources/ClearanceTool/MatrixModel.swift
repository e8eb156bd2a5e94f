import Clearance
import Foundation

/// The two kinds of table `clearance matrix` prints, built from a policy.
struct MatrixModel {
  /// A group of permission rows: one module (first segment of the key).
  struct Group {
    /// The first segment shared by the rows.
    let module: String
    /// The parent feature of the module, when features are declared.
    let parentFeature: FeatureID?
    /// Whether the module's feature is globally switched off.
    let isSwitchedOff: Bool
    /// The rows, in catalog order.
    let rows: [Row]
  }

  /// One permission row.
  struct Row {
    /// The permission.
    let definition: PermissionDefinition
    /// One cell per column role.
    let cells: [AccessCell]
  }

  /// The table of one workflow.
  struct WorkflowTable {
    /// The workflow.
    let workflow: Workflow
    /// One row per target state.
    let rows: [TargetRow]
  }

  /// One target state of a workflow.
  struct TargetRow {
    /// The state.
    let state: WorkflowState
    /// The states it can be entered from, declaration order, `*` not included.
    let from: [StateName]
    /// Whether a `*` transition enters it (from every non-terminal state).
    let fromAnyState: Bool
    /// One cell per column role.
    let cells: [AccessCell]
  }

  /// The table's title (the fixture folder's name).
  let title: String
  /// The roles shown as columns: every live role, in declaration order.
  let roles: [Role]
  /// Soft-deleted roles, left out of the columns because they grant nothing.
  let deletedRoles: [Role]
  /// Permission rows grouped by module, in catalog order of first appearance.
  let groups: [Group]
  /// One table per workflow, in declaration order.
  let workflows: [WorkflowTable]

  /// Builds both tables from a compiled policy.
  init(title: String, compiled: CompiledPolicy) {
    self.title = title
    let policy = compiled.source
    let access = RoleAccess(compiled)
    roles = policy.roles.filter { !$0.isDeleted }
    deletedRoles = policy.roles.filter(\.isDeleted)
    let held = roles.map { access.grants(of: $0.id) }

    var parentOf: [String: FeatureID] = [:]
    var switchedOff: Set<String> = []
    for parent in policy.features {
      for child in parent.children {
        parentOf[child.id.rawValue] = parent.id
        if !child.isEnabled { switchedOff.insert(child.id.rawValue) }
      }
    }
    var modules: [String] = []
    var rowsByModule: [String: [Row]] = [:]
    for (p, definition) in policy.permissions.enumerated() {
      let module = MatrixModel.module(of: definition.key)
      if rowsByModule[module] == nil { modules.append(module) }
      let cells = held.map { access.cell($0, needs: [p]) }
      rowsByModule[module, default: []].append(Row(definition: definition, cells: cells))
    }
    groups = modules.map { module in
      Group(
        module: module, parentFeature: parentOf[module],
        isSwitchedOff: switchedOff.contains(module), rows: rowsByModule[module] ?? [])
    }

    workflows = policy.workflows.map { workflow in
      let base = workflow.basePermission.flatMap { access.keyIndex[$0] }
      var rows: [TargetRow] = []
      for state in workflow.states {
        var from: [StateName] = []
        var fromAnyState = false
        for transition in workflow.transitions where transition.to == state.name {
          if transition.from.rawValue == "*" {
            fromAnyState = true
          } else if !from.contains(transition.from) {
            from.append(transition.from)
          }
        }
        guard !from.isEmpty || fromAnyState || state.enter != nil else { continue }
        let enter = state.enter.flatMap { access.keyIndex[$0] }
        let needs = [enter, base].compactMap { $0 }
        let cells = held.map { grants in
          enter == nil ? AccessCell() : access.cell(grants, needs: needs)
        }
        rows.append(
          TargetRow(state: state, from: from, fromAnyState: fromAnyState, cells: cells))
      }
      return WorkflowTable(workflow: workflow, rows: rows)
    }
  }

  /// The module of a permission: the first segment of its key.
  static func module(of key: PermissionKey) -> String {
    key.rawValue.components(separatedBy: "::").first ?? key.rawValue
  }
}
