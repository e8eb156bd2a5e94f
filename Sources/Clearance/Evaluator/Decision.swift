/// Why a request was denied (docs/SEMANTICS.md section 7), each with the HTTP status a host returns.
///
/// The checks run in a fixed order and the first that fails is the reason. Reasons that
/// come from misuse of the API rather than from the policy (``unknownAction``,
/// ``handleMismatch``) also deny: the engine fails closed.
public enum DenyReason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// The user does not exist, or is not active. HTTP 403.
  case principalInactive
  /// The API key is expired, revoked or belongs to another user. HTTP 401.
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

  /// The reason's stable name, as case files, logs and audit records write it
  /// (`notPermitted`, `featureDisabled`, …): its raw value.
  public var description: String { rawValue }

  /// Parses a reason from its name.
  public init?(name: String) {
    guard
      let reason = DenyReason.allCases.first(where: { $0.rawValue.utf8.elementsEqual(name.utf8) })
    else { return nil }
    self = reason
  }
}

/// The answer to `can`: allow, or deny with a reason. A value, never an error; one byte.
///
/// ```swift
/// switch snapshot.can(principal, action, resource) {
/// case .allow: serve()
/// case .deny(let reason): respond(status: reason.httpStatus)
/// }
/// ```
///
/// To throw instead, call ``enforce()``.
@frozen
public enum Decision: Sendable, Hashable, CustomStringConvertible {
  /// The request is allowed.
  case allow
  /// The request is denied for the reason given.
  case deny(DenyReason)

  /// The reason for a deny; nil when allowed.
  @inlinable
  public var denyReason: DenyReason? {
    switch self {
    case .allow: nil
    case .deny(let reason): reason
    }
  }

  /// Whether the request is allowed.
  @inlinable
  public var isAllowed: Bool {
    if case .allow = self { return true }
    return false
  }

  /// 200 when allowed, else the deny reason's status.
  public var httpStatus: Int { denyReason?.httpStatus ?? 200 }

  /// `allow`, or `deny(reason)`.
  public var description: String {
    switch self {
    case .allow: "allow"
    case .deny(let reason): "deny(\(reason))"
    }
  }

  /// Returns when the request is allowed and throws ``AccessDenied`` when it is not: the
  /// thrown form of a deny, for handlers that map errors to responses.
  ///
  /// ```swift
  /// try snapshot.can(user, "tickets::ticket::read", ticket).enforce()
  /// ```
  public func enforce() throws(AccessDenied) {
    if case .deny(let reason) = self { throw AccessDenied(reason) }
  }
}

/// A denied request as an error: the reason, the HTTP status a host answers with, and a
/// message safe to show (it names the reason, not the policy's contents).
public struct AccessDenied: Error, Sendable, Hashable, CustomStringConvertible {
  /// Why the request was denied.
  public let reason: DenyReason

  /// Creates the error for `reason`.
  public init(_ reason: DenyReason) { self.reason = reason }

  /// The HTTP status to answer with (401, 402, 403, 404, 409 or 500).
  public var httpStatus: Int { reason.httpStatus }

  /// A short message for the response body, e.g. `access denied: notPermitted`.
  public var message: String { "access denied: \(reason.rawValue)" }

  /// The message.
  public var description: String { message }
}
