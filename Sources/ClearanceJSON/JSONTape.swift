import Clearance

/// The kind of a value in a parsed document.
enum JSONKind: UInt8 {
  case null, `false`, `true`, number, string, array, object
}

/// One value of a parsed document, stored flat: a container is followed by its children
/// (for an object: key, value, key, value, …), and `end` skips its whole subtree.
struct JSONNode {
  /// For a string or number: the first byte of its text (of its unescaped text in
  /// ``JSONTape/unescaped`` when `flags` has ``escapedFlag``).
  var start: UInt32
  /// For a string or number: its length in bytes. For a container: its child count
  /// (members, not keys and values, for an object).
  var length: UInt32
  /// The index of the node after this one's subtree.
  var end: UInt32
  /// The index of the enclosing container, or `UInt32.max` for the root.
  var parent: UInt32
  /// Where the value starts in the document, in bytes (for error locations).
  var offset: UInt32
  /// For an array element, its index in the array (so coding paths cost no scan).
  var position: UInt32
  var kind: JSONKind
  /// ``escapedFlag`` and ``integerFlag``.
  var flags: UInt8

  static let escapedFlag: UInt8 = 1
  static let integerFlag: UInt8 = 2
  static let noParent = UInt32.max
}

/// A parsed JSON document: its bytes and its values as a flat list of ``JSONNode``.
///
/// Immutable once built; every reader of it (decoders, the fast paths) only looks.
final class JSONTape: Sendable {
  /// The document as read.
  let bytes: [UInt8]
  /// The unescaped text of strings that contained escapes.
  let unescaped: [UInt8]
  /// The values, root first.
  let nodes: [JSONNode]
  /// The file name used in messages (may be empty).
  let file: String
  /// The limits the document was read under.
  let limits: JSONLimits

  init(
    bytes: [UInt8], unescaped: [UInt8], nodes: [JSONNode], file: String, limits: JSONLimits
  ) {
    self.bytes = bytes
    self.unescaped = unescaped
    self.nodes = nodes
    self.file = file
    self.limits = limits
  }

  /// Calls `body` with the text of a string or number node.
  @inline(__always)
  func withText<R>(_ node: JSONNode, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows
    -> R
  {
    let start = Int(node.start)
    let count = Int(node.length)
    if node.flags & JSONNode.escapedFlag != 0 {
      return try unescaped.withUnsafeBufferPointer { buffer in
        try body(UnsafeBufferPointer(rebasing: buffer[start..<start + count]))
      }
    }
    return try bytes.withUnsafeBufferPointer { buffer in
      try body(UnsafeBufferPointer(rebasing: buffer[start..<start + count]))
    }
  }

  /// The text of a string or number node as a `String`.
  func string(_ index: Int) -> String {
    withText(nodes[index]) { String(decoding: $0, as: UTF8.self) }
  }

  /// Whether a string node's text is exactly these UTF-8 bytes.
  func textEquals(_ index: Int, _ other: String) -> Bool {
    var other = other
    return other.withUTF8 { wanted in
      withText(nodes[index]) { text in
        text.count == wanted.count
          && (text.isEmpty || memoryEqual(text.baseAddress, wanted.baseAddress, text.count))
      }
    }
  }

  /// The child indices of a container node, in order (for an object, the value nodes).
  func children(of index: Int) -> [Int] {
    let node = nodes[index]
    var result: [Int] = []
    result.reserveCapacity(Int(node.length))
    var child = index + 1
    let end = Int(node.end)
    while child < end {
      if node.kind == .object {
        result.append(child + 1)
        child = Int(nodes[child + 1].end)
      } else {
        result.append(child)
        child = Int(nodes[child].end)
      }
    }
    return result
  }
}

/// Byte equality of two buffers of `count` bytes.
@inline(__always)
func memoryEqual(
  _ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ count: Int
) -> Bool {
  guard let a, let b else { return count == 0 }
  var i = 0
  while i < count {
    if a[i] != b[i] { return false }
    i += 1
  }
  return true
}

extension JSONTape {
  /// Parses a document.
  ///
  /// - Throws: ``ValidationError`` with one issue: where the document stops being strict
  ///   JSON (file, line and column), a duplicate key (its path) or a limit (its name).
  static func parse(_ bytes: [UInt8], file: String, limits: JSONLimits) throws(ValidationError)
    -> JSONTape
  {
    let limits = limits.clamped
    let result: Result<JSONParser, JSONReadError> = bytes.withUnsafeBufferPointer { input in
      var parser = JSONParser(input: input, limits: limits)
      do throws(JSONReadError) {
        try parser.run()
        return .success(parser)
      } catch {
        return .failure(error)
      }
    }
    switch result {
    case .success(let parser):
      return JSONTape(
        bytes: bytes, unescaped: parser.unescaped, nodes: parser.nodes, file: file,
        limits: limits)
    case .failure(let error):
      let issue = bytes.withUnsafeBufferPointer { error.issue(in: $0, file: file) }
      throw ValidationError(issue)
    }
  }
}
