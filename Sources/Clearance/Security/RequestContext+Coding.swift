extension RequestContext: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case at, ip, mfaVerifiedAt, apiKey, deviceTrustedAt
  }

  /// Decodes a case file's `context`: `{"at": "…", "ip": "…", "mfaVerifiedAt": "…",
  /// "apiKey": "clr_…", "deviceTrustedAt": "…"}`; only `at` is required. The API key is
  /// parsed here (``PresentedAPIKey``).
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      time: try c.decode(Timestamp.self, forKey: .at),
      clientIP: try c.decodeIfPresent(IPAddress.self, forKey: .ip),
      mfaVerifiedAt: try c.decodeIfPresent(Timestamp.self, forKey: .mfaVerifiedAt),
      deviceTrustedAt: try c.decodeIfPresent(Timestamp.self, forKey: .deviceTrustedAt))
    apiKey = try c.decodeIfPresent(PresentedAPIKey.self, forKey: .apiKey)
  }

  /// Encodes the context's fields that are set; the API key as the secret presented (a
  /// malformed one as `""`, see ``PresentedAPIKey``).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(time, forKey: .at)
    try c.encodeIfPresent(clientIP, forKey: .ip)
    try c.encodeIfPresent(mfaVerifiedAt, forKey: .mfaVerifiedAt)
    try c.encodeIfPresent(apiKey, forKey: .apiKey)
    try c.encodeIfPresent(deviceTrustedAt, forKey: .deviceTrustedAt)
  }
}
