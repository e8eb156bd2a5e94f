import Clearance
import Testing

/// docs/SEMANTICS.md section 1, host-built principals: a host may build a principal from
/// its own data; it decides like a directory user with the same data, and is refused
/// when built, with each problem named, if a membership names something the snapshot
/// does not know or a second membership names the same organization.
@Suite("Semantics 1 — host-built principals")
struct HostPrincipalTests {
  @Test func aSecondMembershipInTheSameOrganizationIsRefused() throws {
    let s = try Shop.snapshot()
    do {
      _ = try s.principal(
        user: "zed",
        memberships: [
          Membership(user: "zed", org: "hq", role: "TECH"),
          Membership(user: "zed", org: "hq", role: "CASHIER"),
        ])
      Issue.record("a principal with two memberships in hq was built")
    } catch {
      #expect(error.issues.map(\.path) == ["memberships[1]"])
      #expect(error.issues.first?.message.contains("\"hq\"") == true)
    }
  }

  @Test func everyUnknownNameIsNamedWithItsPlace() throws {
    let s = try Shop.snapshot()
    do {
      _ = try s.principal(
        user: "zed",
        memberships: [
          Membership(user: "zed", org: "nowhere", role: "TECH"),
          Membership(user: "zed", org: "hq", role: "KING"),
          Membership(user: "zed", org: "east", role: "TECH", shops: ["north"]),
        ])
      Issue.record("a principal naming unknown things was built")
    } catch {
      #expect(
        error.issues.map(\.path) == [
          "memberships[0].org", "memberships[1].role", "memberships[2].shops[0]",
        ])
    }
  }
}
