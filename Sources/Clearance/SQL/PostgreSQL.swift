/// PostgreSQL's spelling rules, shared by the filter renderer and the exporter.
enum PostgreSQL {
  /// The longest identifier PostgreSQL keeps whole (NAMEDATALEN - 1 bytes); longer ones
  /// are truncated silently, so they are refused instead.
  static let maxIdentifierBytes = 63
  /// The most placeholders one statement may bind.
  static let maxParameters = 65_535

  /// `name` as a quoted identifier: `"…"` with `"` doubled.
  ///
  /// - Throws: ``SQLError`` for an empty name, one with a NUL byte, or one longer than
  ///   63 bytes.
  static func identifier(_ name: String) throws(SQLError) -> String {
    let bytes = name.utf8
    if bytes.isEmpty { throw SQLError("empty SQL identifier") }
    if bytes.contains(0) { throw SQLError("SQL identifier with a NUL byte") }
    if bytes.count > maxIdentifierBytes {
      throw SQLError(
        "SQL identifier \"\(name)\" is \(bytes.count) bytes; PostgreSQL keeps at most \(maxIdentifierBytes)"
      )
    }
    return "\"" + doubling(UInt8(ascii: "\""), in: name) + "\""
  }

  /// `name` quoted, for names the exporter writes inside function bodies and `format()`
  /// strings: only `[A-Za-z_][A-Za-z0-9_]*`, so no `$`, `%` or quote can end them early.
  ///
  /// - Throws: ``SQLError`` for any other name, or one longer than 63 bytes.
  static func plainIdentifier(_ name: String) throws(SQLError) -> String {
    let bytes = Array(name.utf8)
    let isPlain =
      !bytes.isEmpty && !(48...57).contains(bytes[0])
      && bytes.allSatisfy {
        (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 95
      }
    guard isPlain else {
      throw SQLError("schema name \"\(name)\" must match [A-Za-z_][A-Za-z0-9_]*")
    }
    return try identifier(name)
  }

  /// `value` as a string literal for a generated script: `'…'` with `'` doubled
  /// (standard-conforming strings, the default since PostgreSQL 9.1).
  ///
  /// - Throws: ``SQLError`` for a value with a NUL byte, which `text` cannot hold.
  static func literal(_ value: String) throws(SQLError) -> String {
    if value.utf8.contains(0) { throw SQLError("a text value with a NUL byte cannot be stored") }
    return "'" + doubling(UInt8(ascii: "'"), in: value) + "'"
  }

  /// `text` with every `quote` byte doubled, byte by byte: a quote followed by a combining
  /// mark is one `Character` to Swift (which `replacing` would leave alone) but still a
  /// quote to PostgreSQL. Text without the quote is returned as it is.
  static func doubling(_ quote: UInt8, in text: String) -> String {
    guard text.utf8.contains(quote) else { return text }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count + 4)
    for byte in text.utf8 {
      bytes.append(byte)
      if byte == quote { bytes.append(quote) }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Checks that a bound value fits in `text`.
  static func checkBindable(_ value: String) throws(SQLError) {
    if value.utf8.contains(0) { throw SQLError("a text value with a NUL byte cannot be bound") }
  }
}
