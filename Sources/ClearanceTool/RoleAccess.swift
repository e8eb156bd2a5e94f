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
