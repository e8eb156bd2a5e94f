// JSON-shaped Codable conformances for the security model (see `docs/FORMAT.md`), strict
// like the rest of the model's: unknown fields are errors naming their path, and fields
// with their default value are left out when encoding.

extension Timestamp: Codable {
  /// Decodes ISO 8601 text (`2026-03-01T09:30:00Z`).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let time = Timestamp(iso8601: text) else {
      throw DecodingError.dataCorruptedError(
        in: container,
        debugDescription: "\"\(text)\" is not an ISO 8601 time such as 2026-03-01T09:30:00Z")
    }
    self = time
  }

  /// Encodes ISO 8601 text in UTC.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso8601)
  }
}

extension IPAddress: Codable {
  /// Decodes an address from its text.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let address = IPAddress(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "\"\(text)\" is not an IP address")
    }
    self = address
  }

  /// Encodes the address as text.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// Decodes `{"read": …, "write": …, "admin": …}` into a dictionary keyed by scope.
private func decodeByScope<T: Decodable>(
  _ c: KeyedDecodingContainer<SecuritySettings.CodingKeys>, _ key: SecuritySettings.CodingKeys
) throws -> [APIKeyScope: T] {
  let plain: [String: T] = try c.decode(key, default: [:])
  var result: [APIKeyScope: T] = [:]
  for name in plain.keys.sorted() {
    guard let scope = APIKeyScope(rawValue: name), let value = plain[name] else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: c.codingPath + [key, AnyCodingKey(stringValue: name)],
          debugDescription: "unknown API key scope \"\(name)\" (expected read, write or admin)"))
    }
    result[scope] = value
  }
  return result
}

extension SecuritySettings: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case apiKeyScopes, rateLimits, mfaAdminRoles, mfaGracePeriodDays, stepUpPermissions
    case stepUpWindowSeconds, trustedDeviceDays, sessions, passwords, auditRetentionDays
  }

  /// Decodes a policy's `security` section.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
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
    if mfaGracePeriodDays != defaults.mfaGracePeriodDays {
      try c.encode(mfaGracePeriodDays, forKey: .mfaGracePeriodDays)
    }
    try c.encode(nonEmpty: stepUpPermissions, forKey: .stepUpPermissions)
    if stepUpWindowSeconds != defaults.stepUpWindowSeconds {
      try c.encode(stepUpWindowSeconds, forKey: .stepUpWindowSeconds)
    }
    if trustedDeviceDays != defaults.trustedDeviceDays {
      try c.encode(trustedDeviceDays, forKey: .trustedDeviceDays)
    }
    if sessions != defaults.sessions { try c.encode(sessions, forKey: .sessions) }
    if passwords != defaults.passwords { try c.encode(passwords, forKey: .passwords) }
    if auditRetention != defaults.auditRetention {
      try c.encode(auditRetention.days, forKey: .auditRetentionDays)
    }
  }
}

extension RateLimit: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case requests, perSeconds
  }

  /// Decodes `{"requests": 1000, "perSeconds": 3600}` (`perSeconds` defaults to an hour).
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(Int.self, forKey: .requests),
      perSeconds: try c.decode(.perSeconds, default: 3600))
  }

  /// Encodes the limit, leaving out an hour's period.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(count, forKey: .requests)
    if periodSeconds != 3600 { try c.encode(periodSeconds, forKey: .perSeconds) }
  }
}

extension SessionPolicy: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case idleTimeoutSeconds, maximumConcurrent
  }

  /// Decodes session settings; absent fields take the defaults (30 minutes, 5).
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      idleTimeoutSeconds: try c.decode(.idleTimeoutSeconds, default: 1800),
      maximumConcurrent: try c.decode(.maximumConcurrent, default: 5))
  }

  /// Encodes session settings.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(idleTimeoutSeconds, forKey: .idleTimeoutSeconds)
    try c.encode(maximumConcurrent, forKey: .maximumConcurrent)
  }
}

