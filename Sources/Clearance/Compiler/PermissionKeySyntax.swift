/// Parsing of permission keys and patterns.
enum PermissionKeySyntax {
  /// Whether `s` is one segment: `[a-z][a-z0-9_]*`.
  static func isSegment<S: StringProtocol>(_ s: S) -> Bool {
    guard let first = s.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else {
      return false
    }
    return s.utf8.allSatisfy { c in
      (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
        || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
    }
  }

  /// The parts of `s` between `::` separators, found in one pass over its UTF-8 bytes.
  static func split(_ s: String) -> [Substring] {
    var parts: [Substring] = []
    let bytes = s.utf8
    var start = bytes.startIndex
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let next = bytes.index(after: index)
      if bytes[index] == UInt8(ascii: ":") && next < bytes.endIndex
        && bytes[next] == UInt8(ascii: ":")
      {
        parts.append(s[start..<index])
        start = bytes.index(after: next)
        index = start
      } else {
        index = next
      }
    }
    parts.append(s[start...])
    return parts
  }

  /// The three segments of a well-formed key, or nil. The same answer as splitting with
  /// ``split(_:)`` and checking each part with ``isSegment(_:)``.
  static func segments(of key: String) -> [String]? {
    withUTF8Bytes(of: key) { bytes -> [String]? in
      guard let (first, second, third) = segmentRanges(of: bytes) else { return nil }
      return [first, second, third].map { String(decoding: bytes[$0], as: UTF8.self) }
    }
  }

  /// The byte ranges of the three segments of a well-formed key, or nil: one pass over
  /// the key's contiguous bytes, nothing allocated (every permission of the catalog goes
  /// through it).
  static func segmentRanges(of bytes: UnsafeRawBufferPointer) -> (
    Range<Int>, Range<Int>, Range<Int>
  )? {
    var ranges = (0..<0, 0..<0, 0..<0)
    var found = 0
    var start = 0
    var index = 0
    while true {
      // A segment ends at the end of the key or at `::`; any other byte must be allowed.
      let atEnd = index == bytes.count
      if atEnd
        || (bytes[index] == UInt8(ascii: ":") && index + 1 < bytes.count
          && bytes[index + 1] == UInt8(ascii: ":"))
      {
        guard found < 3, isSegment(bytes[start..<index]) else { return nil }
        switch found {
        case 0: ranges.0 = start..<index
        case 1: ranges.1 = start..<index
        default: ranges.2 = start..<index
        }
        found += 1
        if atEnd { break }
        index += 2
        start = index
      } else {
        index += 1
      }
    }
    return found == 3 ? ranges : nil
  }

  /// Whether `bytes` are one segment: `[a-z][a-z0-9_]*`.
  private static func isSegment(_ bytes: Slice<UnsafeRawBufferPointer>) -> Bool {
    guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else {
      return false
    }
    return bytes.allSatisfy { c in
      (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
        || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
    }
  }

  /// The three parts of a pattern (nil for `*`), or nil when ill-formed.
  static func pattern(_ pattern: String) -> [String?]? {
    if pattern == "*" { return [nil, nil, nil] }
    let parts = split(pattern)
    guard parts.count == 3 else { return nil }
    var result: [String?] = []
    for part in parts {
      if part == "*" {
        result.append(nil)
      } else if isSegment(part) {
        result.append(String(part))
      } else {
        return nil
      }
    }
    return result
  }
}
