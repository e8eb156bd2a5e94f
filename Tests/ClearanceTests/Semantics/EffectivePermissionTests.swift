import Clearance
import Testing

/// docs/SEMANTICS.md section 12, effective permissions: every permission a membership's
/// grants match, agreeing with the decision.
@Suite("Semantics 12 — effective permissions")
struct EffectivePermissionTests {
  @Test func aPermissionActiveOnlyUnderAStateConditionListsThoseStates() throws {
    let s = try Shop.snapshot()
    let entry = s.effectivePermissions(of: "sam", in: "hq").first {
      $0.permission == "tickets::ticket::read"
    }
    #expect(entry?.scope == nil)
    #expect(entry?.conditionStates == ["QC_REVIEW"])
    #expect(entry?.missingPrerequisites == [])
  }

  @Test func aDeactivatedUserHasNoEffectivePermissions() throws {
    let s = try Shop.snapshot()
    #expect(s.effectivePermissions(of: "gone", in: "hq").isEmpty)
    let deactivated = try s.settingUser("olga", isActive: false)
    #expect(!s.effectivePermissions(of: "olga", in: "hq").isEmpty)
    #expect(deactivated.effectivePermissions(of: "olga", in: "hq").isEmpty)
    #expect(
      deactivated.can("olga", "tickets::ticket::read", Resource(org: "hq"))
        == .deny(.principalInactive))
  }

  @Test func aMemberOfAnOrganizationThatIsNotLiveHasNoEffectivePermissions() throws {
    var directory = Shop.directory
    directory.memberships.append(Membership(user: "cash", org: "closed-kid", role: "OWNER"))
    directory.memberships.append(Membership(user: "olga", org: "east", role: "OWNER"))
    let s = try Shop.snapshot(directory)
    // closed-kid is active itself, but its parent is not.
    #expect(s.effectivePermissions(of: "cash", in: "closed-kid").isEmpty)
    #expect(
      s.can("cash", "tickets::ticket::read", Resource(org: "closed-kid")) == .deny(.notMember))
    let closed = try s.settingOrganization("hq", isActive: false)
    #expect(!s.effectivePermissions(of: "olga", in: "east").isEmpty)
    #expect(closed.effectivePermissions(of: "olga", in: "east").isEmpty)
    #expect(closed.effectivePermissions(of: "olga", in: "hq").isEmpty)
  }

  @Test func aHostPrincipalsEffectivePermissionsFollowItsStatus() throws {
    let s = try Shop.snapshot()
    let membership = Membership(user: "zed", org: "hq", role: "CASHIER")
    let active = try s.principal(user: "zed", memberships: [membership])
    let inactive = try s.principal(user: "zed", isActive: false, memberships: [membership])
    #expect(
      s.effectivePermissions(of: active, in: "hq").map(\.permission) == [
        "payments::payment::record"
      ])
    #expect(s.effectivePermissions(of: inactive, in: "hq").isEmpty)
  }

  @Test func aPermissionWhoseFeatureIsOffForTheOrgSaysSo() throws {
    let s = try Shop.snapshot().settingFeatureOverride("payments", to: false, for: "hq")
    let entry = s.effectivePermissions(of: "cash", in: "hq").first {
      $0.permission == "payments::payment::record"
    }
    #expect(entry?.scope == .org)
    #expect(entry?.isFeatureEnabled == false)
  }
}
