/// Why a request was denied (docs/SEMANTICS.md section 7), each with the HTTP status a host returns.
///
/// The checks run in a fixed order and the first that fails is the reason. Reasons that
/// come from misuse of the API rather than from the policy (``unknownAction``,
/// ``handleMismatch``) also deny: the engine fails closed.
public enum DenyReason: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// The user does not exist, or is not active. HTTP 403.
  case principalInactive
  /// The API key is expired or belongs to another user. HTTP 401.
  case apiKeyInvalid
  /// The resource's organization is not live, or no live membership relates to it. HTTP 404.
  case notMember
  /// The client IP is outside the organization's allowlist. HTTP 403.
  case ipNotAllowed
  /// MFA enforcement or a step-up verification is not met. HTTP 401.
  case mfaRequired
  /// The action's feature is disabled for the resource's organization. HTTP 402.
  case featureDisabled
  /// The resource's current state is not a state of the workflow. HTTP 409.
  case unknownState
  /// The workflow has no edge from the current state to the target. HTTP 409.
  case illegalTransition
  /// No related membership has the permission active at its relation. HTTP 403.
  case notPermitted
  /// The permission is outside the API key's scope. HTTP 403.
  case apiKeyScope
  /// The action names a permission, workflow or state the policy does not declare. HTTP 403.
  case unknownAction
  /// A principal, action or resource was resolved against another snapshot. HTTP 500: a
  /// bug in the host, denied rather than guessed at.
  case handleMismatch

  /// The HTTP status a host should answer with.
  public var httpStatus: Int {
    switch self {
    case .principalInactive, .ipNotAllowed, .notPermitted, .apiKeyScope, .unknownAction: 403
    case .apiKeyInvalid, .mfaRequired: 401
    case .notMember: 404
    case .featureDisabled: 402
    case .unknownState, .illegalTransition: 409
    case .handleMismatch: 500
    }
  }

  /// The reason's name, as written in case files: `notPermitted`, `featureDisabled`, ….
  public var description: String {
    switch self {
    case .principalInactive: "principalInactive"
    case .apiKeyInvalid: "apiKeyInvalid"
    case .notMember: "notMember"
    case .ipNotAllowed: "ipNotAllowed"
    case .mfaRequired: "mfaRequired"
    case .featureDisabled: "featureDisabled"
    case .unknownState: "unknownState"
    case .illegalTransition: "illegalTransition"
    case .notPermitted: "notPermitted"
    case .apiKeyScope: "apiKeyScope"
    case .unknownAction: "unknownAction"
    case .handleMismatch: "handleMismatch"
    }
  }

  /// Parses a reason from its name.
  public init?(name: String) {
    guard let reason = DenyReason.allCases.first(where: { $0.description == name }) else {
      return nil
    }
    self = reason
  }
}

/// The answer to `can`: allow, or deny with a reason. A value, never an error.
public struct Decision: Sendable, Hashable, CustomStringConvertible {
  /// The reason for a deny; nil when allowed.
  public let denyReason: DenyReason?

  /// Creates a decision.
  @inlinable
  init(denyReason: DenyReason?) { self.denyReason = denyReason }

  /// The request is allowed.
  public static let allow = Decision(denyReason: nil)

  /// The request is denied for `reason`.
  @inlinable
  public static func deny(_ reason: DenyReason) -> Decision { Decision(denyReason: reason) }

  /// Whether the request is allowed.
  @inlinable
  public var isAllowed: Bool { denyReason == nil }

  /// 200 when allowed, else the deny reason's status.
  public var httpStatus: Int { denyReason?.httpStatus ?? 200 }

  /// `allow`, or `deny(reason)`.
  public var description: String {
    if let denyReason { "deny(\(denyReason))" } else { "allow" }
  }
}
