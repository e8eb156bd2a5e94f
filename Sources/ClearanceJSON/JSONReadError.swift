import Clearance

/// A document that could not be read: bad syntax, bad UTF-8, a duplicate key or a limit.
struct JSONReadError: Error {
  /// Where it was found, in bytes from the start of the document.
  var offset: Int
  /// What is wrong, for a person (without the location).
  var message: String
  /// The kind of problem.
  var code: ValidationIssue.Code = .malformed
  /// The JSON path of the problem, when it has one (duplicate keys); otherwise the
  /// issue's path is the file name.
  var path: String?

  /// The issue for a document with these bytes, named `file`.
  func issue(in bytes: UnsafeBufferPointer<UInt8>, file: String) -> ValidationIssue {
    let (line, column) = JSONReadError.location(of: offset, in: bytes)
    let place = "line \(line), column \(column)"
    if let path {
      return ValidationIssue(path: path, code: code, message: "\(message) (\(place))")
    }
    return ValidationIssue(path: file, code: code, message: "\(place): \(message)")
  }

  /// The 1-based line and column of a byte offset. Columns count Unicode scalars (each
  /// byte that does not continue a UTF-8 sequence), so a tab is one column.
  static func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    var line = 1
    var column = 1
    var i = 0
    let end = min(offset, bytes.count)
    while i < end {
      let byte = bytes[i]
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    return (line, column)
  }
}

/// Limit refusals, each naming the limit and its value.
extension JSONReadError {
  static func limit(_ name: String, _ value: Int, _ what: String, at offset: Int) -> JSONReadError {
    JSONReadError(offset: offset, message: "limit \(name) (\(value)) exceeded: \(what)")
  }
}
