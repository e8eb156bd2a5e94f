/// The fields of an object, looked up by the exact UTF-8 bytes of their keys.
struct TapeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let decoder: TapeDecoder

  var codingPath: [any CodingKey] { decoder.codingPath }

  var allKeys: [Key] {
    var keys: [Key] = []
    forEachKey { key in
      if let typed = Key(stringValue: decoder.tape.string(key)) { keys.append(typed) }
    }
    return keys
  }

  /// Calls `body` with each key node not hidden by the mask.
  func forEachKey(_ body: (Int) -> Void) {
    let tape = decoder.tape
    var key = decoder.index + 1
    let end = Int(decoder.node.end)
    while key < end {
      if decoder.mask?.hides(tape, key: key) != true { body(key) }
      key = Int(tape.nodes[key + 1].end)
    }
  }

  /// The index of the value for `key`, or nil.
  func find(_ key: Key) -> Int? {
    let tape = decoder.tape
    let wanted = key.stringValue
    var index = decoder.index + 1
    let end = Int(decoder.node.end)
    while index < end {
      if tape.textEquals(index, wanted) {
        return decoder.mask?.hides(wanted) == true ? nil : index + 1
      }
      index = Int(tape.nodes[index + 1].end)
    }
    return nil
  }

  /// The decoder of the value for `key`; throws "missing field" when there is none.
  func child(_ key: Key) throws -> TapeDecoder {
    guard let index = find(key) else {
      if decoder.mask?.hides(key.stringValue) == true { throw AlreadyReported() }
      throw DecodingError.keyNotFound(
        key, DecodingError.Context(codingPath: codingPath, debugDescription: "missing field"))
    }
    return TapeDecoder(decoder.tape, index)
  }

  func contains(_ key: Key) -> Bool { find(key) != nil }

  func decodeNil(forKey key: Key) throws -> Bool { try child(key).decodeNil() }
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decode(type) }
  func decode(_ type: String.Type, forKey key: Key) throws -> String {
    try child(key).decode(type)
  }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
    try child(key).decode(type)
  }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).decode(type) }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decode(type) }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decode(type) }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decode(type) }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decode(type) }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decode(type) }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decode(type) }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decode(type) }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
    try child(key).decode(type)
  }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
    try child(key).decode(type)
  }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
    try child(key).decode(type)
  }
  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try child(key).decode(type)
  }

  /// Absent, hidden and `null` fields are all nil; one lookup.
  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    guard let index = find(key), decoder.tape.nodes[index].kind != .null else { return nil }
    return try TapeDecoder(decoder.tape, index).decode(type)
  }

  func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
    guard let index = find(key), decoder.tape.nodes[index].kind != .null else { return nil }
    return try TapeDecoder(decoder.tape, index).decode(type)
  }

  func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
    guard let index = find(key), decoder.tape.nodes[index].kind != .null else { return nil }
    return try TapeDecoder(decoder.tape, index).decode(type)
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
    throws -> KeyedDecodingContainer<NestedKey>
  {
    try child(key).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try child(key).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    guard let key = Key(stringValue: "super") else {
      throw DecodingError.keyNotFound(
        PathKey(stringValue: "super"),
        DecodingError.Context(codingPath: codingPath, debugDescription: "missing field"))
    }
    return try child(key)
  }

  func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

/// The elements of an array, in order.
struct TapeUnkeyedContainer: UnkeyedDecodingContainer {
  let tape: JSONTape
  let array: Int
  var cursor: Int
  var currentIndex: Int = 0

  init(tape: JSONTape, array: Int) {
    self.tape = tape
    self.array = array
    self.cursor = array + 1
  }

  var codingPath: [any CodingKey] { tape.codingPath(of: array) }
  var count: Int? { Int(tape.nodes[array].length) }
  var isAtEnd: Bool { cursor >= Int(tape.nodes[array].end) }

  /// The decoder of the next element (not consumed).
  func next() throws -> TapeDecoder {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        Any.self,
        DecodingError.Context(
          codingPath: codingPath + [PathKey(intValue: currentIndex)],
          debugDescription: "the array has only \(currentIndex) elements"))
    }
    return TapeDecoder(tape, cursor)
  }

  mutating func advance() {
    cursor = Int(tape.nodes[cursor].end)
    currentIndex += 1
  }

  mutating func decodeNil() throws -> Bool {
    guard try next().decodeNil() else { return false }
    advance()
    return true
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let value = try next().decode(type)
    advance()
    return value
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    let container = try next().container(keyedBy: type)
    advance()
    return container
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let container = try next().unkeyedContainer()
    advance()
    return container
  }

  mutating func superDecoder() throws -> any Decoder {
    let decoder = try next()
    advance()
    return decoder
  }
}
