/// The audit log's line format and hash chain.
///
/// Each event is one JSON object on one line, with its fields in a fixed order and two
/// more at the end: `prev`, the previous line's hash (64 zeros for the first line ever),
/// and `hash`, the SHA-256 of the line's text up to and including the `prev` field's
/// closing quote. An administration operation's event also has `version` and, when
/// rejected, `detail` (the rejection's message) after `reason`. Changing, inserting, removing or reordering a line breaks the chain at
/// that place. Retention removes the oldest lines, so the first kept line's `prev` names
/// a line that is gone: verification reports it as the chain's anchor.
public enum AuditChain {
  /// The `prev` of the first line ever written.
  public static let genesis = String(repeating: "0", count: 64)

  /// The line of `event` chained to `previous` (a 64-digit hex hash), without a newline.
  public static func line(of event: AuditEvent, previous: String) -> String {
    var body = "{\"timestamp\":" + jsonQuoted(event.timestamp.iso8601)
    body += ",\"actor\":" + jsonQuoted(event.actor)
    body += ",\"action\":" + jsonQuoted(event.action)
    body += ",\"resource\":" + jsonQuoted(event.resource)
    body += ",\"ip\":" + (event.ip.map { jsonQuoted($0.description) } ?? "null")
    body += ",\"result\":" + jsonQuoted(event.result.rawValue)
    body += ",\"reason\":" + (event.reason.map(jsonQuoted) ?? "null")
    if let version = event.version { body += ",\"version\":\(version)" }
    if let detail = event.detail { body += ",\"detail\":" + jsonQuoted(detail) }
    body += ",\"prev\":" + jsonQuoted(previous)
    return body + ",\"hash\":\"" + SHA256.hash(body.utf8).hex + "\"}"
  }

  /// Checks a log's lines (without newlines): every line well formed, its hash right, and
  /// its `prev` equal to the line before's hash.
  public static func verify(_ lines: [String]) -> AuditVerification {
    var problems: [AuditVerification.Problem] = []
    var anchor: String?
    var previous: String?
    for (index, line) in lines.enumerated() {
      let number = index + 1
      guard let (prev, hash) = parts(of: line) else {
        problems.append(.init(line: number, message: "not an audit line"))
        previous = nil
        continue
      }
      let body = line.utf8.dropLast(hashSuffixLength)
      if SHA256.hash(body).hex != hash {
        problems.append(.init(line: number, message: "hash does not match the line's content"))
      }
      if let previous, prev != previous {
        problems.append(.init(line: number, message: "prev does not match line \(number - 1)"))
      }
      if index == 0 { anchor = prev }
      previous = hash
    }
    return AuditVerification(
      eventCount: lines.count, anchor: anchor ?? genesis, lastHash: previous ?? genesis,
      problems: problems)
  }

  /// `,"hash":"<64 hex>"}`.
  static let hashSuffixLength = 8 + 1 + 64 + 2

  /// The `prev` and `hash` of a line, if it ends as chained lines do.
  static func parts(of line: String) -> (prev: String, hash: String)? {
    let bytes = Array(line.utf8)
    let prevLength = 9 + 64 + 1  // ,"prev":"<64 hex>"
    guard bytes.count > hashSuffixLength + prevLength, bytes.first == UInt8(ascii: "{")
    else { return nil }
    let hashStart = bytes.count - hashSuffixLength
    let prevStart = hashStart - prevLength
    guard bytes[hashStart..<(hashStart + 9)].elementsEqual(Array(",\"hash\":\"".utf8)),
      bytes[bytes.count - 2] == UInt8(ascii: "\""), bytes[bytes.count - 1] == UInt8(ascii: "}"),
      bytes[prevStart..<(prevStart + 9)].elementsEqual(Array(",\"prev\":\"".utf8)),
      bytes[hashStart - 1] == UInt8(ascii: "\"")
    else { return nil }
    let prev = bytes[(prevStart + 9)..<(prevStart + 73)]
    let hash = bytes[(hashStart + 9)..<(hashStart + 73)]
    guard prev.allSatisfy({ hexValue($0) != nil }), hash.allSatisfy({ hexValue($0) != nil })
    else { return nil }
    return (String(decoding: prev, as: UTF8.self), String(decoding: hash, as: UTF8.self))
  }

  /// The timestamp a line starts with, for retention.
  static func timestamp(of line: String) -> Timestamp? {
    let prefix = "{\"timestamp\":\""
    guard line.hasPrefix(prefix) else { return nil }
    let rest = line.utf8.dropFirst(prefix.utf8.count)
    guard let end = rest.firstIndex(of: UInt8(ascii: "\"")) else { return nil }
    return Timestamp(iso8601: String(decoding: rest[..<end], as: UTF8.self))
  }

}

/// The result of checking an audit log's chain.
public struct AuditVerification: Sendable, Hashable {
  /// Lines read.
  public let eventCount: Int
  /// The first line's `prev`: all zeros when the log is complete from its first event,
  /// else the hash of the newest event removed by retention.
  public let anchor: String
  /// The last line's hash: keep it elsewhere to detect lines cut off the end later.
  public let lastHash: String
  /// Every break found, in line order; empty when the chain is intact.
  public let problems: [Problem]

  /// Whether no break was found.
  public var isIntact: Bool { problems.isEmpty }

  /// A break in the chain at a line (numbered from 1).
  public struct Problem: Sendable, Hashable, CustomStringConvertible {
    /// The line, from 1.
    public let line: Int
    /// What is wrong there.
    public let message: String

    /// `line 3: hash does not match the line's content`.
    public var description: String { "line \(line): \(message)" }
  }
}
