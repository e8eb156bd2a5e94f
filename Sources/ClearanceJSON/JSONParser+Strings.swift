/// Strings: UTF-8 validation and escapes.
extension JSONParser {
  /// Reads the string whose opening quote is at `quote`; returns the position after it.
  mutating func string(at quote: Int, isKey: Bool) throws(JSONReadError) -> Int {
    let n = input.count
    var p = quote + 1
    while p < n {
      let byte = input[p]
      if byte == UInt8(ascii: "\"") {
        try appendString(quote: quote, close: p, start: quote + 1, length: p - quote - 1, 0, isKey)
        return p + 1
      }
      if byte == UInt8(ascii: "\\") {
        return try escapedString(quote: quote, from: p, isKey: isKey)
      }
      if byte < 0x20 { throw controlCharacter(at: p) }
      p = byte < 0x80 ? p + 1 : try utf8Sequence(at: p)
    }
    throw JSONReadError(offset: quote, message: "a string is not closed")
  }

  /// The rest of a string from its first backslash, unescaped into ``unescaped``.
  mutating func escapedString(quote: Int, from first: Int, isKey: Bool) throws(JSONReadError)
    -> Int
  {
    let n = input.count
    let start = unescaped.count
    unescaped.append(contentsOf: input[(quote + 1)..<first])
    var p = first
    while p < n {
      let byte = input[p]
      if byte == UInt8(ascii: "\"") {
        try appendString(
          quote: quote, close: p, start: start, length: unescaped.count - start,
          JSONNode.escapedFlag, isKey)
        return p + 1
      }
      if byte == UInt8(ascii: "\\") {
        p = try escape(at: p)
      } else if byte < 0x20 {
        throw controlCharacter(at: p)
      } else if byte < 0x80 {
        unescaped.append(byte)
        p += 1
      } else {
        let end = try utf8Sequence(at: p)
        unescaped.append(contentsOf: input[p..<end])
        p = end
      }
    }
    throw JSONReadError(offset: quote, message: "a string is not closed")
  }

  @inline(__always)
  mutating func appendString(
    quote: Int, close: Int, start: Int, length: Int, _ flags: UInt8, _ isKey: Bool
  ) throws(JSONReadError) {
    if close - quote - 1 > limits.maxStringBytes {
      throw .limit(
        "maxStringBytes", limits.maxStringBytes,
        "a \(isKey ? "key" : "string") has \(close - quote - 1) bytes", at: quote)
    }
    try append(.string, start: start, length: length, offset: quote, flags: flags, isKey: isKey)
  }

  func controlCharacter(at p: Int) -> JSONReadError {
    JSONReadError(
      offset: p,
      message: "control character 0x\(hex(input[p])) in a string must be escaped")
  }

  /// Decodes the escape at `p` (a backslash) into ``unescaped``; returns what follows it.
  mutating func escape(at p: Int) throws(JSONReadError) -> Int {
    guard p + 1 < input.count else {
      throw JSONReadError(offset: p, message: "a string is not closed")
    }
    let simple: UInt8
    switch input[p + 1] {
    case UInt8(ascii: "\""): simple = 0x22
    case UInt8(ascii: "\\"): simple = 0x5C
    case UInt8(ascii: "/"): simple = 0x2F
    case UInt8(ascii: "b"): simple = 0x08
    case UInt8(ascii: "f"): simple = 0x0C
    case UInt8(ascii: "n"): simple = 0x0A
    case UInt8(ascii: "r"): simple = 0x0D
    case UInt8(ascii: "t"): simple = 0x09
    case UInt8(ascii: "u"): return try unicodeEscape(at: p)
    default:
      throw JSONReadError(offset: p, message: "invalid escape \\\(describeByte(at: p + 1))")
    }
    unescaped.append(simple)
    return p + 2
  }

  /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`.
  mutating func unicodeEscape(at p: Int) throws(JSONReadError) -> Int {
    let first = try hexQuad(at: p + 2)
    var scalar = first
    var end = p + 6
    if first >= 0xD800 && first <= 0xDBFF {
      let hasLow =
        end + 1 < input.count && input[end] == UInt8(ascii: "\\")
        && input[end + 1] == UInt8(ascii: "u")
      let second = hasLow ? try hexQuad(at: end + 2) : 0
      guard second >= 0xDC00 && second <= 0xDFFF else {
        throw JSONReadError(
          offset: p,
          message: "lone surrogate escape \\u\(hexWord(first)): a high surrogate must be "
            + "followed by an escaped low surrogate")
      }
      scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
      end += 6
    } else if first >= 0xDC00 && first <= 0xDFFF {
      throw JSONReadError(
        offset: p, message: "lone surrogate escape \\u\(hexWord(first)) (a low surrogate)")
    }
    guard let value = Unicode.Scalar(scalar) else {
      throw JSONReadError(offset: p, message: "invalid \\u escape")
    }
    if let encoded = UTF8.encode(value) { unescaped.append(contentsOf: encoded) }
    return end
  }

  func hexQuad(at p: Int) throws(JSONReadError) -> UInt32 {
    guard p + 4 <= input.count else {
      throw JSONReadError(offset: p, message: "a \\u escape needs four hexadecimal digits")
    }
    var value: UInt32 = 0
    for i in p..<(p + 4) {
      let byte = input[i]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default:
        throw JSONReadError(offset: i, message: "a \\u escape needs four hexadecimal digits")
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  func hexWord(_ value: UInt32) -> String {
    hex(UInt8(truncatingIfNeeded: value >> 8)) + hex(UInt8(truncatingIfNeeded: value))
  }

  /// Checks the multi-byte UTF-8 sequence starting at `p`; returns the position after it.
  func utf8Sequence(at p: Int) throws(JSONReadError) -> Int {
    let lead = input[p]
    let count: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: count = 2
    case 0xE0: (count, low) = (3, 0xA0)
    case 0xE1...0xEC, 0xEE...0xEF: count = 3
    case 0xED: (count, high) = (3, 0x9F)
    case 0xF0: (count, low) = (4, 0x90)
    case 0xF1...0xF3: count = 4
    case 0xF4: (count, high) = (4, 0x8F)
    case 0x80...0xBF: throw badUTF8(p, "unexpected continuation byte 0x\(hex(lead))")
    case 0xC0, 0xC1: throw badUTF8(p, "overlong encoding")
    default: throw badUTF8(p, "byte 0x\(hex(lead)) never appears in UTF-8")
    }
    guard p + count <= input.count else { throw badUTF8(p, "truncated sequence") }
    let second = input[p + 1]
    if second < low || second > high {
      if second & 0xC0 != 0x80 { throw badUTF8(p, "truncated sequence") }
      if lead == 0xED { throw badUTF8(p, "encoded surrogate") }
      if lead == 0xF4 { throw badUTF8(p, "code point beyond U+10FFFF") }
      throw badUTF8(p, "overlong encoding")
    }
    for i in (p + 2)..<(p + count) where input[i] & 0xC0 != 0x80 {
      throw badUTF8(p, "truncated sequence")
    }
    return p + count
  }

  func badUTF8(_ p: Int, _ what: String) -> JSONReadError {
    JSONReadError(offset: p, message: "invalid UTF-8: \(what)")
  }
}
