/// A decision with everything that led to it: each check in order, and for each
/// membership its relation and the grants that matched or almost matched.
public struct Explanation: Sendable, Hashable, CustomStringConvertible {
  /// The decision; always the same as ``Snapshot/can(_:_:_:)-(Principal,_,_)`` returns.
  public let decision: Decision
  /// Who asked.
  public let user: UserID
  /// What was asked, as written in case files.
  public let action: String
  /// On what.
  public let resource: Resource
  /// Every check, in order.
  public let checks: [CheckTrace]
  /// Every membership of the principal.
  public let memberships: [MembershipTrace]

  /// A readable multi-line trace.
  public var description: String {
    var lines: [String] = []
    let status = decision.httpStatus
    lines.append("decision: \(decision) (HTTP \(status))")
    var target = "org \(resource.org)"
    if let shop = resource.shop { target += ", shop \(shop)" }
    if let assignee = resource.assignee { target += ", assignee \(assignee)" }
    if let state = resource.state { target += ", state \(state)" }
    lines.append("request: \(user) → \(action) on \(target)")
    lines.append("checks:")
    for check in checks {
      let mark =
        switch check.outcome {
        case .passed: "✓"
        case .failed: "✗"
        case .notApplicable: "–"
        case .notReached: "·"
        }
      lines.append(
        "  \(mark) \(check.step.number). \(check.step.rawValue): \(check.outcome.rawValue) — \(check.detail)"
      )
    }
    if !memberships.isEmpty { lines.append("memberships:") }
    for membership in memberships {
      var head = "  \(membership.org) as \(membership.role)"
      if membership.roleIsDeleted { head += " (deleted role: grants nothing)" }
      head += membership.relation.map { ", relation \($0)" } ?? ", unrelated"
      if membership.relation != nil {
        head += membership.allows ? " → allows" : " → does not allow"
      }
      lines.append(head)
      for permission in membership.permissions {
        var line = "    \(permission.permission): "
        if permission.isActive {
          line += "active"
        } else if permission.isCovered {
          line +=
            "inactive: missing prerequisite "
            + permission.missingPrerequisites.map(\.rawValue).joined(separator: ", ")
        } else {
          line +=
            permission.grants.isEmpty ? "not granted" : "granted, but no grant covers the resource"
        }
        lines.append(line)
        for match in permission.grants {
          var grant =
            "      \(match.covers ? "covers" : "misses"): \(match.grant.permission) @ \(match.grant.scope)"
          if let states = match.grant.states {
            grant += " when state in [\(states.map(\.rawValue).joined(separator: ", "))]"
          }
          grant += " from \(match.source)"
          lines.append(grant)
        }
      }
    }
    return lines.joined(separator: "\n")
  }
}
