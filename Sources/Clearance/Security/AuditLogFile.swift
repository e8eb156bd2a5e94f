#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An audit sink writing a JSON Lines file, each event chained to the one before by
/// SHA-256 (see ``AuditChain``), keeping events for its retention period.
///
/// Opening reads the file's last hash so that new events continue the chain. Events older
/// than the retention period are removed when the log is opened and, at most once a day,
/// when an event is recorded: the file is rewritten to a temporary file and renamed over
/// the old one, so a crash leaves either log whole. Thread-safe; one process should own a
/// file.
public final class AuditLogFile: AuditSink, @unchecked Sendable {
  /// The file's path.
  public let path: String
  /// How long events are kept.
  public let retention: AuditRetention
  // `lastHash` and `oldest` are read and written only under `lock`.
  private let lock = Lock()
  private var lastHash: String
  private var oldest: Timestamp?

  /// Opens (or creates on first write) the log at `path`, applying retention at `now`.
  ///
  /// - Throws: ``AuditError`` when the file cannot be read, a line is not an audit line,
  ///   or the rewrite fails.
  public init(path: String, retention: AuditRetention, now: Timestamp) throws(AuditError) {
    self.path = path
    self.retention = retention
    let lines = try Self.readLines(path, missingIsEmpty: true)
    lastHash = AuditChain.genesis
    if let last = lines.last {
      guard let parts = AuditChain.parts(of: last) else {
        throw AuditError("\(path): line \(lines.count) is not an audit line")
      }
      lastHash = parts.hash
    }
    oldest = lines.first.flatMap(AuditChain.timestamp(of:))
    _ = try lock.withLock { () throws(AuditError) in try prune(lines, now: now) }
  }

  /// Appends the event, chained to the last one, after removing expired events when the
  /// oldest is more than a day past the retention period.
  public func record(_ event: AuditEvent) throws(AuditError) {
    try lock.withLock { () throws(AuditError) in
      if let oldest, oldest < retention.cutoff(at: event.timestamp).adding(seconds: -secondsPerDay)
      {
        try prune(Self.readLines(path, missingIsEmpty: true), now: event.timestamp)
      }
      let line = AuditChain.line(of: event, previous: lastHash)
      try Self.write([line], to: path, mode: "a")
      if let parts = AuditChain.parts(of: line) { lastHash = parts.hash }
      if oldest == nil { oldest = event.timestamp }
    }
  }

  /// Removes the events older than the retention period at `now`; returns how many.
  @discardableResult
  public func applyRetention(at now: Timestamp) throws(AuditError) -> Int {
    try lock.withLock { () throws(AuditError) in
      try prune(Self.readLines(path, missingIsEmpty: true), now: now)
    }
  }

  /// Checks the chain of the log at `path`.
  ///
  /// - Throws: ``AuditError`` when the file cannot be read.
  public static func verify(path: String) throws(AuditError) -> AuditVerification {
    AuditChain.verify(try readLines(path, missingIsEmpty: false))
  }

  /// Rewrites the file without the lines older than the cutoff (under the lock).
  @discardableResult
  private func prune(_ lines: [String], now: Timestamp) throws(AuditError) -> Int {
    let cutoff = retention.cutoff(at: now)
    let kept = lines.drop { line in (AuditChain.timestamp(of: line) ?? now) < cutoff }
    let removed = lines.count - kept.count
    oldest = kept.first.flatMap(AuditChain.timestamp(of:))
    guard removed > 0 else { return 0 }
    let temporary = path + ".tmp"
    try Self.write(Array(kept), to: temporary, mode: "w")
    guard rename(temporary, path) == 0 else {
      throw AuditError("\(path): cannot replace the log (errno \(errno))")
    }
    return removed
  }

  /// The lines of a file, without newlines (a missing file is empty when allowed).
  static func readLines(_ path: String, missingIsEmpty: Bool) throws(AuditError) -> [String] {
    guard let file = fopen(path, "r") else {
      if missingIsEmpty && errno == ENOENT { return [] }
      throw AuditError("\(path): cannot open (errno \(errno))")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if count > 0 { bytes += buffer[0..<count] }
      if count < buffer.count { break }
    }
    guard ferror(file) == 0 else { throw AuditError("\(path): read error") }
    return bytes.split(separator: UInt8(ascii: "\n")).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  /// Writes lines, each ending in a newline, and flushes them to the file.
  static func write(_ lines: [String], to path: String, mode: String) throws(AuditError) {
    guard let file = fopen(path, mode) else {
      throw AuditError("\(path): cannot open for writing (errno \(errno))")
    }
    var bytes: [UInt8] = []
    for line in lines {
      bytes += line.utf8
      bytes.append(UInt8(ascii: "\n"))
    }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    let flushed = fflush(file) == 0
    let closed = fclose(file) == 0
    guard written == bytes.count, flushed, closed else {
      throw AuditError("\(path): write failed")
    }
  }
}
