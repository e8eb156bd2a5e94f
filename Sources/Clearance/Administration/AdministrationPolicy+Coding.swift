// The JSON form of the policy's `administration` section (docs/FORMAT.md).

extension AdministrationPolicy: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case permissions, assignable, owner, selfProtection, systemRolesImmutable
    case deleteOnlyUnusedRoles, restore, grantOnlyHeld, apiKeysForOthers
  }

  /// Decodes the section; an unknown operation name in `permissions` is an error.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    let permissions: [AdministrationOperation.Kind: PermissionKey] = try c.decodeTable(
      .permissions,
      keys: { AdministrationOperation.Kind(rawValue: $0).flatMap { $0 == .batch ? nil : $0 } },
      failure: { "unknown operation \"\($0)\"" })
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
    try c.encode(selfProtection, forKey: .selfProtection, default: SelfProtection())
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
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
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
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
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
    try c.encode(atLeastOne, forKey: .atLeastOne, default: true)
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
    if let all = decoder.shorthand(Bool.self) {
      self = all ? .all : SelfProtection()
      return
    }
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      role: try c.decode(.role, default: false),
      deactivation: try c.decode(.deactivation, default: false),
      removal: try c.decode(.removal, default: false))
  }

  /// Encodes the rules, as `true` when all three are on.
  public func encode(to encoder: any Encoder) throws {
    if self == .all {
      try encoder.encodeShorthand(true)
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
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    self.init(
      superAdminRoles: try c.decode([RoleID].self, forKey: .superAdminRoles),
      requiresActiveMode: try c.decode(.activeMode, default: true))
  }

  /// Encodes the rule.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(superAdminRoles, forKey: .superAdminRoles)
    try c.encode(requiresActiveMode, forKey: .activeMode, default: true)
  }
}
