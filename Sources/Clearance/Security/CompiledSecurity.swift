/// The policy's security section compiled for the evaluator: each API-key scope as a
/// permission bitset, the step-up permissions as flags, the MFA admin roles as flags.
struct CompiledSecurity: Sendable {
  /// The section as written; nil when the policy has none.
  let settings: SecuritySettings?
  /// `scopeMasks[scope * wordCount + w]`: the permissions each scope reaches, scopes in
  /// ``APIKeyScope/allCases`` order.
  let scopeMasks: [UInt64]
  /// Whether each permission needs a step-up verification.
  let stepUp: [Bool]
  let frozenStepUp: Frozen<Bool>
  let hasStepUp: Bool
  /// Whether each role is an MFA admin role.
  let adminRole: [Bool]

  /// Validates and compiles `settings`, adding every problem to `issues` at its path under
  /// `security`.
  init(
    _ settings: SecuritySettings?, catalog: Catalog, roleIndex: [RoleID: Int32], roleCount: Int,
    wordCount: Int, issues: inout IssueCollector
  ) {
    self.settings = settings
    let count = catalog.keys.count
    var masks = [UInt64](repeating: 0, count: APIKeyScope.allCases.count * wordCount)
    var stepUp = [Bool](repeating: false, count: count)
    var adminRole = [Bool](repeating: false, count: roleCount)
    if let settings {
      for (s, scope) in APIKeyScope.allCases.enumerated() {
        for (i, pattern) in (settings.apiKeyScopes[scope] ?? []).enumerated() {
          let path = "security.apiKeyScopes.\(scope)[\(i)]"
          for p in Self.expand(pattern, path: path, catalog: catalog, issues: &issues) {
            Bits.set(Int(p), in: &masks, base: s * wordCount)
          }
        }
        if let limit = settings.rateLimits[scope] {
          let path = "security.rateLimits.\(scope)"
          if limit.count < 0 || limit.count > RateLimit.maximumCount {
            issues.add(
              path + ".count", .illFormed,
              "\(limit.count) is outside 0...\(RateLimit.maximumCount)")
          }
          if limit.periodSeconds <= 0 || limit.periodSeconds > 366 * secondsPerDay {
            issues.add(path + ".periodSeconds", .illFormed, "must be 1 second to 366 days")
          }
        }
      }
      for (i, pattern) in settings.stepUpPermissions.enumerated() {
        let path = "security.stepUpPermissions[\(i)]"
        for p in Self.expand(pattern, path: path, catalog: catalog, issues: &issues) {
          stepUp[Int(p)] = true
        }
      }
      for (i, role) in settings.mfaAdminRoles.enumerated() {
        if let r = roleIndex[role] {
          adminRole[Int(r)] = true
        } else {
          issues.add("security.mfaAdminRoles[\(i)]", .unknownReference, "unknown role \"\(role)\"")
        }
      }
      Self.checkBounds(settings, issues: &issues)
    }
    scopeMasks = masks
    self.stepUp = stepUp
    frozenStepUp = Frozen(stepUp)
    hasStepUp = stepUp.contains(true)
    self.adminRole = adminRole
  }

  /// The numeric settings within their bounds.
  private static func checkBounds(_ s: SecuritySettings, issues: inout IssueCollector) {
    let year = 366 * secondsPerDay
    let checks: [(String, Bool, String)] = [
      ("mfaGracePeriodDays", (0...366).contains(s.mfaGracePeriodDays), "must be 0 to 366"),
      ("stepUpWindowSeconds", (1...year).contains(s.stepUpWindowSeconds), "must be 1 to 31622400"),
      ("trustedDeviceDays", (0...366).contains(s.trustedDeviceDays), "must be 0 to 366"),
      (
        "sessions.idleTimeoutSeconds", (1...year).contains(s.sessions.idleTimeoutSeconds),
        "must be 1 to 31622400"
      ),
      (
        "sessions.maximumConcurrent", (1...10_000).contains(s.sessions.maximumConcurrent),
        "must be 1 to 10000"
      ),
      (
        "passwords.minimumLength",
        (1...PasswordPolicy.maximumLength).contains(s.passwords.minimumLength),
        "must be 1 to \(PasswordPolicy.maximumLength)"
      ),
      ("passwords.historyCount", (0...100).contains(s.passwords.historyCount), "must be 0 to 100"),
      (
        "passwords.maximumAgeDays",
        s.passwords.maximumAgeDays.map { (1...3660).contains($0) } ?? true,
        "must be 1 to 3660"
      ),
      ("auditRetentionDays", (1...36_600).contains(s.auditRetention.days), "must be 1 to 36600"),
    ]
    for (field, valid, message) in checks where !valid {
      issues.add("security." + field, .illFormed, message)
    }
  }

  /// The permissions a pattern matches; an issue at `path` when it is ill formed or
  /// matches nothing.
  private static func expand(
    _ pattern: PermissionPattern, path: String, catalog: Catalog, issues: inout IssueCollector
  ) -> [Int32] {
    guard let parts = PermissionKeySyntax.pattern(pattern.rawValue) else {
      issues.add(path, .illFormed, "ill-formed permission pattern \"\(pattern)\"")
      return []
    }
    var matcher: [Int32] = []
    for part in parts {
      guard let part else {
        matcher.append(-1)
        continue
      }
      guard let id = catalog.segmentIndex[part] else {
        issues.add(path, .matchesNothing, "pattern \"\(pattern)\" matches no declared permission")
        return []
      }
      matcher.append(id)
    }
    let permissions = catalog.expand(matcher, key: pattern)
    if permissions.isEmpty {
      issues.add(path, .matchesNothing, "pattern \"\(pattern)\" matches no declared permission")
    }
    return permissions
  }

  /// Whether permission `p` is in the scope at `scope` (its index in `allCases`).
  func scope(_ scope: Int, reaches p: Int, wordCount: Int) -> Bool {
    scopeMasks[scope * wordCount + Bits.word(p)] & Bits.mask(p) != 0
  }
}
