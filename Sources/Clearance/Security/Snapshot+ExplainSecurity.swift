extension Snapshot {
  /// Explains a request with its context: the decision of
  /// ``can(_:_:_:context:)`` and every check's facts, the security checks included (the
  /// key's id and scope, the address and whose allowlist, the MFA enforcement and how it
  /// was met or why not).
  public func explain(
    _ principal: Principal, _ action: Action, _ resource: ResolvedResource,
    context: RequestContext
  ) -> Explanation {
    explain(
      principal, action, resource, user: userID(of: principal),
      description: names(of: resource), context: context)
  }

  /// Explains a request given by names, with its context.
  public func explain(
    _ user: UserID, _ action: ActionName, _ resource: Resource, context: RequestContext
  ) -> Explanation {
    explain(
      principal(user), self.action(named: action), resolve(resource), user: user,
      description: resource, context: context, actionText: action.rawValue)
  }

  /// The security path's outcome when the request takes it (as `can` decides), else nil.
  func securityOutcome(
    _ principal: Principal, _ action: Action, _ resource: ResolvedResource,
    context: RequestContext?
  ) -> SecurityOutcome? {
    guard
      isValid(principal), action.policyToken == hot.policyToken, isValid(resource),
      principal.status == .active
    else { return nil }
    if context?.apiKey == nil {
      let flags = hot.flags(ofOrg: Int(resource.org))
      guard flags & HotTables.liveFlag != 0, needsSecurity(action, flags: flags) else {
        return nil
      }
    }
    return decideSecured(principal, action, resource, context: context)
  }

  /// Check 2's trace.
  func apiKeyCheck(_ outcome: SecurityOutcome?) -> (CheckTrace.Outcome, CheckNote) {
    switch outcome?.key ?? .none {
    case .none: return (.notApplicable, .text("no API key used"))
    case .valid(let digits, let uppercase, let scope):
      let id = String(decoding: PresentedAPIKey.text(digits, uppercase: uppercase), as: UTF8.self)
      return (.passed, .text("API key \(id) (scope \(scope)) is valid"))
    case .refused(let failure):
      let why =
        switch failure {
        case .unknown: "the key is unknown or its secret does not match"
        case .otherUser(let owner): "the key belongs to \(structure.userID(of: owner))"
        case .revoked: "the key was revoked"
        case .expired(let at): "the key expired at \(at.map(\.iso8601) ?? "?")"
        }
      return (.failed, .text(why))
    }
  }

  /// Check 4's trace.
  func ipAllowlistCheck(_ outcome: SecurityOutcome?) -> (CheckTrace.Outcome, CheckNote) {
    switch outcome?.ip ?? .noList {
    case .noList: return (.notApplicable, .text("no IP allowlist applies"))
    case .checked(let ip, let inside, let owner):
      let list = "the allowlist of \(structure.orgIDs[Int(owner)])"
      guard let ip else { return (.failed, .text("no client IP given; \(list) applies")) }
      return inside
        ? (.passed, .text("\(ip) is in \(list)")) : (.failed, .text("\(ip) is outside \(list)"))
    }
  }

  /// Check 5's trace, for the membership the decision came from.
  func mfaCheck(_ outcome: SecurityOutcome?, _ decision: Decision) -> (
    CheckTrace.Outcome, CheckNote
  ) {
    guard let facts = outcome?.mfa else {
      return (.notApplicable, .text("no MFA enforcement or step-up applies"))
    }
    var parts: [String] = []
    if let level = facts.enforcement {
      switch facts.met {
      case .notEnforced: break
      case .gracePeriod(let until):
        parts.append("enforcement \(level) in its grace period until \(until.iso8601)")
      case .verified: parts.append("enforcement \(level) met: MFA verified")
      case .trustedDevice: parts.append("enforcement \(level) met: trusted device")
      case .unmet: parts.append("enforcement \(level): no MFA verification")
      }
    }
    if case .needed(let window, let fresh) = facts.stepUp {
      parts.append(
        fresh
          ? "step-up verified within \(window) s"
          : "step-up needs an MFA verification within \(window) s")
    }
    if parts.isEmpty { return (.notApplicable, .text("no MFA enforcement or step-up applies")) }
    let failed = decision.denyReason == .mfaRequired
    return (failed ? .failed : .passed, .text(parts.joined(separator: "; ")))
  }

  /// Check 8's note for a permission outside the key's scope.
  func keyScopeNote(_ outcome: SecurityOutcome?, _ action: Action) -> String {
    guard case .valid(_, _, let scope) = outcome?.key ?? .none else {
      return "outside the API key's scope"
    }
    return "\(policy.name(of: action)) is outside the API key's scope \(scope)"
  }
}
