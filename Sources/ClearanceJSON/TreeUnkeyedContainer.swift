struct TreeUnkeyedContainer: UnkeyedEncodingContainer {
  let box: ArrayBox
  let codingPath: [any CodingKey]
  var count: Int { box.items.count }
  var nextPath: [any CodingKey] { codingPath + [PathKey(intValue: count)] }

  mutating func encodeNil() { box.items.append(.value(.null)) }
  mutating func encode(_ value: Double) throws {
    box.items.append(.value(try numberText(value, path: nextPath)))
  }
  mutating func encode(_ value: Float) throws {
    box.items.append(.value(try numberText(value, path: nextPath)))
  }
  mutating func encode<T: Encodable>(_ value: T) throws {
    box.items.append(try TreeEncoder.encode(value, path: nextPath))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let nested = ObjectBox()
    let path = nextPath
    box.items.append(.object(nested))
    return KeyedEncodingContainer(TreeKeyedContainer<NestedKey>(box: nested, codingPath: path))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let nested = ArrayBox()
    let path = nextPath
    box.items.append(.array(nested))
    return TreeUnkeyedContainer(box: nested, codingPath: path)
  }

  mutating func superEncoder() -> any Encoder {
    let encoder = TreeEncoder(codingPath: nextPath)
    box.items.append(.encoder(encoder))
    return encoder
  }
}
