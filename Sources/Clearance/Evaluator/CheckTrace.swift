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
