import Clearance

/// Reads and writes Clearance's JSON documents: policies, directories and case files.
///
/// Reading is strict RFC 8259 (see `docs/FORMAT.md`): a syntax error or invalid UTF-8 is
/// reported with file, line and column; a duplicate key with its path; a document past a
/// ``JSONLimits`` bound with the limit's name. Decoding goes through the model's `Codable`
/// conformances (any `Decodable` type works) and reports every problem in the document,
/// each with its path (`roles[3].inherits[0]`), not only the first. Writing is
/// deterministic (keys sorted by their UTF-8 bytes), so load → write → load gives the same
/// value. No Foundation is involved.
public enum JSONDocuments {
  /// Decodes a value from the bytes of a JSON document.
  ///
  /// - Parameters:
  ///   - file: a name for the document, used as the path of syntax errors.
  ///   - limits: the bounds the document must stay within.
  /// - Throws: ``ValidationError`` with every problem found.
  public static func decode<T: Decodable>(
    _ type: T.Type, from bytes: some Collection<UInt8>, file: String = "",
    limits: JSONLimits = .standard
  ) throws(ValidationError) -> T {
    let tape = try JSONTape.parse(Array(bytes), file: file, limits: limits)
    return try decode(type, from: tape)
  }

  /// Decodes a value from a parsed document.
  static func decode<T: Decodable>(_ type: T.Type, from tape: JSONTape) throws(ValidationError)
    -> T
  {
    if type == Directory.self, let directory = DirectoryReader(tape: tape).read(),
      let result = directory as? T
    {
      return result
    }
    do {
      return try TapeDecoder(tape, 0).decode(type)
    } catch {
      throw validationError(DecodeFailures.issues(from: error, in: tape, at: 0), tape: tape)
    }
  }

  /// Decoding problems as a ``ValidationError``, at most ``JSONLimits/maxIssues`` of them.
  static func validationError(_ found: [DecodeIssue], tape: JSONTape) -> ValidationError {
    var issues = found.prefix(tape.limits.maxIssues).map { issue in
      let path = JSONTape.path(issue.path)
      return ValidationIssue(
        path: path.isEmpty ? tape.file : path, code: issue.code, message: issue.message)
    }
    if found.count > tape.limits.maxIssues {
      issues.append(
        .malformed(
          path: tape.file,
          message: "limit maxIssues (\(tape.limits.maxIssues)) reached: "
            + "later problems are not reported"))
    }
    if issues.isEmpty {
      issues.append(.malformed(path: tape.file, message: "cannot decode"))
    }
    return ValidationError(issues)
  }

  /// Encodes a value as JSON: two-space indentation, keys sorted by their UTF-8 bytes, a
  /// final newline. The same value always gives the same bytes.
  ///
  /// - Throws: ``ValidationError`` when the value cannot be written as JSON (a non-finite
  ///   number, say).
  public static func encode<T: Encodable>(_ value: T) throws(ValidationError) -> [UInt8] {
    do {
      return JSONWriter.write(try TreeEncoder.encode(value, path: []).value)
    } catch let error as EncodingError {
      if case .invalidValue(_, let context) = error {
        throw ValidationError(
          .malformed(path: JSONTape.path(context.codingPath), message: context.debugDescription))
      }
      throw ValidationError(.malformed(path: "", message: "\(error)"))
    } catch {
      throw ValidationError(.malformed(path: "", message: "\(error)"))
    }
  }

  /// Reads and decodes a JSON file.
  ///
  /// - Throws: ``ValidationError``; a file larger than ``JSONLimits/maxDocumentBytes`` is
  ///   refused before it is read.
  public static func read<T: Decodable>(
    _ type: T.Type, at path: String, limits: JSONLimits = .standard
  ) throws(ValidationError) -> T {
    let bytes = try FileIO.readFile(path, limit: limits.clamped.maxDocumentBytes)
    return try decode(type, from: bytes, file: path, limits: limits)
  }

  /// Encodes a value and writes it to a file atomically (a reader never sees half a file).
  public static func write<T: Encodable>(_ value: T, to path: String) throws(ValidationError) {
    try FileIO.writeFile(try encode(value), to: path)
  }
}
