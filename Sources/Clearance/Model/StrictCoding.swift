// The shapes every JSON-shaped Codable conformance of the library shares (policy,
// directory, security, administration, case files). They need only the standard library;
// the ClearanceJSON module pairs them with its own strict JSON reader and writer.
//
// Decoding is strict: an unknown field is an error that names its path, so a misspelt
// field (`inherit` for `inherits`) can never silently weaken or widen a policy. Fields
// with their default value are left out when encoding.

/// A coding key for any field name: object keys that are data (feature names, scopes).
struct AnyCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension Decoder {
  /// Throws if the object being decoded has a field that `Key` does not list.
  package func rejectUnknownFields<Key: CodingKey & CaseIterable>(_: Key.Type) throws {
    let known = Key.allCases.map(\.stringValue).joined(separator: ", ")
    try rejectFields(
      notIn: Array(Key.allCases),
      failure: { "unknown field \"\($0)\" (expected one of: \(known))" })
  }

  /// Throws if the object being decoded has a field not in `allowed`: the first such
  /// field in sorted order, at its path, with the message `failure` gives for its name.
  func rejectFields<Key: CodingKey>(notIn allowed: [Key], failure: (String) -> String) throws {
    let container = try container(keyedBy: AnyCodingKey.self)
    // Field names match by their exact bytes (a `Set<String>` would also accept a
    // canonically equivalent spelling, which the decoder then does not find).
    for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
    where !allowed.contains(where: { $0.stringValue.utf8.elementsEqual(key.stringValue.utf8) }) {
      throw DecodingError.dataCorrupted(
        .init(codingPath: codingPath + [key], debugDescription: failure(key.stringValue)))
    }
  }

  /// The object being decoded, keyed by `Key`, after refusing every field `Key` does not
  /// list (``rejectUnknownFields(_:)``).
  package func strictContainer<Key: CodingKey & CaseIterable>(
    keyedBy _: Key.Type
  ) throws -> KeyedDecodingContainer<Key> {
    try rejectUnknownFields(Key.self)
    return try container(keyedBy: Key.self)
  }

  /// The value when it is written in its short form (a bare string or flag instead of an
  /// object), or nil when it is not.
  func shorthand<T: Decodable>(_: T.Type) -> T? {
    try? singleValueContainer().decode(T.self)
  }

  /// A value written as text, read with `parse`; text `parse` refuses is an error whose
  /// message `failure` gives for it.
  func decodeText<T>(
    _ parse: (String) -> T?, failure: (String) -> String
  ) throws -> T {
    let container = try singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = parse(text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: failure(text))
    }
    return value
  }
}

extension Encoder {
  /// Writes `value` as the whole of the encoded value: the short form of a type that also
  /// has an object form.
  func encodeShorthand(_ value: some Encodable) throws {
    var single = singleValueContainer()
    try single.encode(value)
  }
}

extension KeyedDecodingContainer {
  /// The field's value, or `value` when the field is absent or null.
  func decode<T: Decodable>(_ key: Key, default value: T) throws -> T {
    try decodeIfPresent(T.self, forKey: key) ?? value
  }

  /// A string field naming a case of `T`; a name `T` does not know is an error whose
  /// message `failure` gives for it.
  func decode<T: RawRepresentable>(
    _: T.Type, forKey key: Key, failure: (String) -> String
  ) throws -> T where T.RawValue == String {
    let name = try decode(String.self, forKey: key)
    guard let value = T(rawValue: name) else {
      throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: failure(name))
    }
    return value
  }

  /// An object field whose keys are names of `Name` (`{"read": …, "admin": …}`), absent
  /// meaning empty. Keys are checked in sorted order; the first that `name` refuses is an
  /// error at its path whose message `failure` gives for it.
  func decodeTable<Name: Hashable, Value: Decodable>(
    _ key: Key, keys name: (String) -> Name?, failure: (String) -> String
  ) throws -> [Name: Value] {
    let plain: [String: Value] = try decode(key, default: [:])
    var result: [Name: Value] = [:]
    for text in plain.keys.sorted() {
      guard let parsed = name(text), let value = plain[text] else {
        throw DecodingError.dataCorrupted(
          .init(
            codingPath: codingPath + [key, AnyCodingKey(stringValue: text)],
            debugDescription: failure(text)))
      }
      result[parsed] = value
    }
    return result
  }
}

extension KeyedEncodingContainer {
  /// Writes a collection unless it is empty.
  mutating func encode<T: Encodable & Collection>(nonEmpty value: T, forKey key: Key) throws {
    if !value.isEmpty { try encode(value, forKey: key) }
  }

  /// Writes `true`, or nothing for `false`.
  mutating func encode(flag value: Bool, forKey key: Key) throws {
    if value { try encode(true, forKey: key) }
  }

  /// Writes `value` unless it equals `defaultValue`, the value decoding assumes when the
  /// field is absent.
  mutating func encode<T: Encodable & Equatable>(
    _ value: T, forKey key: Key, default defaultValue: T
  ) throws {
    if value != defaultValue { try encode(value, forKey: key) }
  }
}
