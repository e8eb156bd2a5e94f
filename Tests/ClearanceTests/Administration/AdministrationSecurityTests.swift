// The API-key and security-settings operations: createAPIKey (the secret issued once, only
// its digest stored and logged), revokeAPIKey, setAllowlist and setMFA, with their rules,
// replay, batches and audit.

import Clearance
import ClearanceJSON
import ClearanceTestSupport
import Foundation
import Testing

enum SecureOffice {
  static let t0 = Timestamp(seconds: 1_780_000_000)

  static func rules(
    forOthers: Bool = false, grantOnlyHeld: Bool = false
  ) -> AdministrationPolicy {
    var rules = Office.rules
    rules.permissions[.createAPIKey] = "admin::members::manage"
    rules.permissions[.revokeAPIKey] = "admin::members::manage"
    rules.permissions[.setAllowlist] = "admin::org::billing"
    rules.permissions[.setMFA] = "admin::org::billing"
    rules.apiKeysForOthers = forOthers
    rules.grantOnlyHeld = grantOnlyHeld
    return rules
  }

  static func snapshot(_ rules: AdministrationPolicy = rules()) throws -> Snapshot {
    var policy = Office.policy(rules)
    policy.security = SecuritySettings(
      apiKeyScopes: [
        .read: ["tickets::ticket::read"], .write: ["tickets::*::*"], .admin: ["*"],
      ],
      mfaAdminRoles: ["OWNER"])
    return try Snapshot(policy: CompiledPolicy(policy), directory: Office.directory)
  }

  static func key(
    _ user: UserID, _ org: OrgID = "acme", _ scope: APIKeyScope = .read,
    _ expiry: APIKeyExpiry = .days30
  ) -> AdministrationOperation.Change {
    .createAPIKey(NewAPIKey(user: user, org: org, scope: scope, expiry: expiry, created: t0))
  }
}

/// The bytes of a snapshot's written policy and directory.
private func written(_ snapshot: Snapshot) throws -> [UInt8] {
  try JSONDocuments.encode(snapshot.currentPolicy) + JSONDocuments.encode(snapshot.directory)
}

/// `actor` applies `change` with a seeded generator: the rule that rejects it, or nil.
private func issuing(
  _ snapshot: Snapshot, _ actor: UserID, _ change: AdministrationOperation.Change
)
  -> AdministrationRule?
{
  var generator = SplitMix64(seed: 1)
  do {
    _ = try snapshot.applied(AdministrationOperation(actor: actor, change), using: &generator)
    return nil
  } catch {
    return error.rule
  }
}

@Suite("Administration: API keys and security settings")
struct AdministrationSecurityTests {
  let office: Snapshot
  let read = Resource(org: "acme")

  init() throws { office = try SecureOffice.snapshot() }

  func context(_ secret: String?, days: Int64 = 1, ip: String? = nil) -> RequestContext {
    RequestContext(
      time: SecureOffice.t0.adding(seconds: days * 86_400), clientIP: ip.flatMap(IPAddress.init),
      apiKey: secret)
  }

