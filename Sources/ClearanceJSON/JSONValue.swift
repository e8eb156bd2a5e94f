import Clearance

/// A JSON value as a tree: what the encoder builds and the writer prints.
///
/// Numbers keep their text, so writing and reading one gives back the same digits.
/// Strings and keys compare by their exact UTF-8 bytes, never by canonical equivalence.
package enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// A number, as its JSON text (`12`, `-0.5`, `1e+20`).
  case number(String)
  case string(String)
  case array([JSONValue])
  /// Members in order; the writer sorts them by the UTF-8 bytes of their keys.
  case object([Member])

  /// One member of an object.
  package struct Member: Sendable, Equatable {
    package var key: String
    package var value: JSONValue

    package init(_ key: String, _ value: JSONValue) {
      self.key = key
      self.value = value
    }

    package static func == (lhs: Member, rhs: Member) -> Bool {
      lhs.key.utf8.elementsEqual(rhs.key.utf8) && lhs.value == rhs.value
    }
  }

  package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a), .number(let b)): a.utf8.elementsEqual(b.utf8)
    case (.string(let a), .string(let b)): a.utf8.elementsEqual(b.utf8)
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)): a == b
    default: false
    }
  }

  /// The same value with every object's members sorted by key bytes (as written).
  package var sorted: JSONValue {
    switch self {
    case .array(let items): .array(items.map(\.sorted))
    case .object(let members):
      .object(
        members.map { Member($0.key, $0.value.sorted) }.sorted {
          $0.key.utf8.lexicographicallyPrecedes($1.key.utf8)
        })
    default: self
    }
  }
}

extension JSONValue {
  /// Reads a document into a tree.
  package static func parse(_ bytes: [UInt8], limits: JSONLimits = .standard)
    throws(ValidationError) -> JSONValue
  {
    try JSONTape.parse(bytes, file: "", limits: limits).value()
  }

  /// The value as ClearanceJSON writes it.
  package var bytes: [UInt8] { JSONWriter.write(self) }
}

extension JSONTape {
  /// The value at a node as a tree (recursion bounded by ``JSONLimits/maxDepth``).
  package func value(at index: Int = 0) -> JSONValue {
    let node = nodes[index]
    switch node.kind {
    case .null: return .null
    case .true: return .bool(true)
    case .false: return .bool(false)
    case .number: return .number(string(index))
    case .string: return .string(string(index))
    case .array: return .array(children(of: index).map { value(at: $0) })
    case .object:
      return .object(
        children(of: index).map { JSONValue.Member(string($0 - 1), value(at: $0)) })
    }
  }
}
