/// Where a grant comes from (the OpsOS "Role / Inherited / Direct" badges).
public enum PermissionSource: Sendable, Hashable, CustomStringConvertible {
  /// A grant of the membership's own role.
  case role(RoleID)
  /// A grant of `from`, which the membership's role inherits through `via` (the role
  /// itself first, `from` last).
  case inherited(from: RoleID, via: [RoleID])
  /// A grant attached to the membership itself.
  case direct

  /// `role(R)`, `inherited(from: P, via: [R, …, P])` or `direct`.
  public var description: String {
    switch self {
    case .role(let role): "role(\(role))"
    case .inherited(let from, let via):
      "inherited(from: \(from), via: [\(via.map(\.rawValue).joined(separator: ", "))])"
    case .direct: "direct"
    }
  }
}

/// A grant that matched a permission, with its source and whether it covers the resource.
public struct GrantMatch: Sendable, Hashable {
  /// Where the grant comes from.
  public let source: PermissionSource
  /// The grant as written in the policy or directory.
  public let grant: Grant
  /// Whether the grant covers the resource (its scope reaches the relation and its state
  /// condition, if any, holds).
  public let covers: Bool
}

/// The trace of one permission for one membership.
public struct PermissionTrace: Sendable, Hashable {
  /// The permission.
  public let permission: PermissionKey
  /// Every grant of the membership whose pattern matches the permission.
  public let grants: [GrantMatch]
  /// Whether some grant covers the resource.
  public let isCovered: Bool
  /// Prerequisites (transitive) not covered at the relation: why a covered permission is
  /// inactive.
  public let missingPrerequisites: [PermissionKey]
  /// Covered, with every prerequisite covered too.
  public var isActive: Bool { isCovered && missingPrerequisites.isEmpty }
}

/// The trace of one membership of the principal.
public struct MembershipTrace: Sendable, Hashable {
  /// The membership's organization.
  public let org: OrgID
  /// The membership's role.
  public let role: RoleID
  /// Whether the role is soft-deleted (and so grants nothing).
  public let roleIsDeleted: Bool
  /// The membership's relation to the resource, or nil when unrelated.
  public let relation: Scope?
  /// The permissions the action needs, each traced (for an unrelated membership too, with
  /// no grant covering the resource).
  public let permissions: [PermissionTrace]
  /// Whether this membership allows the action: exactly what the decision's permission
  /// check found for it (a move into a state that names no enter permission is never
  /// allowed, whatever ``permissions`` shows).
  public let allows: Bool
}

/// One check of the decision pipeline (docs/SEMANTICS.md section 7) and its outcome.
public struct CheckTrace: Sendable, Hashable {
  /// The checks, in the order they run.
  public enum Step: String, Sendable, Hashable, CaseIterable {
    /// 1: the user exists and is active.
    case principal
    /// The action names a permission or transition the policy declares.
    case action
    /// 2: the API key, if one is used.
    case apiKey
    /// 3: the organization is live and a membership relates to the resource.
    case membership
    /// 4: the organization's IP allowlist.
    case ipAllowlist
    /// 5: MFA enforcement and step-up.
    case mfa
    /// 6: the action's feature is enabled.
    case feature
    /// 7: the workflow allows the move.
    case workflow
    /// 8: the permission is active at the relation.
    case permission

    /// The check's number in docs/SEMANTICS.md section 7 (`1a` for the action check, which the string
    /// API adds after the principal check).
    public var number: String {
      switch self {
      case .principal: "1"
      case .action: "1a"
      case .apiKey: "2"
      case .membership: "3"
      case .ipAllowlist: "4"
      case .mfa: "5"
      case .feature: "6"
      case .workflow: "7"
      case .permission: "8"
      }
    }
  }

  /// What became of a check.
  public enum Outcome: String, Sendable, Hashable {
    /// The check ran and passed.
    case passed
    /// The check ran and failed: its reason is the decision's.
    case failed
    /// The check does not apply to this request (nothing configured, or not a transition).
    case notApplicable
    /// An earlier check failed, so this one did not run.
    case notReached
  }

  /// Which check.
  public let step: Step
  /// Its outcome.
  public let outcome: Outcome
  /// What was checked, kept as values; rendered only when ``detail`` is read.
  let note: CheckNote

  init(step: Step, outcome: Outcome, note: CheckNote) {
    self.step = step
    self.outcome = outcome
    self.note = note
  }

  /// What was checked, for a person.
  public var detail: String { note.description }
}

/// The facts behind a check's detail. Explain records these values and renders the text
/// only when someone reads it, so an explanation costs few allocations.
enum CheckNote: Sendable, Hashable, CustomStringConvertible {
  case text(String)
  case userActive(UserID)
  case userInactive(UserID)
  case unknownUser(UserID)
  case unknownOrganization(OrgID)
  case notLive(OrgID, inactive: OrgID)
  case noRelatedMembership(UserID, OrgID)
  case related([MembershipTrace])
  case featuresEnabled(FeatureID, FeatureID?, OrgID)
  case featureDisabled(FeatureID, OrgID, globally: Bool)
  case noCurrentState(StateName?, WorkflowID)
  case noTransition(from: StateName, to: StateName, WorkflowID)
  case transition(from: StateName, to: StateName)
  case activeFor([MembershipTrace])
  case notActive(PermissionKey?, PermissionKey?)

  var description: String {
    switch self {
    case .text(let text): text
    case .userActive(let user): "user \(user) is active"
    case .userInactive(let user): "user \(user) is inactive"
    case .unknownUser(let user): "unknown user \(user)"
    case .unknownOrganization(let org): "unknown organization \(org)"
    case .notLive(let org, let inactive):
      "organization \(org) is not live (\(inactive) is inactive)"
    case .noRelatedMembership(let user, let org):
      "no membership of \(user) relates to organization \(org)"
    case .related(let traces):
      "related: "
        + traces.compactMap { trace in
          trace.relation.map { "\(trace.org) as \(trace.role) (\($0))" }
        }.joined(separator: "; ")
    case .featuresEnabled(let first, let second, let org):
      ([first] + (second.map { [$0] } ?? [])).map { "feature \($0) enabled for \(org)" }
        .joined(separator: "; ")
    case .featureDisabled(let feature, let org, let globally):
      globally
        ? "feature \(feature) is globally switched off"
        : "feature \(feature) is disabled for \(org) (override or plan)"
    case .noCurrentState(let state, let workflow):
      "current state \(state.map { "\"\($0)\"" } ?? "no state") is not a state of workflow \(workflow)"
    case .noTransition(let from, let to, let workflow):
      "no transition \(from) → \(to) in workflow \(workflow)"
    case .transition(let from, let to): "transition \(from) → \(to)"
    case .activeFor(let traces):
      if let trace = traces.first(where: \.allows), let relation = trace.relation {
        "active for \(trace.org) as \(trace.role) at relation \(relation)"
      } else {
        "active for a membership"
      }
    case .notActive(let first, let second):
      "no related membership has "
        + [first, second].compactMap { $0?.rawValue }.joined(separator: " and ")
        + " active at its relation"
    }
  }
}

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
