/// Session rules (RepairOps: log out after 30 idle minutes; at most 5 sessions a user, the
/// oldest logged out when a new one would exceed that). A pure decision: the host keeps
/// its sessions and ends the ones named.
public struct SessionPolicy: Sendable, Hashable {
  /// Seconds of inactivity after which a session ends.
  public var idleTimeoutSeconds: Int64
  /// The most sessions one user may hold at once (at least 1).
  public var maximumConcurrent: Int

  /// Creates a policy; the defaults are 30 minutes and 5 sessions.
  public init(idleTimeoutSeconds: Int64 = 1800, maximumConcurrent: Int = 5) {
    self.idleTimeoutSeconds = idleTimeoutSeconds
    self.maximumConcurrent = maximumConcurrent
  }

  /// Whether a session last active at `lastActive` has timed out at `now`.
  public func isIdle(lastActive: Timestamp, now: Timestamp) -> Bool {
    lastActive.adding(seconds: idleTimeoutSeconds) <= now
  }

  /// Which of a user's sessions to end at `now`, and, when `starting` a new one, which to
  /// end to make room for it.
  ///
  /// Idle sessions end first; then, while more remain than the limit allows (one fewer
  /// when starting), the oldest by creation time (ties: the earlier in `sessions`) ends.
  /// The result lists ids in the order of `sessions`.
  public func sessionsToEnd(_ sessions: [Session], now: Timestamp, starting: Bool = false)
    -> [SessionEnd]
  {
    var ends = [SessionEnd.Reason?](repeating: nil, count: sessions.count)
    var live: [Int] = []
    for (i, session) in sessions.enumerated() {
      if isIdle(lastActive: session.lastActive, now: now) {
        ends[i] = .idle
      } else {
        live.append(i)
      }
    }
    let allowed = max(1, maximumConcurrent) - (starting ? 1 : 0)
    if live.count > allowed {
      let oldestFirst = live.sorted {
        (sessions[$0].created, $0) < (sessions[$1].created, $1)
      }
      for i in oldestFirst.prefix(live.count - allowed) { ends[i] = .overLimit }
    }
    return sessions.indices.compactMap { i in
      ends[i].map { SessionEnd(id: sessions[i].id, reason: $0) }
    }
  }
}

/// One of a user's sessions, as the host knows it.
public struct Session: Sendable, Hashable {
  /// The host's session id.
  public var id: String
  /// When the session started.
  public var created: Timestamp
  /// When it was last used.
  public var lastActive: Timestamp

  /// Creates a session description.
  public init(id: String, created: Timestamp, lastActive: Timestamp) {
    self.id = id
    self.created = created
    self.lastActive = lastActive
  }
}

/// A session the host should end, and why.
public struct SessionEnd: Sendable, Hashable {
  /// The session's id.
  public var id: String
  /// Why it ends.
  public var reason: Reason

  /// Creates a session end.
  public init(id: String, reason: Reason) {
    self.id = id
    self.reason = reason
  }

  /// Why a session ends.
  public enum Reason: Sendable, Hashable {
    /// Idle longer than the timeout.
    case idle
    /// The oldest beyond the concurrent-session limit.
    case overLimit
  }
}
