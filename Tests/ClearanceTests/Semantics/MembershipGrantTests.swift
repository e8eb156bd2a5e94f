import Clearance
import Testing

/// docs/SEMANTICS.md section 4, what a membership holds: role, inherited and direct grants,
/// all additive; prerequisites limit a permission's reach; a deleted role grants nothing.
@Suite("Semantics 4 — what a membership holds")
struct MembershipGrantTests {
  @Test func inheritedGrantsAreAdditiveAcrossSeveralParents() throws {
    let s = try Shop.snapshot()
    // OWNER inherits MANAGER (and through it TECH) and CASHIER.
    let sources = s.effectivePermissions(of: "olga", in: "hq")
      .first { $0.permission == "payments::payment::record" }?.sources.map(\.source)
    #expect(
      sources == [.role("OWNER"), .inherited(from: "CASHIER", via: ["OWNER", "CASHIER"])])
  }

  @Test func prerequisiteLimitsAPermissionToTheReachOfWhatItRequires() throws {
    let s = try Shop.snapshot()
    // BUYER creates orders @tree but has purchasing access only @org.
    #expect(s.can("bea", "purchasing::orders::create", Resource(org: "hq")) == .allow)
    #expect(
      s.can("bea", "purchasing::orders::create", Resource(org: "east")) == .deny(.notPermitted))
    let explanation = s.explain("bea", "purchasing::orders::create", Resource(org: "east"))
    #expect(
      explanation.memberships.first?.permissions.first?.missingPrerequisites == [
        "purchasing::module::access"
      ])
  }

  @Test func softDeletedRoleGrantsNothingButDirectGrantsStillApply() throws {
    let s = try Shop.snapshot()
    #expect(s.can("ret", "tickets::ticket::read", Resource(org: "hq")) == .deny(.notPermitted))
    #expect(s.can("ret", "payments::payment::record", Resource(org: "hq")) == .allow)
  }

  @Test func directGrantsSurviveARoleChange() throws {
    var directory = Shop.directory
    directory.memberships.append(
      Membership(
        user: "cash", org: "east", role: "CASHIER", grants: [Grant("tickets::ticket::read")]))
    let before = try Shop.snapshot(directory)
    directory.memberships[directory.memberships.count - 1].role = "TECH"
    let after = try before.replacingDirectory(directory)
    for s in [before, after] {
      #expect(s.can("cash", "tickets::ticket::read", Resource(org: "east")) == .allow)
    }
  }

  @Test func effectivePermissionsListInactiveOnesWithTheirMissingPrerequisite() throws {
    var directory = Shop.directory
    directory.memberships.append(
      Membership(
        user: "cash", org: "east", role: "CASHIER", grants: [Grant("purchasing::orders::create")]))
    let s = try Shop.snapshot(directory)
    let entry = s.effectivePermissions(of: "cash", in: "east").first {
      $0.permission == "purchasing::orders::create"
    }
    #expect(entry?.scope == nil)
    #expect(entry?.missingPrerequisites == ["purchasing::module::access"])
    #expect(entry?.sources.map(\.source) == [.direct])
  }

  @Test func grantsOfARoleListOwnThenInheritedWithExpansions() throws {
    let compiled = try CompiledPolicy(Shop.policy)
    let grants = compiled.grants(of: "MANAGER")
    #expect(
      grants.map(\.source) == [
        .role("MANAGER"), .inherited(from: "TECH", via: ["MANAGER", "TECH"]),
      ])
    #expect(grants.first?.permissions.count == 5)
    #expect(compiled.grants(of: "RETIRED").isEmpty)
    #expect(compiled.grants(of: "NOBODY").isEmpty)
  }

  @Test func prerequisitesAreTransitive() throws {
    let compiled = try CompiledPolicy(
      Policy(permissions: [
        .init("a::a::a"), .init("a::a::b", requires: ["a::a::a"]),
        .init("a::a::c", requires: ["a::a::b"]),
      ]))
    #expect(compiled.prerequisites(of: "a::a::c") == ["a::a::b", "a::a::a"])
    #expect(compiled.prerequisites(of: "a::a::a") == [])
  }

  @Test func repeatedInheritsRequiresAndShopsCountOnce() throws {
    var policy = Shop.policy
    policy.roles[1].inherits = ["TECH", "TECH"]  // MANAGER
    policy.permissions[1].requires = ["tickets::ticket::read", "tickets::ticket::read"]
    var directory = Shop.directory
    directory.memberships[1].shops = ["north", "north"]  // max
    let repeated = try Snapshot(policy: CompiledPolicy(policy), directory: directory)
    let plain = try Shop.snapshot()
    for user: UserID in ["max", "tina", "olga"] {
      for shop: ShopID? in [nil, "north", "south"] {
        let resource = Resource(org: "hq", shop: shop, assignee: "tina")
        #expect(
          repeated.can(user, "tickets::ticket::edit", resource)
            == plain.can(user, "tickets::ticket::edit", resource))
      }
    }
    #expect(
      try CompiledPolicy(policy).grants(of: "MANAGER").map(\.source)
        == CompiledPolicy(Shop.policy).grants(of: "MANAGER").map(\.source))
  }
}
