/// The policy's security section (docs/SEMANTICS.md section 9): what API-key scopes reach, rate limits,
/// which roles count as admins for MFA, which permissions need a fresh MFA verification,
/// and the session, password and audit rules.
///
/// A policy without one (``Policy/security`` nil) has no step-up permissions, and API
/// keys of its directory reach nothing (a scope with no patterns grants nothing).
public struct SecuritySettings: Sendable, Hashable {
  /// The permission patterns each API-key scope reaches (docs/SEMANTICS.md section 2 patterns).
  public var apiKeyScopes: [APIKeyScope: [PermissionPattern]]
  /// Requests per hour (or other period) for a key of each scope; a scope without a limit
  /// is not limited.
  public var rateLimits: [APIKeyScope: RateLimit]
  /// The roles MFA enforcement `admins` applies to.
  public var mfaAdminRoles: [RoleID]
  /// Days after enforcement is switched on during which it is not yet applied.
  public var mfaGracePeriodDays: Int
  /// Permissions that need an MFA verification within ``stepUpWindowSeconds`` (revealing
  /// a secret), whatever the organization's enforcement.
  public var stepUpPermissions: [PermissionPattern]
  /// How recent a step-up verification must be, in seconds.
  public var stepUpWindowSeconds: Int64
  /// Days a device marked "remember this device" stands in for MFA (not for step-up).
  public var trustedDeviceDays: Int
  /// Idle timeout and concurrent-session limit.
  public var sessions: SessionPolicy
  /// Password rules.
  public var passwords: PasswordPolicy
  /// How long audit events are kept.
  public var auditRetention: AuditRetention

  /// Creates a security section; the defaults are RepairOps': 7 days of MFA grace, a
  /// 5-minute step-up window, 30-day trusted devices, 30-minute idle sessions (5 at most),
  /// 12-character passwords, 90 days of audit.
  public init(
    apiKeyScopes: [APIKeyScope: [PermissionPattern]] = [:],
    rateLimits: [APIKeyScope: RateLimit] = [:],
    mfaAdminRoles: [RoleID] = [],
    mfaGracePeriodDays: Int = 7,
    stepUpPermissions: [PermissionPattern] = [],
    stepUpWindowSeconds: Int64 = 300,
    trustedDeviceDays: Int = 30,
    sessions: SessionPolicy = SessionPolicy(),
    passwords: PasswordPolicy = PasswordPolicy(),
    auditRetention: AuditRetention = .ninetyDays
  ) {
    self.apiKeyScopes = apiKeyScopes
    self.rateLimits = rateLimits
    self.mfaAdminRoles = mfaAdminRoles
    self.mfaGracePeriodDays = mfaGracePeriodDays
    self.stepUpPermissions = stepUpPermissions
    self.stepUpWindowSeconds = stepUpWindowSeconds
    self.trustedDeviceDays = trustedDeviceDays
    self.sessions = sessions
    self.passwords = passwords
    self.auditRetention = auditRetention
  }
}

/// An organization's security settings, kept in the directory.
public struct OrgSecurity: Sendable, Hashable {
  /// Addresses and CIDR blocks requests must come from; nil means the nearest ancestor's
  /// list applies (and none when no ancestor has one). An empty list admits no address.
  public var ipAllowlist: [String]?
  /// MFA enforcement; nil means the nearest ancestor's applies (`optional` when none).
  public var mfa: MFAEnforcement?

  /// Creates settings; both default to the parent's.
  public init(ipAllowlist: [String]? = nil, mfa: MFAEnforcement? = nil) {
    self.ipAllowlist = ipAllowlist
    self.mfa = mfa
  }

  /// Whether nothing is set.
  public var isEmpty: Bool { ipAllowlist == nil && mfa == nil }
}

/// MFA enforcement for an organization, and when it was switched on (the grace period
/// runs from then).
public struct MFAEnforcement: Sendable, Hashable {
  /// Who must use MFA.
  public var level: Level
  /// When enforcement was switched to this level.
  public var since: Timestamp

  /// Creates an enforcement.
  public init(_ level: Level, since: Timestamp) {
    self.level = level
    self.since = since
  }

  /// Who must use MFA.
  public enum Level: String, Sendable, Hashable, CaseIterable {
    /// Nobody (users may).
    case optional
    /// Members whose role is one of the policy's MFA admin roles.
    case admins
    /// Everyone.
    case required
  }
}
