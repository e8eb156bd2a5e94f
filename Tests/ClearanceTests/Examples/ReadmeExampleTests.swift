import Clearance
import Testing

// The README's example, kept here so it cannot rot: if this file changes, change the
// README's "Using it" section with it.

@Test func theReadmeExampleCompilesAndDecidesAsDocumented() throws {
  // README example begins
  let policy = Policy(
    permissions: [
      "tickets::ticket::read",
      PermissionDefinition("tickets::ticket::edit", requires: ["tickets::ticket::read"]),
    ],
    roles: [
      Role("TECH", grants: [Grant("tickets::ticket::*", scope: .assigned)]),
      Role("MANAGER", inherits: ["TECH"], grants: [Grant("tickets::*::*", scope: .shop)]),
    ])
  let directory = Directory(
    organizations: [Organization("acme", shops: ["north", "south"])],
    users: ["tina", "max"],
    memberships: [
      Membership(user: "tina", org: "acme", role: "TECH"),
      Membership(user: "max", org: "acme", role: "MANAGER", shops: ["north"]),
    ])
  let snapshot = try Snapshot(policy: CompiledPolicy(policy), directory: directory)

  // Resolve names to handles once…
  let edit = snapshot.action("tickets::ticket::edit")
  let max = snapshot.principal("max")
  let names = Resource(org: "acme", shop: "south", assignee: "tina")
  let ticket = snapshot.resolve(names)

  // …then check in nanoseconds, without allocating.
  let decision = snapshot.can(max, edit, ticket)
  print(decision)  // deny(notPermitted): max manages north, the ticket is in south
  print(decision.httpStatus)  // 403
  print(snapshot.can("tina", "tickets::ticket::edit", names))  // allow

  // Explain says why.
  print(snapshot.explain(max, edit, ticket))
  // README example ends
  #expect(decision == .deny(.notPermitted))
  #expect(decision.httpStatus == 403)
  #expect(snapshot.can("tina", "tickets::ticket::edit", names) == .allow)
}