extension PasswordPolicy: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case minimumLength, requiresCharacterClasses, historyCount, maximumAgeDays
  }

  /// Decodes password rules; absent fields take the defaults. `maximumAgeDays: null`
  /// means passwords never expire.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let age: Int? =
      c.contains(.maximumAgeDays) ? try c.decodeIfPresent(Int.self, forKey: .maximumAgeDays) : 90
    self.init(
      minimumLength: try c.decode(.minimumLength, default: 12),
      requiresCharacterClasses: try c.decode(.requiresCharacterClasses, default: true),
      historyCount: try c.decode(.historyCount, default: 5), maximumAgeDays: age)
  }

  /// Encodes password rules.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(minimumLength, forKey: .minimumLength)
    try c.encode(requiresCharacterClasses, forKey: .requiresCharacterClasses)
    try c.encode(historyCount, forKey: .historyCount)
    if let maximumAgeDays {
      try c.encode(maximumAgeDays, forKey: .maximumAgeDays)
    } else {
      try c.encodeNil(forKey: .maximumAgeDays)
    }
  }
}

extension OrgSecurity: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case ipAllowlist, mfa
  }

  /// Decodes an organization's `security` object.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      ipAllowlist: try c.decodeIfPresent([String].self, forKey: .ipAllowlist),
      mfa: try c.decodeIfPresent(MFAEnforcement.self, forKey: .mfa))
  }

  /// Encodes the settings that are set.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(ipAllowlist, forKey: .ipAllowlist)
    try c.encodeIfPresent(mfa, forKey: .mfa)
  }
}

extension MFAEnforcement: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case level, since
  }

  /// Decodes `{"level": "admins", "since": "2026-03-01T00:00:00Z"}`.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let name = try c.decode(String.self, forKey: .level)
    guard let level = Level(rawValue: name) else {
      throw DecodingError.dataCorruptedError(
        forKey: .level, in: c,
        debugDescription: "unknown MFA level \"\(name)\" (expected optional, admins or required)")
    }
    self.init(level, since: try c.decode(Timestamp.self, forKey: .since))
  }

  /// Encodes the enforcement.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(level.rawValue, forKey: .level)
    try c.encode(since, forKey: .since)
  }
}

extension APIKey: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, user, org, scope, digest, created, expires, revoked, name
  }

  /// Decodes a stored key; `digest` is the secret's SHA-256 in hex.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let scopeName = try c.decode(String.self, forKey: .scope)
    guard let scope = APIKeyScope(rawValue: scopeName) else {
      throw DecodingError.dataCorruptedError(
        forKey: .scope, in: c,
        debugDescription: "unknown API key scope \"\(scopeName)\" (expected read, write or admin)")
    }
    let hex = try c.decode(String.self, forKey: .digest)
    guard let digest = SHA256Digest(hex: hex) else {
      throw DecodingError.dataCorruptedError(
        forKey: .digest, in: c, debugDescription: "a digest is 64 hex digits")
    }
    self.init(
      id: try c.decode(String.self, forKey: .id), user: try c.decode(UserID.self, forKey: .user),
      org: try c.decode(OrgID.self, forKey: .org), scope: scope, digest: digest,
      created: try c.decode(Timestamp.self, forKey: .created),
      expires: try c.decodeIfPresent(Timestamp.self, forKey: .expires),
      isRevoked: try c.decode(.revoked, default: false),
      name: try c.decodeIfPresent(String.self, forKey: .name))
  }

  /// Encodes a stored key.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(user, forKey: .user)
    try c.encode(org, forKey: .org)
    try c.encode(scope.rawValue, forKey: .scope)
    try c.encode(digest.hex, forKey: .digest)
    try c.encode(created, forKey: .created)
    try c.encodeIfPresent(expires, forKey: .expires)
    try c.encode(flag: isRevoked, forKey: .revoked)
    try c.encodeIfPresent(name, forKey: .name)
  }
}
