// The JSON form of the policy's `administration` section (docs/FORMAT.md), and its
// validation against the rest of the policy when the policy is compiled.

extension AdministrationPolicy: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case permissions, assignable, owner, selfProtection, systemRolesImmutable
    case deleteOnlyUnusedRoles, restore, grantOnlyHeld, apiKeysForOthers
  }

  /// Decodes the section; an unknown operation name in `permissions` is an error.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let plain: [String: PermissionKey] = try c.decode(.permissions, default: [:])
    var permissions: [AdministrationOperation.Kind: PermissionKey] = [:]
    for (name, key) in plain.sorted(by: { $0.key < $1.key }) {
      guard let kind = AdministrationOperation.Kind(rawValue: name), kind != .batch else {
        throw DecodingError.dataCorrupted(
          .init(
            codingPath: c.codingPath + [CodingKeys.permissions, AnyCodingKey(stringValue: name)],
            debugDescription: "unknown operation \"\(name)\""))
      }
      permissions[kind] = key
    }
    self.init(
      permissions: permissions,
      assignable: try c.decodeIfPresent(AssignableRoles.self, forKey: .assignable),
      owner: try c.decodeIfPresent(OwnerRules.self, forKey: .owner),
      selfProtection: try c.decode(.selfProtection, default: SelfProtection()),
      systemRolesImmutable: try c.decode(.systemRolesImmutable, default: false),
      deleteOnlyUnusedRoles: try c.decode(.deleteOnlyUnusedRoles, default: false),
      restore: try c.decodeIfPresent(RestoreRule.self, forKey: .restore),
      grantOnlyHeld: try c.decode(.grantOnlyHeld, default: false),
      apiKeysForOthers: try c.decode(.apiKeysForOthers, default: false))
  }

  /// Encodes the section, leaving out what is off.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    let plain = Dictionary(uniqueKeysWithValues: permissions.map { ($0.key.rawValue, $0.value) })
    try c.encode(plain, forKey: .permissions)
    try c.encodeIfPresent(assignable, forKey: .assignable)
    try c.encodeIfPresent(owner, forKey: .owner)
    if selfProtection != SelfProtection() { try c.encode(selfProtection, forKey: .selfProtection) }
    try c.encode(flag: systemRolesImmutable, forKey: .systemRolesImmutable)
    try c.encode(flag: deleteOnlyUnusedRoles, forKey: .deleteOnlyUnusedRoles)
    try c.encodeIfPresent(restore, forKey: .restore)
    try c.encode(flag: grantOnlyHeld, forKey: .grantOnlyHeld)
    try c.encode(flag: apiKeysForOthers, forKey: .apiKeysForOthers)
  }
}

extension AssignableRoles: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case invite, changeRole
  }

  /// Decodes `{"invite": {"MANAGER": ["TECH"]}, "changeRole": {…}}`.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func table(_ key: CodingKeys) throws -> [RoleID: [RoleID]]? {
      guard let plain = try c.decodeIfPresent([String: [RoleID]].self, forKey: key) else {
        return nil
      }
      // Keys are distinct strings; keep the first should two ever compare equal.
      return Dictionary(plain.map { (RoleID($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }
    self.init(invite: try table(.invite), changeRole: try table(.changeRole))
  }

  /// Encodes the rule.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    func plain(_ table: [RoleID: [RoleID]]?) -> [String: [RoleID]]? {
      table.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key.rawValue, $0.value) }) }
    }
    try c.encodeIfPresent(plain(invite), forKey: .invite)
    try c.encodeIfPresent(plain(changeRole), forKey: .changeRole)
  }
}

extension OwnerRules: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case role, atLeastOne, protected, formerOwnerRole, onlyOwnerDeactivatesOrg
  }

  /// Decodes the owner rules; `atLeastOne` defaults to true, the others to off.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      role: try c.decode(RoleID.self, forKey: .role),
      atLeastOne: try c.decode(.atLeastOne, default: true),
      isProtected: try c.decode(.protected, default: false),
      formerOwnerRole: try c.decodeIfPresent(RoleID.self, forKey: .formerOwnerRole),
      onlyOwnerDeactivatesOrg: try c.decode(.onlyOwnerDeactivatesOrg, default: false))
  }

  /// Encodes the owner rules.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(role, forKey: .role)
    if !atLeastOne { try c.encode(false, forKey: .atLeastOne) }
    try c.encode(flag: isProtected, forKey: .protected)
    try c.encodeIfPresent(formerOwnerRole, forKey: .formerOwnerRole)
    try c.encode(flag: onlyOwnerDeactivatesOrg, forKey: .onlyOwnerDeactivatesOrg)
  }
}

extension SelfProtection: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case role, deactivation, removal
  }

  /// Decodes `true` (all three on), `false`, or `{"role", "deactivation", "removal"}`.
  public init(from decoder: any Decoder) throws {
    if let all = try? decoder.singleValueContainer().decode(Bool.self) {
      self = all ? .all : SelfProtection()
      return
    }
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      role: try c.decode(.role, default: false),
      deactivation: try c.decode(.deactivation, default: false),
      removal: try c.decode(.removal, default: false))
  }

  /// Encodes the rules, as `true` when all three are on.
  public func encode(to encoder: any Encoder) throws {
    if self == .all {
      var single = encoder.singleValueContainer()
      try single.encode(true)
      return
    }
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(flag: role, forKey: .role)
    try c.encode(flag: deactivation, forKey: .deactivation)
    try c.encode(flag: removal, forKey: .removal)
  }
}

extension RestoreRule: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case superAdminRoles, activeMode
  }

  /// Decodes the rule; `activeMode` (required) defaults to true.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      superAdminRoles: try c.decode([RoleID].self, forKey: .superAdminRoles),
      requiresActiveMode: try c.decode(.activeMode, default: true))
  }

  /// Encodes the rule.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(superAdminRoles, forKey: .superAdminRoles)
    if !requiresActiveMode { try c.encode(false, forKey: .activeMode) }
  }
}

extension AdministrationPolicy {
  /// Reports every permission and role the section names that the policy does not
  /// declare, with its path (`administration.owner.role: unknown role "OWNR"`).
  func validate(
    permissions index: [PermissionKey: Int32], roles: [RoleID: Int32],
    issues: inout IssueCollector
  ) {
    let base = "administration"
    for (kind, key) in permissions.sorted(by: { $0.key < $1.key }) where index[key] == nil {
      issues.add(
        "\(base).permissions.\(kind)", .unknownReference, "unknown permission \"\(key)\"")
    }
    func role(_ id: RoleID, _ path: String, star: Bool = false) {
      if star && id.rawValue.utf8.elementsEqual("*".utf8) { return }
      if roles[id] == nil { issues.add(path, .unknownReference, "unknown role \"\(id)\"") }
    }
    let tables = [("invite", assignable?.invite), ("changeRole", assignable?.changeRole)]
    for (name, table) in tables {
      for (actor, given) in (table ?? [:]).sorted(by: { $0.key < $1.key }) {
        let path = "\(base).assignable.\(name).\(actor)"
        role(actor, path)
        for (i, id) in given.enumerated() { role(id, "\(path)[\(i)]", star: true) }
      }
    }
    if let owner {
      role(owner.role, "\(base).owner.role")
      if let former = owner.formerOwnerRole { role(former, "\(base).owner.formerOwnerRole") }
    }
    for (i, id) in (restore?.superAdminRoles ?? []).enumerated() {
      role(id, "\(base).restore.superAdminRoles[\(i)]")
    }
  }
}
