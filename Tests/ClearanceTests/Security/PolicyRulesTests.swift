import Clearance
import Testing

@Suite("Security — passwords and sessions")
struct PasswordAndSessionTests {
  @Test func everyBrokenPasswordRuleIsReported() {
    let policy = PasswordPolicy()
    let never: (String, Int) -> Bool = { _, _ in false }
    #expect(policy.violations(of: "Correct-Horse-7", matchesRecent: never).isEmpty)
    #expect(
      policy.violations(of: "short", matchesRecent: never)
        == [.tooShort(minimum: 12), .missingUppercase, .missingDigit, .missingSymbol])
    #expect(
      policy.violations(of: "ALLUPPERCASE12!", matchesRecent: never) == [.missingLowercase])
    var asked: [Int] = []
    let reused = policy.violations(of: "Correct-Horse-7") { _, count in
      asked.append(count)
      return true
    }
    #expect(reused == [.reused(history: 5)] && asked == [5])
    #expect(
      policy.violations(of: String(repeating: "a", count: 2000), matchesRecent: never)
        == [.tooLong(maximum: 1024)])
    let relaxed = PasswordPolicy(minimumLength: 4, requiresCharacterClasses: false, historyCount: 0)
    #expect(relaxed.violations(of: "abcd", matchesRecent: { _, _ in true }).isEmpty)
  }

  @Test func passwordsExpireAfterTheirAge() {
    let policy = PasswordPolicy(maximumAgeDays: 90)
    let set = Timestamp(seconds: 0)
    #expect(!policy.isExpired(changedAt: set, now: Timestamp(seconds: 90 * 86_400 - 1)))
    #expect(policy.isExpired(changedAt: set, now: Timestamp(seconds: 90 * 86_400)))
    #expect(
      !PasswordPolicy(maximumAgeDays: nil).isExpired(
        changedAt: set, now: Timestamp(seconds: .max / 2_000_000_000)))
  }

  @Test func idleSessionsEndThenTheOldestBeyondTheLimit() {
    let policy = SessionPolicy(idleTimeoutSeconds: 1800, maximumConcurrent: 2)
    let now = Timestamp(seconds: 10_000)
    let sessions = [
      Session(id: "a", created: Timestamp(seconds: 100), lastActive: Timestamp(seconds: 9_000)),
      Session(id: "b", created: Timestamp(seconds: 50), lastActive: Timestamp(seconds: 9_500)),
      Session(id: "c", created: Timestamp(seconds: 10), lastActive: Timestamp(seconds: 8_000)),
      Session(id: "d", created: Timestamp(seconds: 200), lastActive: Timestamp(seconds: 9_900)),
    ]
    #expect(
      policy.sessionsToEnd(sessions, now: now)
        == [SessionEnd(id: "b", reason: .overLimit), SessionEnd(id: "c", reason: .idle)])
    #expect(
      policy.sessionsToEnd(sessions, now: now, starting: true).map(\.id) == ["a", "b", "c"])
    #expect(
      SessionPolicy().sessionsToEnd(sessions, now: now) == [SessionEnd(id: "c", reason: .idle)])
    #expect(SessionPolicy().idleTimeoutSeconds == 1800 && SessionPolicy().maximumConcurrent == 5)
  }
}

@Suite("Security — API keys")
struct APIKeyTests {
  @Test func issuedKeysStoreOnlyTheDigestAndMatchTheirSecret() throws {
    let now = Timestamp(seconds: 1_000)
    let issued = APIKey.issue(user: "ann", org: "acme", scope: .read, expiry: .days90, at: now)
    #expect(issued.secret.hasPrefix("clr_\(issued.key.id)_"))
    #expect(APIKey.id(inSecret: issued.secret) == issued.key.id)
    #expect(issued.key.digest == SHA256.hash(issued.secret.utf8))
    #expect(issued.key.matches(issued.secret))
    #expect(!issued.key.matches(issued.secret + "x"))
    #expect(issued.key.expires == now.adding(seconds: 90 * 86_400))
    let other = APIKey.issue(user: "ann", org: "acme", scope: .read, expiry: .never, at: now)
    #expect(other.secret != issued.secret && other.key.expires == nil)
  }

  @Test func usableUntilExpiryOrRevocation() {
    var key = APIKey.issue(
      user: "ann", org: "acme", scope: .write, expiry: .days30, at: Timestamp(seconds: 0)
    ).key
    #expect(key.isUsable(at: Timestamp(seconds: 30 * 86_400 - 1)))
    #expect(!key.isUsable(at: Timestamp(seconds: 30 * 86_400)))
    key.isRevoked = true
    #expect(!key.isUsable(at: Timestamp(seconds: 1)))
    #expect(APIKeyExpiry(days: 180) == .days180 && APIKeyExpiry(days: nil) == .never)
    #expect(APIKeyExpiry(days: 7) == nil)
  }

  @Test func malformedSecretsHaveNoID() {
    for text in [
      "", "clr_", "clr_0123456789abcdef",
      "xyz_0123456789abcdef_" + String(repeating: "0", count: 64),
      "clr_0123456789abcdeg_" + String(repeating: "0", count: 64),
    ] {
      #expect(APIKey.id(inSecret: text) == nil, "\(text)")
    }
  }
}
