/// An API key as the directory stores it: whose it is, what it may do, until when. The
/// secret itself is never stored, only its SHA-256 digest.
///
/// A key belongs to one user in one organization; its effective permissions are that
/// user's permissions there intersected with its scope's permission patterns (set in the
/// policy's security section). An expired, revoked or unknown key, or one presented for a
/// different user, is denied ``DenyReason/apiKeyInvalid``.
public struct APIKey: Sendable, Hashable {
  /// The key's public id, the part of the secret between `clr_` and the next `_`.
  public var id: String
  /// The user the key acts for.
  public var user: UserID
  /// The organization the key is for; it reaches only that membership.
  public var org: OrgID
  /// What the key may do.
  public var scope: APIKeyScope
  /// The SHA-256 digest of the whole secret.
  public var digest: SHA256Digest
  /// When it was issued.
  public var created: Timestamp
  /// When it stops working; nil for never.
  public var expires: Timestamp?
  /// A revoked key never works again.
  public var isRevoked: Bool
  /// A name for people ("Inventory Sync").
  public var name: String?

  /// Creates a stored key.
  public init(
    id: String, user: UserID, org: OrgID, scope: APIKeyScope, digest: SHA256Digest,
    created: Timestamp, expires: Timestamp? = nil, isRevoked: Bool = false, name: String? = nil
  ) {
    self.id = id
    self.user = user
    self.org = org
    self.scope = scope
    self.digest = digest
    self.created = created
    self.expires = expires
    self.isRevoked = isRevoked
    self.name = name
  }

  /// Whether the key works at `now`: not revoked and not yet expired.
  public func isUsable(at now: Timestamp) -> Bool {
    !isRevoked && (expires.map { now < $0 } ?? true)
  }

  /// Whether `secret` is this key's secret, compared in constant time.
  public func matches(_ secret: String) -> Bool {
    SHA256.hash(secret.utf8) == digest
  }

  /// Whether the key presented is this key: its digest is this key's digest, compared in
  /// constant time (the digest was computed when the key was presented). A malformed key
  /// matches none.
  public func matches(_ presented: PresentedAPIKey) -> Bool {
    presented.isWellFormed && presented.secretDigest == digest
  }
}

/// What an API key may do; the policy maps each scope to permission patterns.
public enum APIKeyScope: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// View data.
  case read
  /// Create and update data.
  case write
  /// Full access, user management and settings included.
  case admin

  /// `read`, `write` or `admin`.
  public var description: String { rawValue }
}

/// How long a new API key works.
public enum APIKeyExpiry: Sendable, Hashable, CaseIterable {
  /// 30 days.
  case days30
  /// 90 days (the recommended rotation).
  case days90
  /// 180 days.
  case days180
  /// Never expires.
  case never

  /// The days it lasts; nil for never.
  public var days: Int? {
    switch self {
    case .days30: 30
    case .days90: 90
    case .days180: 180
    case .never: nil
    }
  }

  /// `30d`, `90d`, `180d` or `never`: the expiry's name in operations.
  public var name: String { days.map { "\($0)d" } ?? "never" }

  /// The expiry named `30d`, `90d`, `180d` or `never`; nil for other names.
  public init?(name: String) {
    guard let match = Self.allCases.first(where: { $0.name.utf8.elementsEqual(name.utf8) })
    else { return nil }
    self = match
  }

  /// The expiry lasting `days` (30, 90 or 180), or ``never`` for nil; nil for other counts.
  public init?(days: Int?) {
    guard let match = Self.allCases.first(where: { $0.days == days }) else { return nil }
    self = match
  }
}
