import Clearance
import ClearanceTestSupport
import Testing

/// The Shop policy and directory with security settings: hq has an allowlist (east
/// inherits it) and MFA for admins (OWNER) since day 0; west has its own list; payments
/// need a step-up.
enum SecureShop {
  static let day: Int64 = 86_400
  static let keyTime = Timestamp(seconds: 0)

  static var policy: Policy {
    var policy = Shop.policy
    policy.security = SecuritySettings(
      apiKeyScopes: [
        .read: ["tickets::ticket::read"], .write: ["tickets::*::*"], .admin: ["*"],
      ],
      rateLimits: [.read: RateLimit(1000), .write: RateLimit(100), .admin: RateLimit(10)],
      mfaAdminRoles: ["OWNER"], stepUpPermissions: ["payments::payment::record"],
      stepUpWindowSeconds: 300)
    return policy
  }

  /// Keys issued with a seeded generator, so that secrets are stable.
  static let keys: [IssuedAPIKey] = {
    var rng = SplitMix64(seed: 7)
    return [
      APIKey.issue(user: "max", org: "hq", scope: .read, expiry: .days30, at: keyTime, using: &rng),
      APIKey.issue(
        user: "tina", org: "east", scope: .write, expiry: .never, at: keyTime, using: &rng),
      APIKey.issue(
        user: "olga", org: "hq", scope: .admin, expiry: .days90, at: keyTime, using: &rng),
    ]
  }()

  static var directory: Directory {
    var directory = Shop.directory
    for i in directory.organizations.indices {
      switch directory.organizations[i].id {
      case "hq":
        directory.organizations[i].security = OrgSecurity(
          ipAllowlist: ["192.168.1.0/24", "2001:db8::/32"],
          mfa: MFAEnforcement(.admins, since: Timestamp(seconds: 0)))
      case "west": directory.organizations[i].security = OrgSecurity(ipAllowlist: ["10.0.0.1"])
      default: break
      }
    }
    directory.apiKeys = keys.map(\.key)
    var revoked = APIKey.issue(user: "max", org: "hq", scope: .admin, expiry: .never, at: keyTime)
      .key
    revoked.isRevoked = true
    directory.apiKeys.append(revoked)
    return directory
  }

  static func snapshot() throws -> Snapshot {
    try Snapshot(policy: CompiledPolicy(policy), directory: directory)
  }

  static func context(
    day d: Int64 = 10, ip: String? = "192.168.1.20", mfa: Int64? = nil, key: Int? = nil,
    trusted: Int64? = nil
  ) -> RequestContext {
    let now = Timestamp(seconds: d * day)
    return RequestContext(
      time: now, clientIP: ip.flatMap(IPAddress.init),
      mfaVerifiedAt: mfa.map { now.adding(seconds: -$0) },
      apiKey: key.map { keys[$0].secret },
      deviceTrustedAt: trusted.map { now.adding(seconds: -$0 * day) })
  }
}

@Suite("Security — decisions with a request context")
struct ContextTests {
  let read = Resource(org: "hq", shop: "north")

