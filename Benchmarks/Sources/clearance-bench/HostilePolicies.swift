import Clearance

/// Small policies built to make a compiler spend time or memory (issue 7, section 4):
/// each must compile, or be refused naming a limit, within 5 s and 512 MB. Run one with
/// `--hostile NAME` under `/usr/bin/time -v` to read its peak memory.
enum HostilePolicies {
  /// The cases, by name.
  static let names = [
    "chain", "wide", "requires", "workflows", "states", "permissions", "cycle", "ring",
    "catalog",
  ]

  /// The policy named `name`, or nil.
  static func make(_ name: String) -> Policy? {
    switch name {
    // 2,000 roles, each inheriting the previous.
    case "chain":
      return Policy(
        permissions: ["a::b::c"],
        roles: (0..<2_000).map {
          Role(
            RoleID("r\($0)"), inherits: $0 == 0 ? [] : [RoleID("r\($0 - 1)")],
            grants: $0 == 0 ? [Grant("a::b::c")] : [])
        })
    // One role inheriting 50,000 roles.
    case "wide":
      let roles = (0..<50_000).map { Role(RoleID("r\($0)"), grants: [Grant("a::b::c")]) }
      return Policy(
        permissions: ["a::b::c"],
        roles: roles + [Role("top", inherits: roles.map(\.id))])
    // One permission requiring 100,000 others.
    case "requires":
      let others = (0..<100_000).map { PermissionKey("a::b::p\($0)") }
      return Policy(
        permissions: [PermissionDefinition("a::b::top", requires: others)]
          + others.map { PermissionDefinition($0) },
        roles: [Role("r", grants: [Grant("a::b::*")])])
    // 10,000 workflows of 10 states each.
    case "workflows":
      return Policy(
        permissions: ["a::b::c"],
        workflows: (0..<10_000).map { w in
          workflow(WorkflowID("w\(w)"), states: 10, prefix: "w\(w)_s")
        })
    // One workflow with 50,000 states.
    case "states":
      return Policy(
        permissions: ["a::b::c"], workflows: [workflow("w", states: 50_000, prefix: "s")])
    // 1,000,000 permissions.
    case "permissions":
      return Policy(
        permissions: (0..<1_000_000).map {
          PermissionDefinition(PermissionKey("f\($0 / 10_000)::s\($0 / 100 % 100)::v\($0 % 100)"))
        })
    // 6,000 roles in a chain, each also inheriting the first: 5,999 cycles through it.
    case "cycle":
      return Policy(
        roles: (0..<6_000).map {
          Role(
            RoleID("r\($0)"),
            inherits: ($0 < 5_999 ? [RoleID("r\($0 + 1)")] : []) + ($0 > 0 ? ["r0"] : []))
        })
    // 6,000 roles in a chain whose first role inherits the last: one long cycle.
    case "ring":
      return Policy(
        roles: (0..<6_000).map {
          Role(RoleID("r\($0)"), inherits: [RoleID("r\(($0 + 5_999) % 6_000)")])
        })
    // Not hostile: the scaling group's catalog (10,000 roles × 10,000 permissions).
    case "catalog":
      return ScalingWorkload.catalog(label: "", roles: 10_000, users: 10, seed: 4).policy
    default:
      return nil
    }
  }

  /// A workflow of `states` states in a line, each entered with `a::b::c`.
  static func workflow(_ id: WorkflowID, states: Int, prefix: String) -> Workflow {
    let names = (0..<states).map { StateName("\(prefix)\($0)") }
    return Workflow(
      id,
      states: names.enumerated().map { WorkflowState($1, enter: $0 == 0 ? nil : "a::b::c") },
      initial: names[0],
      transitions: (1..<states).map { Transition(from: names[$0 - 1], to: names[$0]) })
  }

  /// Builds and compiles one case, and prints how long the compile took and its outcome.
  static func run(_ name: String) {
    guard let policy = make(name) else {
      print("unknown case \"\(name)\"; one of: \(names.joined(separator: " "))")
      return
    }
    var best = Double.infinity
    for _ in 0..<(name == "catalog" ? 4 : 0) {
      let start = monotonicNanoseconds()
      sink(UInt64((try? CompiledPolicy(policy))?.permissionCount ?? 0))
      best = min(best, Double(monotonicNanoseconds() - start) / 1e6)
    }
    if best.isFinite { print("\(name): best of 4 further compiles \(formatNumber(best)) ms") }
    let start = monotonicNanoseconds()
    let outcome: String
    do {
      let compiled = try CompiledPolicy(policy)
      outcome = "compiled, \(compiled.permissionCount) permissions"
    } catch {
      let text = error.description
      let first = error.issues.first.map { String($0.description.prefix(160)) } ?? ""
      outcome = "refused: \(error.issues.count) issues, \(text.utf8.count) bytes; first: \(first)"
    }
    let elapsed = Double(monotonicNanoseconds() - start) / 1e6
    print("\(name): \(formatNumber(elapsed)) ms, \(outcome)")
  }
}
