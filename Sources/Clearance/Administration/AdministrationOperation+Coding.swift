// The JSON form of an administration operation (docs/FORMAT.md):
// `{"op": "changeRole", "actor": "olivia", "user": "tom", "org": "fixit", "role": "MANAGER"}`.
// Decoding is strict: a field the operation does not take is an error naming it.

extension AdministrationOperation: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case op, actor, activeMode, context, user, org, role, shops, name, grants, inherits, grant
    case withPrerequisites, permission, scope, plan, feature, enabled, operations
    case expiry, created, keyId, digest, entries, level, since
  }

  /// The fields each kind takes besides `op`, `actor`, `activeMode` and `context`.
  static func fields(of kind: Kind) -> [CodingKeys] {
    switch kind {
    case .invite: [.user, .org, .role, .shops]
    case .changeRole: [.user, .org, .role]
    case .removeMember, .deactivateUser, .reactivateUser, .transferOwnership: [.user, .org]
    case .deactivateOrg, .reactivateOrg: [.org]
    case .createRole, .deleteRole, .restoreRole: [.org, .role]
    case .editRole: [.org, .role, .name, .grants, .inherits]
    case .grantDirect: [.user, .org, .grant, .withPrerequisites]
    case .revokeDirect: [.user, .org, .permission, .scope]
    case .setPlan: [.org, .plan]
    case .setFeature: [.org, .feature, .enabled]
    case .batch: [.operations]
    case .createAPIKey: [.user, .org, .scope, .expiry, .created, .name, .keyId, .digest]
    case .revokeAPIKey: [.org, .keyId]
    case .setAllowlist: [.org, .entries]
    case .setMFA: [.org, .level, .since]
    }
  }

  /// Decodes an operation from its JSON form.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try c.decode(
      Kind.self, forKey: .op,
      failure: {
        let known = Kind.allCases.map(\.rawValue).joined(separator: ", ")
        return "unknown operation \"\($0)\" (expected one of: \(known))"
      })
    try decoder.rejectFields(
      notIn: [.op, .actor, .activeMode, .context] + Self.fields(of: kind),
      failure: { "unknown field \"\($0)\" for operation \"\(kind.rawValue)\"" })
    self.init(
      actor: try c.decode(UserID.self, forKey: .actor),
      activeMode: try c.decode(.activeMode, default: false),
      context: try c.decodeIfPresent(RequestContext.self, forKey: .context),
      try Self.decodeChange(kind, c))
  }

  private static func decodeChange(_ kind: Kind, _ c: KeyedDecodingContainer<CodingKeys>) throws
    -> Change
  {
    func user() throws -> UserID { try c.decode(UserID.self, forKey: .user) }
    func org() throws -> OrgID { try c.decode(OrgID.self, forKey: .org) }
    func role() throws -> RoleID { try c.decode(RoleID.self, forKey: .role) }
    switch kind {
    case .invite:
      return .invite(
        user: try user(), org: try org(), role: try role(), shops: try c.decode(.shops, default: [])
      )
    case .changeRole: return .changeRole(user: try user(), org: try org(), role: try role())
    case .removeMember: return .removeMember(user: try user(), org: try org())
    case .deactivateUser: return .deactivateUser(user: try user(), org: try org())
    case .reactivateUser: return .reactivateUser(user: try user(), org: try org())
    case .transferOwnership: return .transferOwnership(user: try user(), org: try org())
    case .deactivateOrg: return .deactivateOrg(org: try org())
    case .reactivateOrg: return .reactivateOrg(org: try org())
    case .createRole:
      return .createRole(org: try org(), role: try c.decode(Role.self, forKey: .role))
    case .editRole:
      return .editRole(
        org: try org(), role: try role(), name: try c.decodeIfPresent(String.self, forKey: .name),
        grants: try c.decodeIfPresent([Grant].self, forKey: .grants),
        inherits: try c.decodeIfPresent([RoleID].self, forKey: .inherits))
    case .deleteRole: return .deleteRole(org: try org(), role: try role())
    case .restoreRole: return .restoreRole(org: try org(), role: try role())
    case .grantDirect:
      return .grantDirect(
        user: try user(), org: try org(), grant: try c.decode(Grant.self, forKey: .grant),
        withPrerequisites: try c.decode(.withPrerequisites, default: false))
    case .revokeDirect:
      return .revokeDirect(
        user: try user(), org: try org(),
        permission: try c.decode(PermissionPattern.self, forKey: .permission),
        scope: try c.decodeIfPresent(Scope.self, forKey: .scope))
    case .setPlan:
      return .setPlan(org: try org(), plan: try c.decodeIfPresent(PlanID.self, forKey: .plan))
    case .setFeature:
      return .setFeature(
        org: try org(), feature: try c.decode(FeatureID.self, forKey: .feature),
        enabled: try c.decodeIfPresent(Bool.self, forKey: .enabled))
    case .batch: return .batch(try c.decode([AdministrationOperation].self, forKey: .operations))
    case .createAPIKey: return .createAPIKey(try decodeNewKey(c))
    case .revokeAPIKey:
      return .revokeAPIKey(org: try org(), id: try c.decode(String.self, forKey: .keyId))
    case .setAllowlist:
      return .setAllowlist(
        org: try org(), entries: try c.decodeIfPresent([String].self, forKey: .entries))
    case .setMFA: return .setMFA(org: try org(), enforcement: try decodeMFA(c))
    }
  }

  /// The key of a `createAPIKey`: `expiry` is `30d`, `90d`, `180d` or `never`; `keyId`
  /// and `digest` (64 hex digits) come together, on an issued key.
  private static func decodeNewKey(_ c: KeyedDecodingContainer<CodingKeys>) throws -> NewAPIKey {
    let scopeName = try c.decode(String.self, forKey: .scope)
    guard let scope = APIKeyScope(rawValue: scopeName) else {
      throw DecodingError.dataCorruptedError(
        forKey: .scope, in: c,
        debugDescription: "unknown API key scope \"\(scopeName)\" (expected read, write or admin)")
    }
    let expiryName = try c.decode(String.self, forKey: .expiry)
    guard let expiry = APIKeyExpiry(name: expiryName) else {
      throw DecodingError.dataCorruptedError(
        forKey: .expiry, in: c,
        debugDescription: "unknown expiry \"\(expiryName)\" (expected 30d, 90d, 180d or never)")
    }
    let id = try c.decodeIfPresent(String.self, forKey: .keyId)
    var digest: SHA256Digest?
    if let hex = try c.decodeIfPresent(String.self, forKey: .digest) {
      guard let parsed = SHA256Digest(hex: hex) else {
        throw DecodingError.dataCorruptedError(
          forKey: .digest, in: c, debugDescription: "a digest is 64 hex digits")
      }
      digest = parsed
    }
    guard (id == nil) == (digest == nil) else {
      throw DecodingError.dataCorruptedError(
        forKey: id == nil ? .keyId : .digest, in: c,
        debugDescription: "an issued key has both keyId and digest")
    }
    return NewAPIKey(
      user: try c.decode(UserID.self, forKey: .user), org: try c.decode(OrgID.self, forKey: .org),
      scope: scope, expiry: expiry, created: try c.decode(Timestamp.self, forKey: .created),
      name: try c.decodeIfPresent(String.self, forKey: .name), id: id, digest: digest)
  }

  /// The enforcement of a `setMFA`: `level` and `since` together, or neither (remove).
  private static func decodeMFA(_ c: KeyedDecodingContainer<CodingKeys>) throws
    -> MFAEnforcement?
  {
    guard let levelName = try c.decodeIfPresent(String.self, forKey: .level) else {
      if c.contains(.since) {
        throw DecodingError.dataCorruptedError(
          forKey: .since, in: c, debugDescription: "since without level")
      }
      return nil
    }
    guard let level = MFAEnforcement.Level(rawValue: levelName) else {
      throw DecodingError.dataCorruptedError(
        forKey: .level, in: c,
        debugDescription:
          "unknown MFA level \"\(levelName)\" (expected optional, admins or required)")
    }
    return MFAEnforcement(level, since: try c.decode(Timestamp.self, forKey: .since))
  }

  /// Encodes an operation in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(kind.rawValue, forKey: .op)
    try c.encode(actor, forKey: .actor)
    try c.encode(flag: activeMode, forKey: .activeMode)
    try c.encodeIfPresent(context, forKey: .context)
    switch change {
    case .invite(let user, let org, let role, let shops):
      try c.encode(user, forKey: .user)
      try c.encode(org, forKey: .org)
      try c.encode(role, forKey: .role)
      try c.encode(nonEmpty: shops, forKey: .shops)
    case .changeRole(let user, let org, let role):
      try c.encode(user, forKey: .user)
      try c.encode(org, forKey: .org)
      try c.encode(role, forKey: .role)
    case .removeMember(let user, let org), .deactivateUser(let user, let org),
      .reactivateUser(let user, let org), .transferOwnership(let user, let org):
      try c.encode(user, forKey: .user)
      try c.encode(org, forKey: .org)
    case .deactivateOrg(let org), .reactivateOrg(let org):
      try c.encode(org, forKey: .org)
    case .createRole(let org, let role):
      try c.encode(org, forKey: .org)
      try c.encode(role, forKey: .role)
    case .editRole(let org, let role, let name, let grants, let inherits):
      try c.encode(org, forKey: .org)
      try c.encode(role, forKey: .role)
      try c.encodeIfPresent(name, forKey: .name)
      try c.encodeIfPresent(grants, forKey: .grants)
      try c.encodeIfPresent(inherits, forKey: .inherits)
    case .deleteRole(let org, let role), .restoreRole(let org, let role):
      try c.encode(org, forKey: .org)
      try c.encode(role, forKey: .role)
    case .grantDirect(let user, let org, let grant, let withPrerequisites):
      try c.encode(user, forKey: .user)
      try c.encode(org, forKey: .org)
      try c.encode(grant, forKey: .grant)
      try c.encode(flag: withPrerequisites, forKey: .withPrerequisites)
    case .revokeDirect(let user, let org, let permission, let scope):
      try c.encode(user, forKey: .user)
      try c.encode(org, forKey: .org)
      try c.encode(permission, forKey: .permission)
      try c.encodeIfPresent(scope, forKey: .scope)
    case .setPlan(let org, let plan):
      try c.encode(org, forKey: .org)
      try c.encodeIfPresent(plan, forKey: .plan)
    case .setFeature(let org, let feature, let enabled):
      try c.encode(org, forKey: .org)
      try c.encode(feature, forKey: .feature)
      try c.encodeIfPresent(enabled, forKey: .enabled)
    case .batch(let operations):
      try c.encode(operations, forKey: .operations)
    case .createAPIKey(let key):
      try c.encode(key.user, forKey: .user)
      try c.encode(key.org, forKey: .org)
      try c.encode(key.scope.rawValue, forKey: .scope)
      try c.encode(key.expiry.name, forKey: .expiry)
      try c.encode(key.created, forKey: .created)
      try c.encodeIfPresent(key.name, forKey: .name)
      try c.encodeIfPresent(key.id, forKey: .keyId)
      try c.encodeIfPresent(key.digest?.hex, forKey: .digest)
    case .revokeAPIKey(let org, let id):
      try c.encode(org, forKey: .org)
      try c.encode(id, forKey: .keyId)
    case .setAllowlist(let org, let entries):
      try c.encode(org, forKey: .org)
      try c.encodeIfPresent(entries, forKey: .entries)
    case .setMFA(let org, let enforcement):
      try c.encode(org, forKey: .org)
      try c.encodeIfPresent(enforcement?.level.rawValue, forKey: .level)
      try c.encodeIfPresent(enforcement?.since, forKey: .since)
    }
  }
}
