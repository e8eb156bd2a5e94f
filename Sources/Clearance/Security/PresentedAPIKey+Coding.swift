extension PresentedAPIKey: Codable {
  /// Decodes the secret presented (`"clr_…"`); a text not shaped like a key reads as a
  /// malformed key, which every check refuses (as presenting it does).
  public init(from decoder: any Decoder) throws {
    self.init(secret: try decoder.singleValueContainer().decode(String.self))
  }

  /// Encodes the secret as presented. A malformed key's text is not kept, so it is
  /// written as `""`, which reads back as a malformed key: the same value, the same
  /// decisions.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeShorthand(secret ?? "")
  }
}
