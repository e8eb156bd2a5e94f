import Clearance

// Random security settings, API keys and request contexts for the differential suite,
// drawn from their own generator so that the existing corpora stay exactly as they are.

extension CorpusGenerator {
  package static let allowlistPool = [
    "10.0.0.0/30", "10.0.0.4", "10.0.0.8/29", "::ffff:10.0.0.16/124", "2001:db8::/126",
    "10.0.0.0/27",
  ]
  package static let epoch = Timestamp(iso8601: "2026-01-01T00:00:00Z") ?? Timestamp(seconds: 0)
  package static let day: Int64 = 86_400

  /// Adds a security section, organization settings and API keys to `corpus`; returns
  /// the keys' secrets (the directory stores only their digests).
  package mutating func secure(_ corpus: inout Corpus) -> [String] {
    let keys = corpus.policy.permissions.map { PermissionPattern($0.key.rawValue) }
    func patterns(_ count: Int) -> [PermissionPattern] {
      (0..<count).map { _ in rng.percent(10) ? "*" : rng.pick(keys) }
    }
    var settings = SecuritySettings()
    if !keys.isEmpty {
      for scope in APIKeyScope.allCases where rng.percent(85) {
        settings.apiKeyScopes[scope] = patterns(rng.int(in: 1...3))
      }
      settings.stepUpPermissions = patterns(rng.int(in: 0...2))
    }
    settings.mfaAdminRoles = rng.subset(corpus.policy.roles.map(\.id), percent: 40)
    settings.mfaGracePeriodDays = rng.int(in: 0...10)
    settings.stepUpWindowSeconds = Int64(rng.int(in: 60...600))
    settings.trustedDeviceDays = rng.int(in: 0...40)
    corpus.policy.security = settings
    for i in corpus.directory.organizations.indices {
      var security = OrgSecurity()
      if rng.percent(35) { security.ipAllowlist = rng.subset(Self.allowlistPool, percent: 40) }
      if rng.percent(40) {
        let level = rng.pick(MFAEnforcement.Level.allCases)
        security.mfa = MFAEnforcement(
          level, since: Self.epoch.adding(seconds: Int64(rng.int(in: 0...20)) * Self.day))
      }
      corpus.directory.organizations[i].security = security
    }
    var secrets: [String] = []
    var generator = SplitMix64(seed: rng.next())
    let users = corpus.directory.users
    let orgs = corpus.directory.organizations
    for _ in 0..<(users.isEmpty || orgs.isEmpty ? 0 : rng.int(in: 0...5)) {
      let user = rng.pick(users).id
      let org =
        rng.percent(80)
        ? (rng.pickIfAny(corpus.directory.memberships.filter { $0.user == user })?.org
          ?? rng.pick(orgs).id) : rng.pick(orgs).id
      let issued = APIKey.issue(
        user: user, org: org, scope: rng.pick(APIKeyScope.allCases),
        expiry: rng.pick(APIKeyExpiry.allCases),
        at: Self.epoch.adding(seconds: Int64(rng.int(in: -40...10)) * Self.day), using: &generator)
      var key = issued.key
      key.isRevoked = rng.percent(15)
      corpus.directory.apiKeys.append(key)
      secrets.append(issued.secret)
    }
    return secrets
  }

  /// A random context (nil now and then): a time, maybe an address, an MFA verification
  /// (sometimes in the future), a trusted device, and a key (known, or a forged one).
  package mutating func context(secrets: [String]) -> RequestContext? {
    if rng.percent(15) { return nil }
    let now = Self.epoch.adding(
      seconds: Int64(rng.int(in: 0...40)) * Self.day + Int64(rng.int(in: 0...86_399)))
    var context = RequestContext(time: now)
    switch rng.below(5) {
    case 0: context.clientIP = nil
    case 1: context.clientIP = IPAddress("2001:db8::\(rng.int(in: 0...7))")
    case 2: context.clientIP = IPAddress("::ffff:10.0.0.\(rng.int(in: 0...40))")
    default: context.clientIP = IPAddress("10.0.0.\(rng.int(in: 0...40))")
    }
    if rng.percent(60) {
      context.mfaVerifiedAt = now.adding(seconds: Int64(rng.int(in: -60...900)))
    }
    if rng.percent(30) {
      context.deviceTrustedAt = now.adding(seconds: -Int64(rng.int(in: -1...45)) * Self.day)
    }
    if rng.percent(35), let secret = rng.pickIfAny(secrets) {
      context.apiKey = PresentedAPIKey(
        secret: rng.percent(10)
          ? String(secret.dropLast()) + (secret.hasSuffix("a") ? "b" : "a") : secret)
    }
    return context
  }
}
