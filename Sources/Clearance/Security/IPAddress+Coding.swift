extension IPAddress: Codable {
  /// Decodes an address from its text.
  public init(from decoder: any Decoder) throws {
    self = try decoder.decodeText({ IPAddress($0) }, failure: { "\"\($0)\" is not an IP address" })
  }

  /// Encodes the address as text.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeShorthand(description)
  }
}
