import Clearance

/// A `Decoder` over one value of a parsed document.
///
/// Small (three words) so passing it as `any Decoder` allocates nothing; its coding path is
/// rebuilt from the document only when an error needs it. Arrays and string-keyed
/// dictionaries decode every element even after one fails, and an object whose field fails
/// is decoded again without that field, so all of a document's problems are reported.
struct TapeDecoder: Decoder, SingleValueDecodingContainer {
  let tape: JSONTape
  let index: Int
  /// Keys of this object already reported as wrong; hidden from the model's decoder.
  let mask: KeyMask?

  init(_ tape: JSONTape, _ index: Int, mask: KeyMask? = nil) {
    self.tape = tape
    self.index = index
    self.mask = mask
  }

  var node: JSONNode { tape.nodes[index] }
  var codingPath: [any CodingKey] { tape.codingPath(of: index) }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard node.kind == .object else { throw mismatch([String: Any].self) }
    return KeyedDecodingContainer(TapeKeyedContainer<Key>(decoder: self))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard node.kind == .array else { throw mismatch([Any].self) }
    return TapeUnkeyedContainer(tape: tape, array: index)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

  /// The error for a value of the wrong type (`null` is "found null").
  func mismatch(_ type: Any.Type) -> DecodingError {
    let context = DecodingError.Context(
      codingPath: codingPath, debugDescription: "expected \(DecodeFailures.describe(type))")
    return node.kind == .null
      ? .valueNotFound(type, context) : .typeMismatch(type, context)
  }

  func corrupted(_ message: String) -> DecodingError {
    .dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: message))
  }

  // MARK: Single value

  func decodeNil() -> Bool { node.kind == .null }

  func decode(_ type: Bool.Type) throws -> Bool {
    switch node.kind {
    case .true: return true
    case .false: return false
    default: throw mismatch(Bool.self)
    }
  }

  func decode(_ type: String.Type) throws -> String {
    guard node.kind == .string else { throw mismatch(String.self) }
    return tape.string(index)
  }

  func decode(_ type: Double.Type) throws -> Double { try decodeFloat(Double.self) }
  func decode(_ type: Float.Type) throws -> Float { try decodeFloat(Float.self) }
  func decode(_ type: Int.Type) throws -> Int { try decodeInteger(Int.self) }
  func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(Int8.self) }
  func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(Int16.self) }
  func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(Int32.self) }
  func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(Int64.self) }
  func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(UInt.self) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(UInt8.self) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(UInt16.self) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(UInt32.self) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(UInt64.self) }

  /// Decodes any value; arrays and dictionaries report every bad element, objects every
  /// bad field.
  func decode<T: Decodable>(_ type: T.Type) throws -> T {
    if node.kind == .array, let arrayType = T.self as? any TapeDecodableArray.Type {
      if let result = try arrayType.decodeElements(self) as? T { return result }
    } else if node.kind == .object,
      let dictionaryType = T.self as? any TapeDecodableDictionary.Type
    {
      if let result = try dictionaryType.decodeElements(self) as? T { return result }
    }
    do {
      return try T(from: self)
    } catch {
      guard node.kind == .object else { throw error }
      throw decodeAgain(T.self, after: error)
    }
  }

  /// The most times one object is decoded again to find more problems.
  static let maxRounds = 100

  /// Decodes an object again and again, each time hiding the fields that failed, to find
  /// the problems of the other fields; returns all problems found.
  func decodeAgain<T: Decodable>(_ type: T.Type, after error: any Error) -> DecodeFailures {
    var issues = DecodeFailures.issues(from: error, in: tape, at: index)
    let depth = tape.depth(of: index)
    var hidden: [String] = mask?.keys ?? []
    var rounds = 0
    // Each round hides at least one more key; at most `maxRounds` per object bounds the
    // cost of an object with thousands of bad fields.
    while rounds < min(Int(node.length), TapeDecoder.maxRounds)
      && issues.count <= tape.limits.maxIssues
    {
      rounds += 1
      var fresh: [String] = []
      for issue in issues where issue.path.count > depth && issue.path[depth].intValue == nil {
        let key = issue.path[depth].stringValue
        let known = (hidden + fresh).contains { $0.utf8.elementsEqual(key.utf8) }
        if !known { fresh.append(key) }
      }
      guard !fresh.isEmpty else { break }
      hidden += fresh
      do {
        _ = try T(from: TapeDecoder(tape, index, mask: KeyMask(keys: hidden)))
        break
      } catch {
        let more = DecodeFailures.issues(from: error, in: tape, at: index)
        if more.isEmpty { break }
        issues += more
      }
    }
    return DecodeFailures(issues: issues)
  }

  func decodeInteger<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
    guard node.kind == .number else { throw mismatch(I.self) }
    let text = tape.string(index)
    guard node.flags & JSONNode.integerFlag != 0 else {
      throw corrupted("expected an integer, found \(text)")
    }
    guard let value = I(text, radix: 10) else {
      throw corrupted("the number \(text) is out of range for \(I.self) (\(I.min)...\(I.max))")
    }
    return value
  }

  func decodeFloat<F: BinaryFloatingPoint & LosslessStringConvertible>(_ type: F.Type) throws
    -> F
  {
    guard node.kind == .number else { throw mismatch(F.self) }
    let text = tape.string(index)
    guard let value = F(text), value.isFinite else {
      throw corrupted("the number \(text) is out of range for \(F.self)")
    }
    return value
  }
}

/// The keys of an object hidden from its decoder because they were already reported.
final class KeyMask: Sendable {
  let keys: [String]
  init(keys: [String]) { self.keys = keys }

  func hides(_ tape: JSONTape, key index: Int) -> Bool {
    keys.contains { tape.textEquals(index, $0) }
  }

  func hides(_ key: String) -> Bool {
    keys.contains { $0.utf8.elementsEqual(key.utf8) }
  }
}
