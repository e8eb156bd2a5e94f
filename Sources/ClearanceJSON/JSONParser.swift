/// Reads a document as strict RFC 8259 JSON into a ``JSONTape``.
///
/// No recursion: open containers live on an explicit stack bounded by
/// ``JSONLimits/maxDepth``, so hostile nesting is refused, never a stack overflow. Refused:
/// anything after the document, trailing commas, leading zeros, `NaN` and other bare words,
/// comments, raw control characters in strings, invalid UTF-8 (overlong forms, encoded
/// surrogates, code points past U+10FFFF), lone surrogate escapes and duplicate keys.
struct JSONParser {
  let input: UnsafeBufferPointer<UInt8>
  let limits: JSONLimits
  var nodes: [JSONNode] = []
  var unescaped: [UInt8] = []
  /// The open containers, outermost first.
  var stack: [Int] = []

  init(input: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
    self.input = input
    self.limits = limits
    nodes.reserveCapacity(min(input.count / 6 + 16, limits.maxValues))
  }

  /// Parses the whole input.
  mutating func run() throws(JSONReadError) {
    let n = input.count
    var p = 0
    if n > limits.maxDocumentBytes {
      throw .limit(
        "maxDocumentBytes", limits.maxDocumentBytes, "the document has \(n) bytes", at: 0)
    }
    if n >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF {
      throw JSONReadError(offset: 0, message: "a byte order mark is not allowed")
    }
    valueLoop: while true {
      p = skipSpace(p)
      guard p < n else { throw unexpected(at: p, expecting: "a value") }
      switch input[p] {
      case UInt8(ascii: "{"):
        try open(.object, at: p)
        p = skipSpace(p + 1)
        if p < n && input[p] == UInt8(ascii: "}") {
          try close(at: p)
          p += 1
        } else {
          p = try key(at: p)
          continue valueLoop
        }
      case UInt8(ascii: "["):
        try open(.array, at: p)
        p = skipSpace(p + 1)
        if p < n && input[p] == UInt8(ascii: "]") {
          try close(at: p)
          p += 1
        } else {
          continue valueLoop
        }
      case UInt8(ascii: "\""): p = try string(at: p, isKey: false)
      case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): p = try literal(at: p)
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): p = try number(at: p)
      default: throw unexpected(at: p, expecting: "a value")
      }
      // A value is complete: close containers and consume separators until the next
      // value is due or the document ends.
      while true {
        p = skipSpace(p)
        guard let top = stack.last else {
          if p < n { throw unexpected(at: p, expecting: "the end of the document") }
          return
        }
        let isObject = nodes[top].kind == .object
        guard p < n else {
          throw unexpected(at: p, expecting: isObject ? "',' or '}'" : "',' or ']'")
        }
        let byte = input[p]
        if byte == UInt8(ascii: ",") {
          p = skipSpace(p + 1)
          if isObject {
            p = try key(at: p)
          } else if p < n && input[p] == UInt8(ascii: "]") {
            throw JSONReadError(offset: p, message: "a trailing comma before ']' is not allowed")
          }
          continue valueLoop
        }
        guard byte == UInt8(ascii: isObject ? "}" : "]") else {
          throw unexpected(at: p, expecting: isObject ? "',' or '}'" : "',' or ']'")
        }
        try close(at: p)
        p += 1
      }
    }
  }

  @inline(__always)
  func skipSpace(_ start: Int) -> Int {
    var p = start
    while p < input.count {
      switch input[p] {
      case 0x20, 0x0A, 0x0D, 0x09: p += 1
      default: return p
      }
    }
    return p
  }

  /// Appends a node whose parent is the innermost open container.
  @inline(__always)
  mutating func append(
    _ kind: JSONKind, start: Int, length: Int, offset: Int, flags: UInt8 = 0, isKey: Bool = false
  ) throws(JSONReadError) {
    guard nodes.count < limits.maxValues else {
      throw .limit("maxValues", limits.maxValues, "the document has more values", at: offset)
    }
    let index = UInt32(truncatingIfNeeded: nodes.count)
    var parent = JSONNode.noParent
    var position: UInt32 = 0
    if let top = stack.last {
      parent = UInt32(truncatingIfNeeded: top)
      // An array counts its elements, an object its keys.
      if isKey || nodes[top].kind == .array {
        position = nodes[top].length
        nodes[top].length &+= 1
      }
    }
    nodes.append(
      JSONNode(
        start: UInt32(truncatingIfNeeded: start), length: UInt32(truncatingIfNeeded: length),
        end: index &+ 1, parent: parent, offset: UInt32(truncatingIfNeeded: offset),
        position: position, kind: kind,
        flags: flags))
  }

  mutating func open(_ kind: JSONKind, at p: Int) throws(JSONReadError) {
    guard stack.count < limits.maxDepth else {
      throw .limit(
        "maxDepth", limits.maxDepth, "arrays and objects nest more than \(limits.maxDepth) deep",
        at: p)
    }
    try append(kind, start: p, length: 0, offset: p)
    stack.append(nodes.count - 1)
  }

  mutating func close(at p: Int) throws(JSONReadError) {
    guard let top = stack.last else { return }
    if nodes[top].kind == .object && nodes[top].length > 1 {
      try checkDuplicateKeys(top)
    }
    nodes[top].end = UInt32(truncatingIfNeeded: nodes.count)
    stack.removeLast()
  }

  /// Reads an object key and its `:`; returns the position of the value.
  mutating func key(at p: Int) throws(JSONReadError) -> Int {
    guard p < input.count, input[p] == UInt8(ascii: "\"") else {
      if p < input.count && input[p] == UInt8(ascii: "}") {
        throw JSONReadError(offset: p, message: "a trailing comma before '}' is not allowed")
      }
      throw unexpected(at: p, expecting: "a string key")
    }
    // Two statements: `skipSpace(try string(…))` would hold a copy of `self` (and so a
    // second reference to `nodes`) while `string` appends, copying the array every time.
    let afterKey = try string(at: p, isKey: true)
    let colon = skipSpace(afterKey)
    guard colon < input.count, input[colon] == UInt8(ascii: ":") else {
      throw unexpected(at: colon, expecting: "':' after the key")
    }
    return colon + 1
  }

  mutating func literal(at p: Int) throws(JSONReadError) -> Int {
    let word: StaticString
    let kind: JSONKind
    switch input[p] {
    case UInt8(ascii: "t"): (word, kind) = ("true", .true)
    case UInt8(ascii: "f"): (word, kind) = ("false", .false)
    default: (word, kind) = ("null", .null)
    }
    let count = word.utf8CodeUnitCount
    guard count <= input.count - p,
      memoryEqual(input.baseAddress.map { $0 + p }, word.utf8Start, count)
    else {
      throw unexpected(at: p, expecting: "a value (true, false and null are the only words)")
    }
    try append(kind, start: p, length: count, offset: p)
    return p + count
  }

  mutating func number(at start: Int) throws(JSONReadError) -> Int {
    let n = input.count
    var p = start
    var integer = true
    if input[p] == UInt8(ascii: "-") { p += 1 }
    guard p < n, isDigit(input[p]) else { throw unexpected(at: p, expecting: "a digit") }
    if input[p] == UInt8(ascii: "0") {
      p += 1
      if p < n && isDigit(input[p]) {
        throw JSONReadError(offset: start, message: "a number with a leading zero is not allowed")
      }
    } else {
      while p < n && isDigit(input[p]) { p += 1 }
    }
    if p < n && input[p] == UInt8(ascii: ".") {
      integer = false
      p += 1
      guard p < n, isDigit(input[p]) else {
        throw unexpected(at: p, expecting: "a digit after the decimal point")
      }
      while p < n && isDigit(input[p]) { p += 1 }
    }
    if p < n && (input[p] == UInt8(ascii: "e") || input[p] == UInt8(ascii: "E")) {
      integer = false
      p += 1
      if p < n && (input[p] == UInt8(ascii: "+") || input[p] == UInt8(ascii: "-")) { p += 1 }
      guard p < n, isDigit(input[p]) else {
        throw unexpected(at: p, expecting: "a digit in the exponent")
      }
      while p < n && isDigit(input[p]) { p += 1 }
    }
    if p - start > limits.maxStringBytes {
      throw .limit(
        "maxStringBytes", limits.maxStringBytes, "a number has \(p - start) bytes", at: start)
    }
    try append(
      .number, start: start, length: p - start, offset: start,
      flags: integer ? JSONNode.integerFlag : 0)
    return p
  }

  @inline(__always)
  func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

  /// "expected X, found Y" at a position.
  func unexpected(at p: Int, expecting what: String) -> JSONReadError {
    JSONReadError(offset: p, message: "expected \(what), found \(describeByte(at: p))")
  }

  func describeByte(at p: Int) -> String {
    guard p < input.count else { return "the end of the document" }
    let byte = input[p]
    if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x" + hex(byte)
  }
}

/// Two upper-case hexadecimal digits.
func hex(_ byte: UInt8) -> String {
  let digits = Array("0123456789ABCDEF".utf8)
  return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
}
