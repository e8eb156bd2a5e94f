import ClearanceTestSupport
import Testing

@testable import Clearance

/// The compiled role table: active bits dense, covered-but-inactive bits sparse, and
/// permission keys split on their bytes.
@Suite("Role table")
struct RoleTableTests {
  /// A chain of roles over a catalog with prerequisites: each level of each role covers
  /// exactly what it and its ancestors grant there, and is active exactly where every
  /// prerequisite is covered too.
  @Test func coveredAndActiveMatchANaiveFlattening() throws {
    let seed: UInt64 = 29
    var random = SplitMix64(seed: seed)
    let verbs = ["read", "update", "approve", "delete"]
    var permissions: [PermissionDefinition] = []
    for m in 0..<40 {
      for verb in verbs {
        let required = verb == "read" ? [] : verb == "approve" ? ["update"] : ["read"]
        permissions.append(
          PermissionDefinition(
            PermissionKey("m\(m)::s::\(verb)"),
            requires: required.map { PermissionKey("m\(m)::s::\($0)") }))
      }
    }
    let scopes: [Scope] = [.assigned, .shop, .org, .tree]
    var roles: [Role] = []
    for r in 0..<30 {
      let grants = (0..<4).map { _ in
        let p = Int(random.next() % UInt64(permissions.count))
        return Grant(
          PermissionPattern(permissions[p].key.rawValue), scope: scopes[Int(random.next() % 4)])
      }
      let inherits = r % 5 == 0 ? [] : [RoleID("r\(r - 1)")]
      roles.append(Role(RoleID("r\(r)"), inherits: inherits, grants: grants))
    }
    let compiled = try CompiledPolicy(Policy(permissions: permissions, features: [], roles: roles))
    let index = Dictionary(
      uniqueKeysWithValues: permissions.enumerated().map { ($1.key, $0) })
    for r in 0..<roles.count {
      for level in 0..<4 {
        // Naive: the union over the role and its ancestors of grants reaching `level`.
        var covered = Set<Int>()
        var ancestor = r
        while true {
          for grant in roles[ancestor].grants where grant.scope.rawValue >= level {
            covered.insert(index[PermissionKey(grant.permission.rawValue)] ?? -1)
          }
          if ancestor % 5 == 0 { break }
          ancestor -= 1
        }
        for p in 0..<permissions.count {
          let word = compiled.roleGrants.covered(set: r, level: level, word: p >> 6, state: -1)
          let isCovered = word & (1 << UInt64(p & 63)) != 0
          #expect(isCovered == covered.contains(p), "seed \(seed) role \(r) level \(level) p \(p)")
          let needs = permissions[p].requires.compactMap { index[$0] }
          let closure =
            needs + needs.flatMap { q in permissions[q].requires.compactMap { index[$0] } }
          let isActive = isCovered && closure.allSatisfy(covered.contains)
          let active = compiled.roleActive.base[(r * 4 + level) * compiled.wordCount + (p >> 6)]
          #expect(
            (active & (1 << UInt64(p & 63)) != 0) == isActive, "seed \(seed) role \(r) p \(p)")
        }
      }
    }
  }

  /// Splitting a key on its bytes gives the same segments as splitting it as a string.
  @Test func keySegmentsAgreeWithTheStringSplit() {
    let seed: UInt64 = 31
    var random = SplitMix64(seed: seed)
    let alphabet = ["a", "z", "0", "_", ":", "::", "*", "é", "A", "b9"]
    for _ in 0..<5_000 {
      let length = Int(random.next() % 9)
      let key = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
        .joined()
      let parts = PermissionKeySyntax.split(key)
      let expected =
        parts.count == 3 && parts.allSatisfy { PermissionKeySyntax.isSegment($0) }
        ? parts.map(String.init) : nil
      #expect(PermissionKeySyntax.segments(of: key) == expected, "seed \(seed) key \(key)")
    }
  }
}
