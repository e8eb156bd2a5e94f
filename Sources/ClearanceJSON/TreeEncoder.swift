/// An `Encoder` that builds a ``JSONValue``.
///
/// Containers write into shared boxes, so nested containers and `superEncoder` work as
/// with Foundation's encoder. Encoding the same key twice keeps the last value; keys are
/// told apart by their UTF-8 bytes.
final class TreeEncoder: Encoder {
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }
  var slot: EncodedSlot?

  init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

  /// The value encoded, `{}` when nothing was.
  var value: JSONValue { slot?.value ?? .object([]) }

  static func encode<T: Encodable>(_ value: T, path: [any CodingKey]) throws -> EncodedSlot {
    switch value {
    case let text as String: return .value(.string(text))
    case let flag as Bool: return .value(.bool(flag))
    case let number as Int: return .value(.number(String(number)))
    case let number as any BinaryInteger: return .value(.number(String(describing: number)))
    case let number as Double: return .value(try numberText(number, path: path))
    case let number as Float: return .value(try numberText(number, path: path))
    default:
      let encoder = TreeEncoder(codingPath: path)
      try value.encode(to: encoder)
      return encoder.slot ?? .value(.object([]))
    }
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    let box: ObjectBox
    if case .object(let existing) = slot {
      box = existing
    } else {
      box = ObjectBox()
      slot = .object(box)
    }
    return KeyedEncodingContainer(TreeKeyedContainer<Key>(box: box, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    let box: ArrayBox
    if case .array(let existing) = slot {
      box = existing
    } else {
      box = ArrayBox()
      slot = .array(box)
    }
    return TreeUnkeyedContainer(box: box, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    TreeSingleValueContainer(encoder: self)
  }
}

/// Where an encoded value lives until the tree is finished.
enum EncodedSlot {
  case value(JSONValue)
  case object(ObjectBox)
  case array(ArrayBox)
  case encoder(TreeEncoder)

  var value: JSONValue {
    switch self {
    case .value(let value): value
    case .object(let box): .object(box.members.map { JSONValue.Member($0.key, $0.slot.value) })
    case .array(let box): .array(box.items.map(\.value))
    case .encoder(let encoder): encoder.value
    }
  }
}

final class ObjectBox {
  var members: [(key: String, slot: EncodedSlot)] = []
  /// Positions by key bytes, built once the object is large.
  var positions: [[UInt8]: Int] = [:]

  func set(_ key: String, _ slot: EncodedSlot) {
    if members.count < 16 {
      if let i = members.firstIndex(where: { $0.key.utf8.elementsEqual(key.utf8) }) {
        members[i].slot = slot
        return
      }
    } else {
      if positions.isEmpty {
        for (i, member) in members.enumerated() { positions[Array(member.key.utf8)] = i }
      }
      if let i = positions[Array(key.utf8)] {
        members[i].slot = slot
        return
      }
      positions[Array(key.utf8)] = members.count
    }
    members.append((key, slot))
  }
}

final class ArrayBox {
  var items: [EncodedSlot] = []
}

/// JSON text for a floating-point number; non-finite numbers cannot be written.
func numberText<F: BinaryFloatingPoint & LosslessStringConvertible>(
  _ value: F, path: [any CodingKey]
) throws -> JSONValue {
  guard value.isFinite else {
    throw EncodingError.invalidValue(
      value,
      EncodingError.Context(codingPath: path, debugDescription: "\(value) is not a JSON number"))
  }
  if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int64(value))) }
  return .number(String(describing: value))
}

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
