// Updates of the directory's security settings: API keys and each organization's IP
// allowlist and MFA enforcement. Each recompiles the security state (O(organizations +
// keys)) and shares every user and membership table; every handle stays valid.

extension Snapshot {
  /// A new snapshot with `key` stored.
  ///
  /// - Throws: ``ValidationError`` when its user or organization is unknown, its id is
  ///   not 16 hex digits or is taken, or its name is longer than
  ///   ``NewAPIKey/maximumNameLength`` bytes.
  public func addingAPIKey(_ key: APIKey) throws(ValidationError) -> Snapshot {
    var issues = IssueCollector()
    let bytes = Array(key.id.utf8)
    if bytes.count != 16 || !bytes.allSatisfy({ hexValue($0) != nil }) {
      issues.add("apiKey.id", .illFormed, "key id \"\(key.id)\" is not 16 hex digits")
    } else if security.keys[bytes] != nil {
      issues.add("apiKey.id", .duplicate, "duplicate API key id \"\(key.id)\"")
    }
    if structure.userHandle(key.user) == nil {
      issues.add("apiKey.user", .unknownReference, "unknown user \"\(key.user)\"")
    }
    if structure.orgIndex[key.org] == nil {
      issues.add("apiKey.org", .unknownReference, "unknown organization \"\(key.org)\"")
    }
    if let name = key.name, name.utf8.count > NewAPIKey.maximumNameLength {
      issues.add(
        "apiKey.name", .illFormed,
        "\(name.utf8.count) bytes; a key name holds at most \(NewAPIKey.maximumNameLength)")
    }
    try issues.throwIfAny()
    var source = structure.source
    source.apiKeys.append(key)
    return try withSecuritySource(source)
  }

  /// A new snapshot in which the API key `id` is revoked: it never works again, and its
  /// record stays (history).
  ///
  /// - Throws: ``ValidationError`` when no key has that id.
  public func revokingAPIKey(_ id: String) throws(ValidationError) -> Snapshot {
    var source = structure.source
    guard let i = source.apiKeys.firstIndex(where: { $0.id.utf8.elementsEqual(id.utf8) }) else {
      throw ValidationError([
        ValidationIssue(
          path: "apiKey", code: .unknownReference, message: "unknown API key \"\(id)\"")
      ])
    }
    source.apiKeys[i].isRevoked = true
    return try withSecuritySource(source)
  }

  /// A new snapshot with an organization's IP allowlist set, or with `nil` removed (the
  /// nearest ancestor's applies then). An empty list admits no address.
  ///
  /// - Throws: ``ValidationError`` naming each malformed entry (`entries[2]`), or the
  ///   organization when it is unknown.
  public func settingAllowlist(_ entries: [String]?, for org: OrgID) throws(ValidationError)
    -> Snapshot
  {
    if let entries { _ = try IPAllowlist(entries, path: "entries") }
    return try updatingOrgSecurity(org) { $0.ipAllowlist = entries }
  }

  /// A new snapshot with an organization's MFA enforcement set, or with `nil` removed (the
  /// nearest ancestor's applies then).
  ///
  /// - Throws: ``ValidationError`` when the organization is unknown.
  public func settingMFA(_ enforcement: MFAEnforcement?, for org: OrgID) throws(ValidationError)
    -> Snapshot
  {
    try updatingOrgSecurity(org) { $0.mfa = enforcement }
  }

  /// The stored API keys, in the order they were added (revoked ones included).
  public var apiKeys: [APIKey] { structure.source.apiKeys }

  // MARK: Helpers

  private func updatingOrgSecurity(_ org: OrgID, _ change: (inout OrgSecurity) -> Void)
    throws(ValidationError) -> Snapshot
  {
    var source = structure.source
    guard let o = structure.orgIndex[org].map(Int.init), o < source.organizations.count,
      source.organizations[o].id.isSame(as: org)
    else {
      throw ValidationError([
        ValidationIssue(
          path: "org", code: .unknownReference, message: "unknown organization \"\(org)\"")
      ])
    }
    change(&source.organizations[o].security)
    return try withSecuritySource(source)
  }

  /// This snapshot with the structure's source replaced (organizations' security
  /// settings or keys changed) and the security state compiled from it.
  private func withSecuritySource(_ source: Directory) throws(ValidationError) -> Snapshot {
    let next = structure.with(source: source)
    var issues = IssueCollector()
    let state = SecurityState(source, structure: next, issues: &issues)
    try issues.throwIfAny()
    return Snapshot(
      policy: policy, structure: next, orgState: orgState, sameOrgState: self, version: version,
      security: state)
  }
}