  @Test func aKeyIsIssuedOnceAndOnlyItsDigestIsStoredAndLogged() throws {
    var generator = SplitMix64(seed: 42)
    let result = try office.applied(
      AdministrationOperation(actor: "olga", SecureOffice.key("olga")), using: &generator)
    let issued = try #require(result.issuedKeys.first)
    #expect(result.issuedKeys.count == 1)
    #expect(APIKey.id(inSecret: issued.secret) == issued.key.id)
    guard case .createAPIKey(let logged) = result.operation.change else {
      Issue.record("the logged operation is not a createAPIKey")
      return
    }
    #expect(logged.id == issued.key.id)
    #expect(logged.digest == SHA256.hash(issued.secret.utf8))
    #expect(result.snapshot.apiKeys == office.apiKeys + [issued.key])
    #expect(issued.key.expires == SecureOffice.t0.adding(seconds: 30 * 86_400))
    // The secret appears neither in the written files nor in the logged operation.
    let files = String(decoding: try written(result.snapshot), as: UTF8.self)
    let log = String(decoding: try JSONDocuments.encode(result.operation), as: UTF8.self)
    #expect(!files.contains(issued.secret) && !log.contains(issued.secret))
    #expect(log.contains(issued.key.digest.hex))
    // The key works, within its scope, until it expires.
    let snapshot = result.snapshot
    let edit: ActionName = "tickets::ticket::edit"
    #expect(
      snapshot.can("olga", "tickets::ticket::read", read, context: context(issued.secret)) == .allow
    )
    #expect(
      snapshot.can("olga", edit, read, context: context(issued.secret)) == .deny(.apiKeyScope))
    #expect(
      snapshot.can("olga", "tickets::ticket::read", read, context: context(issued.secret, days: 31))
        == .deny(.apiKeyInvalid))
    #expect(
      snapshot.can("ada", "tickets::ticket::read", read, context: context(issued.secret))
        == .deny(.apiKeyInvalid))
  }

  @Test func replayingTheLoggedOperationGivesTheSameSnapshot() throws {
    let operation = AdministrationOperation(actor: "olga", SecureOffice.key("olga", "acme", .write))
    let result = try office.applied(operation)
    let replayed = try office.applying(result.operation)
    #expect(try written(replayed) == written(result.snapshot))
    #expect(replayed.version == result.snapshot.version)
    // A log entry read back from JSON replays identically too.
    let entry = try JSONDocuments.decode(
      AdministrationOperation.self, from: JSONDocuments.encode(result.operation))
    #expect(try written(office.applying(entry)) == written(result.snapshot))
    // The unissued operation cannot be replayed: its secret would be lost.
    let before = try written(office)
    #expect(throws: AdministrationRejection.self) { try office.applying(operation) }
    #expect(outcome(office, "olga", operation.change) == .invalid)
    #expect(try written(office) == before)
    // Replaying the same issued key twice is refused by its id.
    #expect(outcome(replayed, "olga", result.operation.change) == .alreadyExists)
  }

  @Test func keysAreOwnUnlessThePolicyLetsAdminsIssueThemForOthers() throws {
    let before = try written(office)
    #expect(issuing(office, "ada", SecureOffice.key("sue")) == .notOwnKey)
    #expect(issuing(office, "ada", SecureOffice.key("ada")) == nil)
    #expect(try written(office) == before)
    // The operation's permission is still needed, and the key's user must be a member.
    #expect(issuing(office, "sue", SecureOffice.key("sue")) == .notPermitted)
    #expect(issuing(office, "olga", SecureOffice.key("ed")) == .unknownTarget)
    #expect(issuing(office, "olga", SecureOffice.key("olga", "nowhere")) == .unknownTarget)
    let others = try SecureOffice.snapshot(SecureOffice.rules(forOthers: true))
    #expect(issuing(others, "ada", SecureOffice.key("sue")) == nil)
    // With grantOnlyHeld, the actor receives the secret: the key may reach only what the
    // actor holds. ada holds no ticket permission; olga holds everything.
    let held = try SecureOffice.snapshot(SecureOffice.rules(forOthers: true, grantOnlyHeld: true))
    #expect(issuing(held, "ada", SecureOffice.key("sue")) == .beyondOwnAccess)
    #expect(issuing(held, "olga", SecureOffice.key("sue", "acme", .admin)) == nil)
    // A key for an admin whose scope reaches only admin permissions ada holds is fine.
    #expect(issuing(held, "ada", SecureOffice.key("max", "acme", .admin)) == .beyondOwnAccess)
  }

  @Test func aRevokedKeyNeverWorksAgain() throws {
    var generator = SplitMix64(seed: 7)
    let result = try office.applied(
      AdministrationOperation(actor: "olga", SecureOffice.key("olga")), using: &generator)
    let issued = try #require(result.issuedKeys.first)
    let id = issued.key.id
    #expect(outcome(result.snapshot, "olga", .revokeAPIKey(org: "east", id: id)) == .unknownTarget)
    #expect(
      outcome(result.snapshot, "olga", .revokeAPIKey(org: "acme", id: "ffffffffffffffff"))
        == .unknownTarget)
    #expect(outcome(result.snapshot, "sue", .revokeAPIKey(org: "acme", id: id)) == .notPermitted)
    let revoked = try result.snapshot.applying(
      AdministrationOperation(actor: "ada", .revokeAPIKey(org: "acme", id: id)))
    #expect(
      revoked.can("olga", "tickets::ticket::read", read, context: context(issued.secret))
        == .deny(.apiKeyInvalid))
    #expect(revoked.apiKeys.last?.isRevoked == true)
    #expect(outcome(revoked, "olga", .revokeAPIKey(org: "acme", id: id)) == .unknownTarget)
  }

  @Test func aMalformedAllowlistEntryIsRefusedByItsPlace() throws {
    let before = try written(office)
    let bad = AdministrationOperation(
      actor: "ada", .setAllowlist(org: "acme", entries: ["10.0.0.0/8", "::1", "10.0.0.300"]))
    #expect(throws: AdministrationRejection.self) { try office.applying(bad) }
    do {
      _ = try office.applying(bad)
    } catch {
      #expect(error.rule == .invalid)
      #expect(error.message.contains("entries[2]"))
    }
    #expect(try written(office) == before)
    #expect(
      outcome(office, "sue", .setAllowlist(org: "acme", entries: ["10.0.0.0/8"])) == .notPermitted)
  }

  @Test func anAllowlistAppliesToTheOrganizationAndItsChildrenUntilRemoved() throws {
    let listed = try office.applying(
      AdministrationOperation(actor: "ada", .setAllowlist(org: "acme", entries: ["10.0.0.0/8"])))
    let sue = "sue" as UserID
    let action: ActionName = "tickets::ticket::read"
    #expect(listed.can(sue, action, read, context: context(nil)) == .deny(.ipNotAllowed))
    #expect(listed.can(sue, action, read, context: context(nil, ip: "10.1.2.3")) == .allow)
    #expect(
      listed.can(sue, action, Resource(org: "east"), context: context(nil, ip: "192.0.2.1"))
        == .deny(.ipNotAllowed))
    #expect(listed.directory.organizations[0].security.ipAllowlist == ["10.0.0.0/8"])
    // From now on an operation in acme is decided with the actor's context: without one,
    // or from outside the list, it is refused; a context with an API key is refused too.
    let removal = AdministrationOperation(actor: "ada", .setAllowlist(org: "acme", entries: nil))
    #expect(outcome(listed, "ada", removal.change) == .notPermitted)
    var outside = removal
    outside.context = context(nil, ip: "192.0.2.1")
    #expect(throws: AdministrationRejection.self) { try listed.applying(outside) }
    var withKey = removal
    withKey.context = context(
      "clr_0123456789abcdef_" + String(repeating: "0", count: 64), ip: "10.0.0.1")
    #expect(
      throws: AdministrationRejection(
        .invalid, "an operation's context may not carry an API key: it would be logged")
    ) {
      try listed.applying(withKey)
    }
    var inside = removal
    inside.context = context(nil, ip: "10.9.9.9")
    let removed = try listed.applying(inside)
    #expect(removed.can(sue, action, read, context: context(nil)) == .allow)
    // The context is part of the logged operation: it replays the same.
    let entry = try JSONDocuments.decode(
      AdministrationOperation.self, from: JSONDocuments.encode(inside))
    #expect(entry == inside)
  }

  @Test func mfaEnforcementStartsAfterItsGracePeriod() throws {
    let enforced = try office.applying(
      AdministrationOperation(
        actor: "ada",
        .setMFA(org: "acme", enforcement: MFAEnforcement(.required, since: SecureOffice.t0))))
    let action: ActionName = "tickets::ticket::read"
    #expect(enforced.can("sue", action, read, context: context(nil, days: 3)) == .allow)
    #expect(
      enforced.can("sue", action, read, context: context(nil, days: 8)) == .deny(.mfaRequired))
    var lift = AdministrationOperation(actor: "ada", .setMFA(org: "acme", enforcement: nil))
    #expect(throws: AdministrationRejection.self) { try enforced.applying(lift) }
    lift.context = RequestContext(
      time: SecureOffice.t0.adding(seconds: 8 * 86_400),
      mfaVerifiedAt: SecureOffice.t0.adding(seconds: 8 * 86_400 - 60))
    let lifted = try enforced.applying(lift)
    #expect(lifted.can("sue", action, read, context: context(nil, days: 8)) == .allow)
  }

  @Test func aBatchIssuesEveryKeyInOrderAsOneVersion() throws {
    let batch = AdministrationOperation(
      actor: "olga",
      .batch([
        AdministrationOperation(actor: "olga", SecureOffice.key("olga")),
        AdministrationOperation(actor: "olga", SecureOffice.key("olga", "acme", .admin, .never)),
      ]))
    let result = try office.applied(batch)
    #expect(result.issuedKeys.map(\.key.scope) == [.read, .admin])
    #expect(result.issuedKeys[1].key.expires == nil)
    #expect(result.snapshot.version == office.version + 1)
    #expect(try written(office.applying(result.operation)) == written(result.snapshot))
    // A batch whose later operation is refused issues nothing at all.
    let refused = AdministrationOperation(
      actor: "olga",
      .batch([
        AdministrationOperation(actor: "olga", SecureOffice.key("olga")),
        AdministrationOperation(actor: "olga", SecureOffice.key("nobody")),
      ]))
    #expect(throws: AdministrationRejection.self) { try office.applied(refused) }
  }

  @Test func theStoreReturnsTheSecretAndAuditsEveryAttemptInTheChainedLog() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("clearance-admin-audit-\(UInt64.random(in: 0...UInt64.max)).jsonl")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let log = try AuditLogFile(path: path, retention: .ninetyDays, now: SecureOffice.t0)
    let store = SnapshotStore(office)
    let result = try store.applied(
      AdministrationOperation(actor: "olga", SecureOffice.key("olga")), at: SecureOffice.t0,
      audit: log)
    #expect(store.current.version == 1)
    #expect(result.issuedKeys.count == 1)
    #expect(throws: AdministrationRejection.self) {
      try store.apply(
        AdministrationOperation(actor: "sue", .setMFA(org: "acme", enforcement: nil)),
        at: SecureOffice.t0, audit: log)
    }
    // A decision event goes to the same log.
    try log.record(
      AuditEvent(
        decision: .deny(.ipNotAllowed), at: SecureOffice.t0, actor: "sue",
        action: "tickets::ticket::read", resource: "acme"))
    let verification = try AuditLogFile.verify(path: path)
    #expect(verification.isIntact && verification.eventCount == 3)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("\"action\":\"createAPIKey\""))
    #expect(text.contains("\"reason\":\"notPermitted\",\"version\":1,\"detail\":"))
    #expect(!text.contains(result.issuedKeys[0].secret))
  }

  @Test func anOperationWhoseEventCannotBeKeptIsNotApplied() throws {
    struct Failing: AuditSink {
      func record(_ event: AuditEvent) throws(AuditError) { throw AuditError("disk full") }
    }
    let store = SnapshotStore(office)
    #expect(throws: AdministrationRejection.self) {
      try store.apply(
        AdministrationOperation(actor: "ada", .setAllowlist(org: "acme", entries: [])),
        at: SecureOffice.t0, audit: Failing())
    }
    #expect(store.current.version == 0)
    do {
      _ = try office.applying(
        AdministrationOperation(actor: "ada", .setAllowlist(org: "acme", entries: [])),
        at: SecureOffice.t0, audit: Failing())
    } catch {
      #expect(error.rule == .auditFailed)
    }
  }
}
