import Clearance
import Testing

@Suite("Security — allowed targets with a request context")
struct AllowedTargetsContextTests {
  /// Every user, every ticket state and a spread of contexts (inside and outside the
  /// allowlist, with and without MFA, with each key): the targets are exactly those
  /// `can(…, context:)` allows.
  @Test func targetsAreExactlyWhatCanWithTheContextAllows() throws {
    let snapshot = try SecureShop.snapshot()
    let states: [StateName] = ["INTAKE", "IN_REPAIR", "QC_REVIEW", "VOIDED", "NOPE"]
    let targets: [StateName] = ["INTAKE", "IN_REPAIR", "QC_REVIEW", "VOIDED"]
    var contexts = [
      SecureShop.context(), SecureShop.context(ip: "10.9.9.9"), SecureShop.context(ip: nil),
      SecureShop.context(mfa: 60), SecureShop.context(ip: "10.0.0.1", mfa: 60),
    ]
    contexts += (0..<SecureShop.keys.count).map { SecureShop.context(mfa: 60, key: $0) }
    var allowedSome = false
    for user in snapshot.directory.users.map(\.id) {
      let principal = snapshot.principal(user)
      for org in ["hq", "east", "west"] as [OrgID] {
        for state in states {
          let resource = snapshot.resolve(Resource(org: org, assignee: "tina", state: state))
          for context in contexts {
            let expected = targets.filter {
              snapshot.can(
                principal, snapshot.transition(in: "ticket", to: $0), resource, context: context
              ).isAllowed
            }
            let actual = snapshot.allowedTargets(
              for: principal, moving: resource, in: "ticket", context: context)
            #expect(actual == expected, "\(user) \(org) \(state) \(context)")
            allowedSome = allowedSome || !actual.isEmpty
          }
        }
      }
    }
    #expect(allowedSome)
    let olga = snapshot.principal("olga")
    let resource = snapshot.resolve(Resource(org: "hq", state: "INTAKE"))
    #expect(
      snapshot.allowedTargets(
        for: olga, moving: resource, in: "invoice", context: SecureShop.context()
      ).isEmpty)
    // Outside hq's allowlist nothing is allowed, though the owner may move it without one.
    #expect(
      snapshot.allowedTargets(
        for: olga, moving: resource, in: "ticket", context: SecureShop.context(ip: "10.9.9.9")
      ).isEmpty)
    #expect(
      !snapshot.allowedTargets(
        for: olga, moving: resource, in: "ticket", context: SecureShop.context(mfa: 60)
      ).isEmpty)
  }
}
