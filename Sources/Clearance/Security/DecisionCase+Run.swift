extension DecisionCase {
  /// Runs the case on `snapshot`: the request with its context, ``repeatCount`` times in
  /// a row, each allowed request made with an API key also counted against the key's
  /// rate limit (a fresh limiter per case, at the context's time). The last outcome
  /// counts.
  public func run(on snapshot: Snapshot) -> CaseOutcome {
    let limiter = RateLimiter<String>(clock: { Timestamp(nanoseconds: 0) })
    var outcome = CaseOutcome.decided(.deny(.unknownAction))
    for _ in 0..<max(1, min(repeatCount, Self.maximumRepeat)) {
      let decision =
        context.map { snapshot.can(user, action, resource, context: $0) }
        ?? snapshot.can(user, action, resource)
      outcome = .decided(decision)
      if decision.isAllowed, let context, let presented = context.apiKey,
        let (id, limit) = snapshot.rateLimit(forAPIKey: presented),
        case .rateLimited = limiter.check(id, limit: limit, at: context.time)
      {
        outcome = .rateLimited
      }
    }
    return outcome
  }

  /// The most times one case repeats its request.
  public static let maximumRepeat = 100_000

  /// Whether `outcome` is what the case expects.
  public func isMet(by outcome: CaseOutcome) -> Bool {
    switch (outcome, expect) {
    case (.decided(let decision), _): isMet(by: decision)
    case (.rateLimited, .rateLimited): true
    case (.rateLimited, _): false
    }
  }
}

/// What running a case gave: a decision, or a refusal by the API key's rate limit.
public enum CaseOutcome: Sendable, Hashable, CustomStringConvertible {
  /// The snapshot's decision.
  case decided(Decision)
  /// Allowed, but over the key's rate limit (HTTP 429).
  case rateLimited

  /// The decision's text, or `rateLimited`.
  public var description: String {
    switch self {
    case .decided(let decision): decision.description
    case .rateLimited: "rateLimited"
    }
  }
}

extension Snapshot {
  /// The id and rate limit of the API key `secret` names, when the key exists and the
  /// policy limits its scope: what a host passes to a ``RateLimiter`` after an allowed
  /// decision. Nil for an unknown key or an unlimited scope.
  public func rateLimit(forAPIKey secret: String) -> (id: String, limit: RateLimit)? {
    rateLimit(forAPIKey: PresentedAPIKey(secret: secret))
  }

  /// The id and rate limit of the API key `presented` names, as for a secret; nil also
  /// for a malformed key.
  public func rateLimit(forAPIKey presented: PresentedAPIKey) -> (id: String, limit: RateLimit)? {
    guard let id = presented.id, let record = security.keys[presented.idBytes],
      let limit = policy.security.settings?.rateLimits[record.key.scope]
    else { return nil }
    return (id, limit)
  }
}
