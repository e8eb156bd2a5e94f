/// What a host knows about a request beyond who, what and which resource: the time, and
/// optionally the client's address, the last MFA verification, the API key presented and
/// when the device was marked trusted.
///
/// Pass it to ``Snapshot/can(_:_:_:context:)``. A field the organization's settings need
/// but the context lacks counts against the request: no client IP where an allowlist
/// applies is `ipNotAllowed`; no verification where MFA is enforced is `mfaRequired`.
public struct RequestContext: Sendable, Hashable {
  /// The time of the request.
  public var time: Timestamp
  /// The client's address.
  public var clientIP: IPAddress?
  /// When the user last completed an MFA challenge in this session.
  public var mfaVerifiedAt: Timestamp?
  /// The API key presented (`Authorization: Bearer …`), for requests made with one,
  /// parsed and hashed once (a plain value: the context holds no references).
  public var apiKey: PresentedAPIKey?
  /// When the device was marked "remember this device" (trusted for the policy's days).
  public var deviceTrustedAt: Timestamp?

  /// Creates a context. Inlinable, so that a context built per request costs nothing
  /// beyond its fields. A secret given as `apiKey` is parsed and hashed here
  /// (``PresentedAPIKey/init(secret:)``); a text not shaped like a key is kept as a
  /// malformed key, which every check denies ``DenyReason/apiKeyInvalid``.
  @inlinable
  public init(
    time: Timestamp, clientIP: IPAddress? = nil, mfaVerifiedAt: Timestamp? = nil,
    apiKey: String? = nil, deviceTrustedAt: Timestamp? = nil
  ) {
    self.time = time
    self.clientIP = clientIP
    self.mfaVerifiedAt = mfaVerifiedAt
    self.apiKey = apiKey.map(PresentedAPIKey.init(secret:))
    self.deviceTrustedAt = deviceTrustedAt
  }
}
