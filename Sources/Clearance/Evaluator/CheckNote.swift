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
