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
