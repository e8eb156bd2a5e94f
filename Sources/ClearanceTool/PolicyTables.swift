import Clearance
import Foundation

/// What roles may do, computed from the compiled policy alone (no directory): the data
/// behind `clearance matrix`.
///
/// The library answers per user (`effectivePermissions(of:in:)`); the matrix needs the
/// same answer per role, with the role's own grants told apart from inherited ones. The
/// compiled policy supplies each role's grants with their sources and expansions
/// (`grants(of:)`) and each permission's transitive prerequisites (`prerequisites(of:)`);
/// this type lays them out by catalog index.
struct RoleAccess {
  /// The compiled policy the tables describe.
  let compiled: CompiledPolicy
  /// Permission keys in catalog order.
  let keys: [PermissionKey]
  /// Index of each key in `keys`.
  let keyIndex: [PermissionKey: Int]
  /// For each permission, every permission it transitively requires (catalog order).
  let prerequisites: [[Int]]

  /// Prepares the lookups for `compiled`.
  init(_ compiled: CompiledPolicy) {
    self.compiled = compiled
    keys = compiled.permissions
    var keyIndex: [PermissionKey: Int] = [:]
    for (i, key) in keys.enumerated() { keyIndex[key] = i }
    self.keyIndex = keyIndex
    prerequisites = keys.map { key in
      compiled.prerequisites(of: key).compactMap { keyIndex[$0] }.sorted()
    }
  }

  /// Every grant a role holds, by catalog index, each with where it comes from. A
  /// soft-deleted role holds nothing; a deleted ancestor contributes nothing.
  func grants(of role: RoleID) -> [[SourcedGrant]] {
    var result = [[SourcedGrant]](repeating: [], count: keys.count)
    for held in compiled.grants(of: role) {
      let (from, via): (RoleID, [RoleID]) =
        switch held.source {
        case .inherited(let from, let via): (from, via)
        case .role, .direct: (role, [role])
        }
      let source = SourcedGrant(grant: held.grant, from: from, via: via)
      for key in held.permissions {
        if let p = keyIndex[key] { result[p].append(source) }
      }
    }
    return result
  }

  /// The matrix cell of a role for `needs`: the first permission is the one shown; all of
  /// them (and their prerequisites) must be active together, as a workflow target's enter
  /// permission and the workflow's base permission must.
  func cell(_ held: [[SourcedGrant]], needs: [Int]) -> AccessCell {
    guard let main = needs.first, !held[main].isEmpty else { return AccessCell() }
    var cell = AccessCell()
    cell.sources = held[main]

    var dependencies: [Int] = []
    for p in needs {
      for q in [p] + prerequisites[p] where q != main && !dependencies.contains(q) {
        dependencies.append(q)
      }
    }
    dependencies.sort()

    let own = held[main].filter(\.isOwn)
    cell.isOwn = !own.isEmpty
    cell.ownScope = own.filter { $0.grant.states == nil }.map(\.grant.scope).max()
    // The source shown: the nearest role giving the widest unconditional scope, or the
    // nearest role at all when every grant carries a state condition.
    let unconditional = held[main].filter { $0.grant.states == nil }
    cell.scope = unconditional.map(\.grant.scope).max()
    if let widest = cell.scope {
      cell.source = unconditional.filter { $0.grant.scope == widest }
        .min { $0.via.count < $1.via.count }
    } else {
      cell.source = held[main].min { $0.via.count < $1.via.count }
    }

    let reach = reachInState(held, main: main, dependencies: dependencies, state: nil)
    cell.activeScope = reach.active
    cell.shortfalls = reach.shortfalls

    var states: [StateName] = []
    for source in held[main] {
      for state in source.grant.states ?? [] where !states.contains(state) {
        states.append(state)
      }
    }
    for state in states {
      let inState = reachInState(held, main: main, dependencies: dependencies, state: state)
      guard let granted = inState.granted, cell.scope.map({ granted > $0 }) ?? true else {
        continue
      }
      if let last = cell.conditions.last, last.scope == granted,
        last.activeScope == inState.active, last.shortfalls == inState.shortfalls
      {
        cell.conditions[cell.conditions.count - 1].states.append(state)
      } else {
        cell.conditions.append(
          ConditionalReach(
            states: [state], scope: granted, activeScope: inState.active,
            shortfalls: inState.shortfalls))
      }
    }
    return cell
  }

