import Clearance
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("Security — audit log")
struct AuditTests {
  static func event(_ day: Int64, _ actor: String = "ann") -> AuditEvent {
    AuditEvent(
      timestamp: Timestamp(seconds: day * 86_400), actor: actor, action: "tickets::ticket::read",
      resource: "ticket \"#1\"\n", ip: IPAddress("203.0.113.42"), result: .failure,
      reason: "ipNotAllowed")
  }

  static func lines(_ events: [AuditEvent]) -> [String] {
    var previous = AuditChain.genesis
    return events.map { event in
      let line = AuditChain.line(of: event, previous: previous)
      previous = String(line.suffix(66).prefix(64))
      return line
    }
  }

  @Test func chainVerifiesAndNamesTamperedLines() {
    var lines = Self.lines((0..<5).map { Self.event($0) })
    #expect(lines[0].hasPrefix("{\"timestamp\":\"1970-01-01T00:00:00Z\",\"actor\":\"ann\""))
    #expect(lines[0].contains("\"resource\":\"ticket \\\"#1\\\"\\n\""))
    let intact = AuditChain.verify(lines)
    #expect(intact.isIntact && intact.eventCount == 5 && intact.anchor == AuditChain.genesis)
    lines[2] = lines[2].replacingOccurrences("\"ann\"", "\"bob\"")
    #expect(AuditChain.verify(lines).problems.map(\.line) == [3])
    var removed = Self.lines((0..<5).map { Self.event($0) })
    removed.remove(at: 1)
    #expect(
      AuditChain.verify(removed).problems.map(\.description) == [
        "line 2: prev does not match line 1"
      ])
    #expect(AuditChain.verify(["{}"]).problems.map(\.line) == [1])
  }

  @Test func decisionsBecomeEvents() {
    let event = AuditEvent(
      decision: .deny(.mfaRequired), at: Timestamp(seconds: 0), actor: "ann", action: "a",
      resource: "r")
    #expect(event.result == .failure && event.reason == "mfaRequired")
    let sink = InMemoryAuditSink()
    try? sink.record(event)
    try? sink.record(Self.event(100))
    #expect(sink.applyRetention(.ninetyDays, at: Timestamp(seconds: 100 * 86_400)) == 1)
    #expect(sink.events.count == 1)
  }

  @Test func fileSinkChainsAppliesRetentionAndVerifies() throws {
    let path = "/tmp/clearance-audit-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).jsonl"
    defer { unlink(path) }
    let log = try AuditLogFile(path: path, retention: .ninetyDays, now: Timestamp(seconds: 0))
    for day in [0, 10, 50, 80] as [Int64] { try log.record(Self.event(day)) }
    var verification = try AuditLogFile.verify(path: path)
    #expect(verification.isIntact && verification.eventCount == 4)
    // At day 120 the events of days 0 and 10 are past 90 days.
    #expect(try log.applyRetention(at: Timestamp(seconds: 120 * 86_400)) == 2)
    verification = try AuditLogFile.verify(path: path)
    #expect(verification.isIntact && verification.eventCount == 2)
    #expect(verification.anchor != AuditChain.genesis)
    // Reopening continues the chain.
    let reopened = try AuditLogFile(
      path: path, retention: .ninetyDays, now: Timestamp(seconds: 120 * 86_400))
    try reopened.record(Self.event(121, "bob"))
    verification = try AuditLogFile.verify(path: path)
    #expect(verification.isIntact && verification.eventCount == 3)
    // Recording more than a day past an event's retention removes it on the way.
    try reopened.record(Self.event(150, "bob"))
    #expect(try AuditLogFile.verify(path: path).eventCount == 3)
    #expect(throws: AuditError.self) { try AuditLogFile.verify(path: path + ".missing") }
  }
}

extension String {
  fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    var out = ""
    var rest = self[...]
    while let range = rest.firstRange(of: target) {
      out += rest[..<range.lowerBound] + replacement
      rest = rest[range.upperBound...]
    }
    return out + rest
  }
}
