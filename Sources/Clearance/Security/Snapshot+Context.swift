extension Snapshot {
  /// Decides a request with its context: docs/SEMANTICS.md section 7's checks in order, the security
  /// checks included (2 API key, 4 IP allowlist, 5 MFA, and the key's scope in 8).
  ///
  /// Where the resource's organization has no allowlist and no MFA enforcement, no key
  /// is presented and the action needs no step-up, this is exactly the context-free
  /// ``can(_:_:_:)-(Principal,_,_)``: no allocation, one more load. Otherwise a field the
  /// settings need and the context lacks counts against the request.
  ///
  /// With several related memberships the request is allowed if one of them allows it;
  /// the reason reported is that of the membership with the closest relation (the
  /// deepest organization among `tree` relations).
  @inlinable
  public func can(
    _ principal: Principal, _ action: Action, _ resource: ResolvedResource,
    context: RequestContext
  ) -> Decision {
    if context.apiKey == nil { return decide(principal, action, resource, context: { context }) }
    return decideWithKey(principal, action, resource, context: context)
  }

  /// `can(…, context:)` for a request made with an API key: always the security path.
  @usableFromInline
  func decideWithKey(
    _ principal: Principal, _ action: Action, _ resource: ResolvedResource,
    context: RequestContext
  ) -> Decision {
    guard isValid(principal), action.policyToken == hot.policyToken, isValid(resource) else {
      return undeclaredOrMismatch(principal, action, resource)
    }
    guard principal.status == .active else { return .deny(.principalInactive) }
    return decideSecured(principal, action, resource, context: context).decision
  }

  /// Decides by names with a context: a convenience for tools and tests (it hashes).
  public func can(
    _ user: UserID, _ action: ActionName, _ resource: Resource, context: RequestContext
  )
    -> Decision
  {
    let principal = principal(user)
    guard principal.status == .active else { return .deny(.principalInactive) }
    return can(principal, self.action(named: action), resolve(resource), context: context)
  }

  /// Whether a request on `org` needs the security checks: an allowlist or MFA enforcement
  /// applies to the organization, or the action needs a step-up verification.
  @inlinable @inline(__always)
  func needsSecurity(_ action: Action, org: Int) -> Bool {
    needsSecurity(action, flags: hot.orgFlags[org])
  }

  /// ``needsSecurity(_:org:)`` with the organization's ``HotTables/orgFlags`` loaded.
  @inlinable @inline(__always)
  func needsSecurity(_ action: Action, flags: UInt8) -> Bool {
    if flags & HotTables.securedFlag != 0 { return true }
    if !hot.hasStepUp { return false }
    return isStepUp(action)
  }

  /// Whether check 4 is the only security check a request without an API key on `org`
  /// needs (no MFA enforcement applies there and the action needs no step-up) and
  /// `clientIP` is inside the organization's allowlist: then the request's remaining
  /// checks are the context-free ones. False sends the request to the security path.
  @inlinable @inline(__always)
  func passesOnlyAllowlist(_ action: Action, org: Int, clientIP: IPAddress?) -> Bool {
    guard let ip = clientIP, hot.allowlists.admitsOnlyByList(ip, org: org) else { return false }
    return !(hot.hasStepUp && isStepUp(action))
  }

  /// Whether the action, or a permission a transition needs, is a step-up permission.
  @usableFromInline
  func isStepUp(_ action: Action) -> Bool {
    if action.workflow < 0 { return hot.stepUp[Int(action.permission)] }
    let workflow = policy.workflows[Int(action.workflow)]
    let enter = Int(workflow.enter[Int(action.target)])
    let base = Int(workflow.base)
    return (enter >= 0 && hot.stepUp[enter]) || (base >= 0 && hot.stepUp[base])
  }

  /// The permissions an action needs: its permission, or a transition's enter and base
  /// permissions (-1 where absent).
  func transitionPermissions(_ action: Action) -> [Int] {
    if action.workflow < 0 { return [Int(action.permission)] }
    let workflow = policy.workflows[Int(action.workflow)]
    return [Int(workflow.enter[Int(action.target)]), Int(workflow.base)]
  }

  /// The API key presented, checked (check 2): the key's record, or the failure. A
  /// malformed key is unknown; the digests are compared in constant time.
  func presentedKey(_ presented: PresentedAPIKey, user: Int32, now: Timestamp)
    -> Result<SecurityState.KeyRecord, KeyFailure>
  {
    guard presented.isWellFormed, let record = security.keys[presented.idBytes] else {
      return .failure(.unknown)
    }
    guard record.key.matches(presented) else { return .failure(.unknown) }
    guard record.user == user else { return .failure(.otherUser(record.user)) }
    if record.key.isRevoked { return .failure(.revoked) }
    guard record.key.isUsable(at: now) else { return .failure(.expired(record.key.expires)) }
    return .success(record)
  }

  /// Why a presented key is refused (a plain value: the key's user as a handle).
  enum KeyFailure: Error, Sendable, Hashable {
    case unknown
    case otherUser(Int32)
    case revoked
    case expired(Timestamp?)
  }
}