  /// The widest scope at which `p` is covered for a resource in `state` (nil: no state).
  func grantedScope(_ held: [[SourcedGrant]], _ p: Int, state: StateName?) -> Scope? {
    held[p].filter { source in
      guard let states = source.grant.states else { return true }
      return state.map(states.contains) ?? false
    }.map(\.grant.scope).max()
  }

  /// How far `main` reaches in `state`, and how far it is active given `dependencies`.
  private func reachInState(
    _ held: [[SourcedGrant]], main: Int, dependencies: [Int], state: StateName?
  ) -> (granted: Scope?, active: Scope?, shortfalls: [Shortfall]) {
    guard let granted = grantedScope(held, main, state: state) else { return (nil, nil, []) }
    var active: Scope? = granted
    var shortfalls: [Shortfall] = []
    for q in dependencies {
      let reach = grantedScope(held, q, state: state)
      if let reach, reach >= granted { continue }
      shortfalls.append(Shortfall(permission: keys[q], scope: reach))
      active = reach.flatMap { r in active.map { min($0, r) } }
    }
    return (granted, active, shortfalls)
  }
}

/// A grant a role holds, with the role that declares it.
struct SourcedGrant: Hashable {
  /// The grant as written in the policy.
  let grant: Grant
  /// The role that declares the grant.
  let from: RoleID
  /// The inheritance path from the role holding it to `from` (just the role when own).
  let via: [RoleID]
  /// Whether the holding role declares the grant itself.
  var isOwn: Bool { via.count == 1 }
}

/// A prerequisite that does not reach as far as the permission that needs it.
struct Shortfall: Hashable {
  /// The prerequisite (or the workflow's base permission).
  let permission: PermissionKey
  /// How far the role holds it; nil when it does not hold it at all.
  let scope: Scope?
}

/// Wider reach that a role has only for resources in some states.
struct ConditionalReach: Hashable {
  /// The states the reach applies to.
  var states: [StateName]
  /// The widest granted scope in those states.
  let scope: Scope
  /// The widest active scope in those states; nil when inactive.
  let activeScope: Scope?
  /// Prerequisites that limit it.
  let shortfalls: [Shortfall]
}

/// One cell of a role table: how a role holds one permission (or workflow target).
struct AccessCell {
  /// Every grant that matches, with its source.
  var sources: [SourcedGrant] = []
  /// Whether the role itself grants it (else it is only inherited).
  var isOwn = false
  /// The widest scope of the role's own unconditional grants.
  var ownScope: Scope?
  /// The grant whose source the cell names (see ``RoleAccess/cell(_:needs:)``).
  var source: SourcedGrant?
  /// The widest unconditional scope granted.
  var scope: Scope?
  /// The widest unconditional scope at which it is active (prerequisites applied).
  var activeScope: Scope?
  /// Prerequisites that keep the unconditional grant from being active at `scope`.
  var shortfalls: [Shortfall] = []
  /// Wider reach for resources in some states.
  var conditions: [ConditionalReach] = []

  /// Whether any grant matches.
  var isGranted: Bool { !sources.isEmpty }
  /// Whether some granted reach is not active because of a prerequisite.
  var hasShortfall: Bool {
    !shortfalls.isEmpty || conditions.contains { !$0.shortfalls.isEmpty }
  }
  /// Whether nothing granted is active at all.
  var isInactive: Bool {
    isGranted && (scope == nil || activeScope == nil)
      && conditions.allSatisfy { $0.activeScope == nil }
  }
  /// The role the grant is inherited from, when the role does not grant it itself.
  var inheritedFrom: RoleID? { isOwn ? nil : source?.from }
}

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
