extension Timestamp: Codable {
  /// Decodes ISO 8601 text (`2026-03-01T09:30:00Z`).
  public init(from decoder: any Decoder) throws {
    self = try decoder.decodeText(
      { Timestamp(iso8601: $0) },
      failure: { "\"\($0)\" is not an ISO 8601 time such as 2026-03-01T09:30:00Z" })
  }

  /// Encodes ISO 8601 text in UTC.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeShorthand(iso8601)
  }
}
