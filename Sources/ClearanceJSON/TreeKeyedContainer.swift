struct TreeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let box: ObjectBox
  let codingPath: [any CodingKey]

  mutating func encodeNil(forKey key: Key) { box.set(key.stringValue, .value(.null)) }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    box.set(key.stringValue, .value(try numberText(value, path: codingPath + [key])))
  }
  mutating func encode(_ value: Float, forKey key: Key) throws {
    box.set(key.stringValue, .value(try numberText(value, path: codingPath + [key])))
  }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    box.set(key.stringValue, try TreeEncoder.encode(value, path: codingPath + [key]))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let nested = ObjectBox()
    box.set(key.stringValue, .object(nested))
    return KeyedEncodingContainer(
      TreeKeyedContainer<NestedKey>(box: nested, codingPath: codingPath + [key]))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let nested = ArrayBox()
    box.set(key.stringValue, .array(nested))
    return TreeUnkeyedContainer(box: nested, codingPath: codingPath + [key])
  }

  mutating func superEncoder() -> any Encoder {
    superEncoder(key: PathKey(stringValue: "super"))
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(key: key) }

  func superEncoder(key: any CodingKey) -> any Encoder {
    let encoder = TreeEncoder(codingPath: codingPath + [key])
    box.set(key.stringValue, .encoder(encoder))
    return encoder
  }
}