  @Test func noSettingsMeansTodaysAnswers() throws {
    let s = try Shop.snapshot()
    let context = RequestContext(time: Timestamp(seconds: 0))
    for user in ["olga", "max", "tina", "gone", "nobody"] as [UserID] {
      for org in ["hq", "east", "other", "closed", "nowhere"] as [OrgID] {
        let resource = Resource(org: org, shop: "north")
        #expect(
          s.can(user, "tickets::ticket::edit", resource, context: context)
            == s.can(user, "tickets::ticket::edit", resource))
      }
    }
  }

  @Test func allowlistAppliesAndIsInherited() throws {
    let s = try SecureShop.snapshot()
    #expect(s.can("max", "tickets::ticket::read", read, context: SecureShop.context()) == .allow)
    #expect(
      s.can("max", "tickets::ticket::read", read, context: SecureShop.context(ip: "192.168.2.1"))
        == .deny(.ipNotAllowed))
    #expect(
      s.can("max", "tickets::ticket::read", read, context: SecureShop.context(ip: nil))
        == .deny(.ipNotAllowed))
    #expect(
      s.can(
        "max", "tickets::ticket::read", read, context: SecureShop.context(ip: "::ffff:192.168.1.9"))
        == .allow)
    // Without a context, an organization with an allowlist denies.
    #expect(s.can("max", "tickets::ticket::read", read) == .deny(.ipNotAllowed))
    // east has no list of its own: hq's applies.
    let harbor = Resource(org: "east", shop: "harbor")
    #expect(s.can("tina", "tickets::ticket::edit", harbor, context: SecureShop.context()) == .allow)
    #expect(
      s.can("tina", "tickets::ticket::edit", harbor, context: SecureShop.context(ip: "10.0.0.1"))
        == .deny(.ipNotAllowed))
    // "other" has no settings at all.
    #expect(s.can("reg", "tickets::ticket::read", Resource(org: "other")) == .deny(.notMember))
    let explanation = s.explain(
      "max", "tickets::ticket::read", read, context: SecureShop.context(ip: "10.1.1.1"))
    #expect(explanation.decision == .deny(.ipNotAllowed))
    #expect(
      explanation.checks.first { $0.step == .ipAllowlist }?.detail
        == "10.1.1.1 is outside the allowlist of hq")
  }

  @Test func mfaForAdminsWithGracePeriodAndTrustedDevices() throws {
    let s = try SecureShop.snapshot()
    let all = Resource(org: "hq")
    // OWNER is an admin role: within 7 days of enforcement no MFA is needed.
    #expect(
      s.can("olga", "tickets::ticket::edit", all, context: SecureShop.context(day: 6)) == .allow)
    #expect(
      s.can("olga", "tickets::ticket::edit", all, context: SecureShop.context(day: 7))
        == .deny(.mfaRequired))
    #expect(
      s.can("olga", "tickets::ticket::edit", all, context: SecureShop.context(day: 7, mfa: 3600))
        == .allow)
    #expect(
      s.can("olga", "tickets::ticket::edit", all, context: SecureShop.context(day: 8, trusted: 29))
        == .allow)
    #expect(
      s.can("olga", "tickets::ticket::edit", all, context: SecureShop.context(day: 40, trusted: 30))
        == .deny(.mfaRequired))
    // MANAGER is not an admin role.
    #expect(
      s.can("max", "tickets::ticket::edit", read, context: SecureShop.context(day: 30)) == .allow)
    let explanation = s.explain(
      "olga", "tickets::ticket::edit", all, context: SecureShop.context(day: 9))
    #expect(explanation.checks.first { $0.step == .mfa }?.outcome == .failed)
  }

  @Test func stepUpNeedsAFreshVerification() throws {
    let s = try SecureShop.snapshot()
    let pay = Resource(org: "other")
    // cash is CASHIER in hq (no admin role); payments need step-up everywhere.
    let hq = Resource(org: "hq")
    #expect(
      s.can("cash", "payments::payment::record", hq, context: SecureShop.context(mfa: 60)) == .allow
    )
    #expect(
      s.can("cash", "payments::payment::record", hq, context: SecureShop.context(mfa: 301))
        == .deny(.mfaRequired))
    #expect(
      s.can("cash", "payments::payment::record", hq, context: SecureShop.context(trusted: 1))
        == .deny(.mfaRequired))
    #expect(s.can("cash", "payments::payment::record", pay) == .deny(.notMember))
  }

  @Test func apiKeysAreCheckedForOwnerExpiryRevocationAndScope() throws {
    let s = try SecureShop.snapshot()
    let context = SecureShop.context(key: 0)
    #expect(s.can("max", "tickets::ticket::read", read, context: context) == .allow)
    #expect(s.can("max", "tickets::ticket::edit", read, context: context) == .deny(.apiKeyScope))
    #expect(s.can("tina", "tickets::ticket::read", read, context: context) == .deny(.apiKeyInvalid))
    #expect(
      s.can("max", "tickets::ticket::read", read, context: SecureShop.context(day: 30, key: 0))
        == .deny(.apiKeyInvalid))
    var forged = context
    let secret = SecureShop.keys[0].secret
    forged.apiKey = PresentedAPIKey(
      secret: String(secret.dropLast()) + (secret.hasSuffix("0") ? "1" : "0"))
    #expect(s.can("max", "tickets::ticket::read", read, context: forged) == .deny(.apiKeyInvalid))
    // The key is for east only: tina's hq membership is out of its reach.
    let east = SecureShop.context(key: 1)
    #expect(
      s.can("tina", "tickets::ticket::edit", Resource(org: "east", shop: "harbor"), context: east)
        == .allow)
    #expect(
      s.can("tina", "tickets::ticket::read", Resource(org: "hq", assignee: "tina"), context: east)
        == .deny(.notMember))
    // Scope applies after the permission: max's read key for something he lacks.
    #expect(
      s.can(
        "max", "payments::payment::record", Resource(org: "hq"),
        context: SecureShop.context(mfa: 1, key: 0))
        == .deny(.notPermitted))
    let explanation = s.explain("max", "tickets::ticket::edit", read, context: context)
    #expect(explanation.checks.first { $0.step == .apiKey }?.outcome == .passed)
    #expect(explanation.checks.first { $0.step == .permission }?.outcome == .failed)
  }

  @Test func closestMembershipGivesTheReason() throws {
    // tina: TECH in hq, MANAGER in east. For an east resource, the east membership (org
    // relation) is closer than hq (tree, and TECH has nothing at tree anyway).
    var directory = SecureShop.directory
    if let i = directory.organizations.firstIndex(where: { $0.id == "east" }) {
      directory.organizations[i].security = OrgSecurity(
        mfa: MFAEnforcement(.required, since: Timestamp(seconds: 0)))
    }
    let s = try Snapshot(policy: CompiledPolicy(SecureShop.policy), directory: directory)
    #expect(
      s.can(
        "tina", "tickets::ticket::edit", Resource(org: "east", shop: "harbor"),
        context: SecureShop.context(day: 20))
        == .deny(.mfaRequired))
  }

  @Test func settingsAreValidatedWithPaths() throws {
    var policy = SecureShop.policy
    policy.security?.apiKeyScopes[.read] = ["nothing::at::all"]
    policy.security?.mfaAdminRoles = ["GHOST"]
    policy.security?.stepUpWindowSeconds = 0
    expectIssues(
      [
        "security.apiKeyScopes.read[0]: pattern \"nothing::at::all\" matches no declared permission",
        "security.mfaAdminRoles[0]: unknown role \"GHOST\"",
        "security.stepUpWindowSeconds: must be 1 to 31622400",
      ], compiling: policy)
    var directory = SecureShop.directory
    directory.organizations[0].security.ipAllowlist = ["10.0.0.0/8", "300.1.1.1"]
    directory.apiKeys[0].user = "ghost"
    try expectIssues(
      [
        "organizations[0].security.ipAllowlist[1]: \"300.1.1.1\": not an IP address",
        "apiKeys[0].user: unknown user \"ghost\"",
      ], loading: directory, policy: SecureShop.policy)
  }

  /// Organizations setting the same entries share one compiled list: decisions are those of
  /// lists written differently with the same meaning, and a malformed list is reported at
  /// every place it is set.
  @Test func identicalAllowlistsAreSharedWithoutChangingDecisions() throws {
    let hq = ["192.168.1.0/24", "2001:db8::/32"]
    func snapshot(west: [String]) throws -> Snapshot {
      var directory = SecureShop.directory
      for i in directory.organizations.indices where directory.organizations[i].id == "west" {
        directory.organizations[i].security = OrgSecurity(ipAllowlist: west)
      }
      return try Snapshot(policy: CompiledPolicy(SecureShop.policy), directory: directory)
    }
    let shared = try snapshot(west: hq)
    let separate = try snapshot(west: ["2001:db8:0::/32", "192.168.1.0/24"])
    for ip in ["192.168.1.20", "192.168.2.1", "10.0.0.1", "2001:db8::7", "::ffff:192.168.1.9"] {
      for org in ["hq", "west", "east"] as [OrgID] {
        for user in ["max", "olga", "tina"] as [UserID] {
          let context = SecureShop.context(ip: ip)
          let resource = Resource(org: org)
          #expect(
            shared.can(user, "tickets::ticket::read", resource, context: context)
              == separate.can(user, "tickets::ticket::read", resource, context: context),
            "\(user) in \(org) from \(ip)")
        }
      }
    }
    var directory = SecureShop.directory
    var places: [String] = []
    for (i, org) in directory.organizations.enumerated() where org.id == "hq" || org.id == "west" {
      directory.organizations[i].security.ipAllowlist = ["300.1.1.1"]
      places.append(
        "organizations[\(i)].security.ipAllowlist[0]: \"300.1.1.1\": not an IP address")
    }
    try expectIssues(places, loading: directory, policy: SecureShop.policy)
  }
}
