import ClearanceTestSupport
import Testing

@testable import Clearance

/// The compiled role table against a naive model, on random policies: roles inheriting
/// from several others (a DAG), patterns of every shape, prerequisite chains across many
/// words, state conditions and soft-deleted roles.
@Suite("Role table model")
struct RoleTableModelTests {
  /// A random policy and what the model says about it.
  struct Case {
    var permissions: [PermissionDefinition] = []
    var roles: [Role] = []
    var states = ["OPEN", "REVIEW", "DONE"]
  }

  static func makeCase(_ random: inout SplitMix64) -> Case {
    var result = Case()
    let modules = 2 + random.below(4)
    let subs = 1 + random.below(4)
    let verbs = ["read", "update", "approve", "delete", "export", "share", "v7", "v8"]
    for m in 0..<modules {
      for s in 0..<subs {
        for (v, verb) in verbs.enumerated() {
          // Prerequisites only on earlier verbs of the same sub-feature: no cycle.
          var requires: [PermissionKey] = []
          for earlier in 0..<v where random.below(4) == 0 {
            requires.append(PermissionKey("m\(m)::s\(s)::\(verbs[earlier])"))
          }
          result.permissions.append(
            PermissionDefinition(PermissionKey("m\(m)::s\(s)::\(verb)"), requires: requires))
        }
      }
    }
    let scopes: [Scope] = [.assigned, .shop, .org, .tree]
    let roleCount = 5 + random.below(40)
    for r in 0..<roleCount {
      var inherits: [RoleID] = []
      if r > 0 {
        for _ in 0..<random.below(4) { inherits.append(RoleID("r\(random.below(r))")) }
      }
      var grants: [Grant] = []
      for _ in 0..<random.below(6) {
        let m = "m\(random.below(modules))"
        let s = "s\(random.below(subs))"
        let v = verbs[random.below(verbs.count)]
        let text: String
        switch random.below(8) {
        case 0: text = "\(m)::\(s)::*"
        case 1: text = "\(m)::*::\(v)"
        case 2: text = "*::\(s)::\(v)"
        case 3: text = random.below(10) == 0 ? "*" : "\(m)::*::*"
        default: text = "\(m)::\(s)::\(v)"
        }
        let states: [StateName]? =
          random.below(4) == 0
          ? (0...random.below(2)).map { _ in StateName(result.states[random.below(3)]) } : nil
        grants.append(
          Grant(PermissionPattern(text), scope: scopes[random.below(4)], states: states))
      }
      result.roles.append(Role(RoleID("r\(r)"), inherits: inherits, grants: grants))
    }
    // Soft-delete some roles nothing inherits from.
    let inherited = Set(result.roles.flatMap { $0.inherits.map(\.rawValue) })
    for r in 0..<roleCount where !inherited.contains("r\(r)") && random.below(5) == 0 {
      result.roles[r].isDeleted = true
    }
    return result
  }

  /// Whether pattern `pattern` matches key `key`, segment by segment.
  static func matches(_ pattern: String, _ key: String) -> Bool {
    if pattern == "*" { return true }
    let p = pattern.split(separator: ":", omittingEmptySubsequences: true)
    let k = key.split(separator: ":", omittingEmptySubsequences: true)
    return p.count == 3 && zip(p, k).allSatisfy { $0 == "*" || $0 == $1 }
  }

  @Test func randomPoliciesMatchTheModel() throws {
    for seed: UInt64 in 1...60 {
      var random = SplitMix64(seed: seed)
      let test = Self.makeCase(&random)
      let compiled = try CompiledPolicy(Policy(permissions: test.permissions, roles: test.roles))
      try check(compiled, test, seed: seed)
    }
  }

  func check(_ compiled: CompiledPolicy, _ test: Case, seed: UInt64) throws {
    let keys = test.permissions.map(\.key.rawValue)
    let index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
    let roleNumber = Dictionary(
      uniqueKeysWithValues: test.roles.enumerated().map { ($1.id.rawValue, $0) })
    // The transitive prerequisites of each permission.
    var needs = [Set<Int>](repeating: [], count: keys.count)
    for p in 0..<keys.count {
      var stack = test.permissions[p].requires.compactMap { index[$0.rawValue] }
      while let q = stack.popLast() {
        if needs[p].insert(q).inserted {
          stack += test.permissions[q].requires.compactMap { index[$0.rawValue] }
        }
      }
    }
    var expansions: [String: [Int]] = [:]
    func expansion(_ pattern: String) -> [Int] {
      if let found = expansions[pattern] { return found }
      let found = (0..<keys.count).filter { Self.matches(pattern, keys[$0]) }
      expansions[pattern] = found
      return found
    }
    for r in 0..<test.roles.count {
      // The role and every role it inherits from.
      var ancestors: Set<Int> = [r]
      var stack = [r]
      while let a = stack.popLast() {
        for parent in test.roles[a].inherits {
          if let q = roleNumber[parent.rawValue], ancestors.insert(q).inserted { stack.append(q) }
        }
      }
      let deleted = test.roles[r].isDeleted
      for level in 0..<4 {
        for state in -1..<test.states.count {
          var covered = Set<Int>()
          for a in ancestors where !deleted {
            for grant in test.roles[a].grants where grant.scope.rawValue >= level {
              if let states = grant.states {
                guard state >= 0, states.contains(StateName(test.states[state])) else { continue }
              }
              covered.formUnion(expansion(grant.permission.rawValue))
            }
          }
          let stateNumber =
            state < 0 ? -1 : Int(compiled.stateIndex[StateName(test.states[state])] ?? -1)
          for p in 0..<keys.count {
            let word = compiled.roleGrants.covered(
              set: r, level: level, word: p >> 6, state: stateNumber)
            #expect(
              (word >> UInt64(p & 63)) & 1 == (covered.contains(p) ? 1 : 0),
              "seed \(seed) role \(r) level \(level) state \(state) permission \(keys[p])")
            guard state < 0 else { continue }
            let active = compiled.roleActive.base[(r * 4 + level) * compiled.wordCount + (p >> 6)]
            let expected = covered.contains(p) && needs[p].isSubset(of: covered)
            #expect(
              (active >> UInt64(p & 63)) & 1 == (expected ? 1 : 0),
              "seed \(seed) role \(r) level \(level) active \(keys[p])")
          }
        }
      }
    }
  }
}
