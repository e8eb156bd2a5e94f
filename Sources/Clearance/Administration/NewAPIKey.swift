/// The API key a ``AdministrationOperation/Change/createAPIKey(_:)`` operation issues: for
/// whom, what it may do, until when, and, once issued, its public id and the digest of its
/// secret.
///
/// A host builds it without ``id`` and ``digest``; ``Snapshot/applied(_:)`` draws the
/// secret from the system's secure generator and returns the operation to log with both
/// filled in. Replaying that logged operation stores the same key on every machine, and
/// the secret appears nowhere but in the one ``AppliedOperation`` that issued it.
public struct NewAPIKey: Sendable, Hashable {
  /// The user the key acts for; a member of ``org``.
  public var user: UserID
  /// The organization the key reaches.
  public var org: OrgID
  /// What the key may do (intersected with its user's permissions).
  public var scope: APIKeyScope
  /// How long it works from ``created``.
  public var expiry: APIKeyExpiry
  /// When it is issued: recorded on the operation so that replaying it gives the same
  /// expiry (the library never reads the clock).
  public var created: Timestamp
  /// A name for people ("Inventory Sync"), at most ``maximumNameLength`` UTF-8 bytes.
  public var name: String?
  /// The key's public id (16 hex digits); nil until issued.
  public var id: String?
  /// The SHA-256 digest of the key's secret; nil until issued.
  public var digest: SHA256Digest?

  /// Describes a key to issue; `id` and `digest` are filled when it is issued.
  public init(
    user: UserID, org: OrgID, scope: APIKeyScope, expiry: APIKeyExpiry, created: Timestamp,
    name: String? = nil, id: String? = nil, digest: SHA256Digest? = nil
  ) {
    self.user = user
    self.org = org
    self.scope = scope
    self.expiry = expiry
    self.created = created
    self.name = name
    self.id = id
    self.digest = digest
  }

  /// The longest key name, in UTF-8 bytes.
  public static let maximumNameLength = 200

  /// Whether the key has been issued (its id and digest are known).
  public var isIssued: Bool { id != nil && digest != nil }

  /// The key as the directory stores it, once issued.
  var record: APIKey? {
    guard let id, let digest else { return nil }
    return APIKey(
      id: id, user: user, org: org, scope: scope, digest: digest, created: created,
      expires: expiry.days.map { created.adding(seconds: Int64($0) * secondsPerDay) },
      name: name)
  }

  /// Issues the key with randomness from `generator`: the secret, and this description
  /// with the id and digest filled in.
  func issued(using generator: inout some RandomNumberGenerator) -> (NewAPIKey, IssuedAPIKey) {
    let issued = APIKey.issue(
      user: user, org: org, scope: scope, expiry: expiry, at: created, name: name,
      using: &generator)
    var filled = self
    filled.id = issued.key.id
    filled.digest = issued.key.digest
    return (filled, issued)
  }
}
