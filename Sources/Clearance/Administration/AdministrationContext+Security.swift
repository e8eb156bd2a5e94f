// API keys and an organization's security settings: create and revoke a key, set the IP
// allowlist, set MFA enforcement.

extension AdministrationContext {
  /// The most unrevoked keys one membership may hold.
  static let maximumKeysPerMember = 100

  func createAPIKey(_ key: NewAPIKey) throws(AdministrationRejection) -> Snapshot {
    guard let record = key.record else {
      throw AdministrationRejection(.invalid, "createAPIKey carries no issued key")
    }
    _ = try membership(of: key.user, in: key.org)
    if !key.user.isSame(as: actor) {
      guard rules.apiKeysForOthers else {
        throw AdministrationRejection(
          .notOwnKey, "\(actor) may create API keys only for themselves, not for \(key.user)")
      }
      try checkKeyWithinOwnAccess(key)
    }
    if snapshot.apiKeys.contains(where: { $0.id.utf8.elementsEqual(record.id.utf8) }) {
      throw AdministrationRejection(.alreadyExists, "API key \(record.id) already exists")
    }
    let held = snapshot.apiKeys.count { stored in
      !stored.isRevoked && stored.user.isSame(as: key.user) && stored.org.isSame(as: key.org)
    }
    guard held < Self.maximumKeysPerMember else {
      throw AdministrationRejection(
        .invalid,
        "\(key.user) holds \(held) unrevoked API keys in \(key.org); the limit is "
          + "\(Self.maximumKeysPerMember)")
    }
    return try validated { () throws(ValidationError) in try snapshot.addingAPIKey(record) }
  }

  func revokeAPIKey(_ org: OrgID, _ id: String) throws(AdministrationRejection) -> Snapshot {
    let key = snapshot.apiKeys.first { $0.id.utf8.elementsEqual(id.utf8) }
    guard let key, key.org.isSame(as: org) else {
      throw AdministrationRejection(.unknownTarget, "no API key \"\(id)\" in \(org)")
    }
    guard !key.isRevoked else {
      throw AdministrationRejection(.unknownTarget, "API key \(id) in \(org) is already revoked")
    }
    return try validated { () throws(ValidationError) in try snapshot.revokingAPIKey(id) }
  }

  func setAllowlist(_ org: OrgID, _ entries: [String]?) throws(AdministrationRejection)
    -> Snapshot
  {
    try validated { () throws(ValidationError) in try snapshot.settingAllowlist(entries, for: org) }
  }

  func setMFA(_ org: OrgID, _ enforcement: MFAEnforcement?) throws(AdministrationRejection)
    -> Snapshot
  {
    try validated { () throws(ValidationError) in try snapshot.settingMFA(enforcement, for: org) }
  }

  /// Refuses, when ``AdministrationPolicy/grantOnlyHeld`` is on, a key for another member
  /// that reaches a permission the actor does not hold as widely: the actor receives the
  /// secret, so the key's reach (its user's permissions within its scope) is given to them.
  private func checkKeyWithinOwnAccess(_ key: NewAPIKey) throws(AdministrationRejection) {
    guard rules.grantOnlyHeld else { return }
    let patterns = snapshot.policy.source.security?.apiKeyScopes[key.scope] ?? []
    let reach = snapshot.effectivePermissions(of: key.user, in: key.org).compactMap {
      entry -> (keys: [PermissionKey], scope: Scope)? in
      guard let scope = entry.scope,
        patterns.contains(where: { Self.matches($0, entry.permission) })
      else { return nil }
      return ([entry.permission], scope)
    }
    try checkWithinOwnAccess(reach, in: key.org)
  }
}
