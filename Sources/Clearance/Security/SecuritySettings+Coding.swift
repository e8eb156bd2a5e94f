/// Decodes `{"read": …, "write": …, "admin": …}` into a dictionary keyed by scope.
private func decodeByScope<T: Decodable>(
  _ c: KeyedDecodingContainer<SecuritySettings.CodingKeys>, _ key: SecuritySettings.CodingKeys
) throws -> [APIKeyScope: T] {
  try c.decodeTable(
    key, keys: { APIKeyScope(rawValue: $0) },
    failure: { "unknown API key scope \"\($0)\" (expected read, write or admin)" })
}

extension SecuritySettings: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case apiKeyScopes, rateLimits, mfaAdminRoles, mfaGracePeriodDays, stepUpPermissions
    case stepUpWindowSeconds, trustedDeviceDays, sessions, passwords, auditRetentionDays
  }

  /// Decodes a policy's `security` section.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    let defaults = SecuritySettings()
    self.init(
      apiKeyScopes: try decodeByScope(c, .apiKeyScopes),
      rateLimits: try decodeByScope(c, .rateLimits),
      mfaAdminRoles: try c.decode(.mfaAdminRoles, default: []),
      mfaGracePeriodDays: try c.decode(.mfaGracePeriodDays, default: defaults.mfaGracePeriodDays),
      stepUpPermissions: try c.decode(.stepUpPermissions, default: []),
      stepUpWindowSeconds: try c.decode(
        .stepUpWindowSeconds, default: defaults.stepUpWindowSeconds),
      trustedDeviceDays: try c.decode(.trustedDeviceDays, default: defaults.trustedDeviceDays),
      sessions: try c.decode(.sessions, default: defaults.sessions),
      passwords: try c.decode(.passwords, default: defaults.passwords),
      auditRetention: AuditRetention(
        days: try c.decode(.auditRetentionDays, default: defaults.auditRetention.days)))
  }

  /// Encodes the section, scopes in read, write, admin order.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    let defaults = SecuritySettings()
    var scopes = c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .apiKeyScopes)
    for scope in APIKeyScope.allCases {
      if let patterns = apiKeyScopes[scope] {
        try scopes.encode(patterns, forKey: AnyCodingKey(stringValue: scope.rawValue))
      }
    }
    if !rateLimits.isEmpty {
      var limits = c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .rateLimits)
      for scope in APIKeyScope.allCases {
        if let limit = rateLimits[scope] {
          try limits.encode(limit, forKey: AnyCodingKey(stringValue: scope.rawValue))
        }
      }
    }
    try c.encode(nonEmpty: mfaAdminRoles, forKey: .mfaAdminRoles)
    try c.encode(
      mfaGracePeriodDays, forKey: .mfaGracePeriodDays, default: defaults.mfaGracePeriodDays)
    try c.encode(nonEmpty: stepUpPermissions, forKey: .stepUpPermissions)
    try c.encode(
      stepUpWindowSeconds, forKey: .stepUpWindowSeconds, default: defaults.stepUpWindowSeconds)
    try c.encode(trustedDeviceDays, forKey: .trustedDeviceDays, default: defaults.trustedDeviceDays)
    try c.encode(sessions, forKey: .sessions, default: defaults.sessions)
    try c.encode(passwords, forKey: .passwords, default: defaults.passwords)
    try c.encode(
      auditRetention.days, forKey: .auditRetentionDays, default: defaults.auditRetention.days)
  }
}
