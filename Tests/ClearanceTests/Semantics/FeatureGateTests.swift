import Clearance
import Testing

/// docs/SEMANTICS.md section 5, features and plans: a child feature gates the permissions
/// of its first key segment; overrides, then plans, decide per organization; a global
/// switch beats both.
@Suite("Semantics 5 — features and plans")
struct FeatureGateTests {
  @Test func aFeatureOutsideThePlanIsDisabledWith402() throws {
    let s = try Shop.snapshot()
    var directory = Shop.directory
    directory.memberships.append(Membership(user: "cash", org: "west", role: "CASHIER"))
    let withWest = try s.replacingDirectory(directory)
    let decision = withWest.can("cash", "payments::payment::record", Resource(org: "west"))
    #expect(decision == .deny(.featureDisabled))
    #expect(decision.httpStatus == 402)
  }

  @Test func aSubOrganizationInheritsItsAncestorsPlan() throws {
    let s = try Shop.snapshot()
    // east has no plan of its own: hq's pro plan applies.
    #expect(s.can("reg", "tickets::ticket::read", Resource(org: "east")) == .allow)
    #expect(s.can("olga", "payments::payment::record", Resource(org: "hq")) == .allow)
  }

  @Test func aTenantOverrideEnablesAFeatureOutsideThePlanForTheSubtree() throws {
    var directory = Shop.directory
    directory.memberships.append(Membership(user: "cash", org: "west", role: "CASHIER"))
    let s = try Shop.snapshot(directory)
    let overridden = try s.settingFeatureOverride("payments", to: true, for: "west")
    #expect(overridden.can("cash", "payments::payment::record", Resource(org: "west")) == .allow)
    #expect(
      s.can("cash", "payments::payment::record", Resource(org: "west")) == .deny(.featureDisabled))
    let removed = try overridden.removingFeatureOverride("payments", for: "west")
    #expect(
      removed.can("cash", "payments::payment::record", Resource(org: "west"))
        == .deny(.featureDisabled))
  }

  @Test func theNearestOverrideWins() throws {
    let s = try Shop.snapshot()
      .settingFeatureOverride("tickets", to: false, for: "hq")
      .settingFeatureOverride("tickets", to: true, for: "east")
    #expect(s.can("reg", "tickets::ticket::read", Resource(org: "east")) == .allow)
    #expect(s.can("reg", "tickets::ticket::read", Resource(org: "hq")) == .deny(.featureDisabled))
  }

  @Test func aGlobalKillSwitchBeatsEveryOverride() throws {
    let s = try Shop.snapshot()
      .settingFeatureOverride("tickets", to: true, for: "hq")
      .settingGlobalSwitch(of: "tickets", to: false)
    #expect(s.can("olga", "tickets::ticket::read", Resource(org: "hq")) == .deny(.featureDisabled))
    #expect(s.currentPolicy.features[0].children[0].isEnabled == false)
  }

  @Test func aPolicyReplacementKeepsTheGlobalSwitchesSetAtRunTime() throws {
    let s = try Shop.snapshot().settingGlobalSwitch(of: "payments", to: false)
    // The new policy turns purchasing off by default and no longer has a "tickets"
    // feature (its permissions are ungated).
    var next = Shop.policy
    next.features = [
      ParentFeature(
        "money",
        children: [ChildFeature("payments"), ChildFeature("purchasing", isEnabled: false)])
    ]
    next.ungated = ["tickets"]
    next.plans = [Plan("basic", features: []), Plan("pro", features: ["money"])]
    let replaced = try s.replacingPolicy(CompiledPolicy(next))
    // The run-time kill switch survives the replacement ...
    #expect(
      replaced.can("olga", "payments::payment::record", Resource(org: "hq"))
        == .deny(.featureDisabled))
    // ... a switch not touched at run time takes the new policy's value ...
    #expect(
      replaced.can("bea", "purchasing::module::access", Resource(org: "hq"))
        == .deny(.featureDisabled))
    // ... and a feature that no longer exists gates nothing.
    #expect(replaced.can("olga", "tickets::ticket::read", Resource(org: "hq")) == .allow)
    let enabled = replaced.currentPolicy.features.flatMap(\.children).map(\.isEnabled)
    #expect(enabled == [false, false])
  }

  @Test func aPolicyReplacementKeepsASwitchTurnedBackOnAtRunTime() throws {
    var off = Shop.policy
    off.features[1].children[0].isEnabled = false
    let s = try Snapshot(policy: CompiledPolicy(off), directory: Shop.directory)
      .settingGlobalSwitch(of: "payments", to: true)
    let replaced = try s.replacingPolicy(CompiledPolicy(off))
    #expect(replaced.can("olga", "payments::payment::record", Resource(org: "hq")) == .allow)
  }

  @Test func aPlanChangeTakesEffectInTheNextSnapshotOnly() throws {
    let s = try Shop.snapshot()
    let basic = try s.settingPlan("basic", for: "hq")
    #expect(s.can("olga", "payments::payment::record", Resource(org: "hq")) == .allow)
    #expect(
      basic.can("olga", "payments::payment::record", Resource(org: "hq")) == .deny(.featureDisabled)
    )
  }

  @Test func handlesStayValidAcrossFeatureUpdates() throws {
    let s = try Shop.snapshot()
    let olga = s.principal("olga")
    let record = s.action("payments::payment::record")
    let resource = s.resolve(Resource(org: "hq"))
    let flipped = try s.settingFeatureOverride("payments", to: false, for: "hq")
    #expect(flipped.can(olga, record, resource) == .deny(.featureDisabled))
    #expect(s.can(olga, record, resource) == .allow)
  }
}
