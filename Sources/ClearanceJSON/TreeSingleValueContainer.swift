struct TreeSingleValueContainer: SingleValueEncodingContainer {
  let encoder: TreeEncoder
  var codingPath: [any CodingKey] { encoder.codingPath }

  mutating func encodeNil() { encoder.slot = .value(.null) }
  mutating func encode(_ value: Double) throws {
    encoder.slot = .value(try numberText(value, path: codingPath))
  }
  mutating func encode(_ value: Float) throws {
    encoder.slot = .value(try numberText(value, path: codingPath))
  }
  mutating func encode<T: Encodable>(_ value: T) throws {
    encoder.slot = try TreeEncoder.encode(value, path: codingPath)
  }
}
