// JSON-shaped Codable conformances for the model. They need only the standard library;
// the ClearanceJSON module pairs them with its own strict JSON reader and writer.
//
// Decoding is strict: an unknown field is an error that names its path, so a misspelt
// field (`inherit` for `inherits`) can never silently weaken or widen a policy. Fields
// with their default value are left out when encoding.

struct AnyCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension Decoder {
  /// Throws if the object being decoded has a field that is not in `allowed`.
  package func rejectUnknownFields<Key: CodingKey & CaseIterable>(_: Key.Type) throws {
    let container = try container(keyedBy: AnyCodingKey.self)
    // Field names match by their exact bytes (a `Set<String>` would also accept a
    // canonically equivalent spelling, which the decoder then does not find).
    let allowed = Key.allCases.map { $0.stringValue }
    for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
    where !allowed.contains(where: { $0.utf8.elementsEqual(key.stringValue.utf8) }) {
      let known = allowed.joined(separator: ", ")
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: codingPath + [key],
          debugDescription: "unknown field \"\(key.stringValue)\" (expected one of: \(known))"))
    }
  }
}

extension KeyedDecodingContainer {
  func decode<T: Decodable>(_ key: Key, default value: T) throws -> T {
    try decodeIfPresent(T.self, forKey: key) ?? value
  }
}

extension KeyedEncodingContainer {
  mutating func encode<T: Encodable & Collection>(nonEmpty value: T, forKey key: Key) throws {
    if !value.isEmpty { try encode(value, forKey: key) }
  }

  mutating func encode(flag value: Bool, forKey key: Key) throws {
    if value { try encode(true, forKey: key) }
  }
}

extension Policy: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case permissions, features, ungated, plans, roles, workflows, administration, security
  }

  /// Decodes a policy from its JSON form (see `docs/FORMAT.md`).
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      permissions: try c.decode(.permissions, default: []),
      features: try c.decode(.features, default: []),
      ungated: try c.decode(.ungated, default: []),
      plans: try c.decode(.plans, default: []),
      roles: try c.decode(.roles, default: []),
      workflows: try c.decode(.workflows, default: []),
      administration: try c.decodeIfPresent(AdministrationPolicy.self, forKey: .administration),
      security: try c.decodeIfPresent(SecuritySettings.self, forKey: .security))
  }

  /// Encodes a policy in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(permissions, forKey: .permissions)
    try c.encode(nonEmpty: features, forKey: .features)
    try c.encode(nonEmpty: ungated, forKey: .ungated)
    try c.encode(nonEmpty: plans, forKey: .plans)
    try c.encode(roles, forKey: .roles)
    try c.encode(nonEmpty: workflows, forKey: .workflows)
    try c.encodeIfPresent(administration, forKey: .administration)
    try c.encodeIfPresent(security, forKey: .security)
  }
}

extension PermissionDefinition: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case key, requires, description
  }

  /// Decodes a permission from `"a::b::c"` or `{"key": …, "requires": […]}`.
  public init(from decoder: any Decoder) throws {
    if let key = try? decoder.singleValueContainer().decode(PermissionKey.self) {
      self.init(key)
      return
    }
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(PermissionKey.self, forKey: .key),
      requires: try c.decode(.requires, default: []),
      description: try c.decodeIfPresent(String.self, forKey: .description))
  }

  /// Encodes a permission, as a bare key when it has nothing else.
  public func encode(to encoder: any Encoder) throws {
    if requires.isEmpty && description == nil {
      var single = encoder.singleValueContainer()
      try single.encode(key)
      return
    }
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(key, forKey: .key)
    try c.encode(nonEmpty: requires, forKey: .requires)
    try c.encodeIfPresent(description, forKey: .description)
  }
}

extension Grant: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case permission, scope, states
  }

  /// Decodes a grant from `"pattern"` (scope `org`) or `{"permission", "scope", "states"}`.
  public init(from decoder: any Decoder) throws {
    if let pattern = try? decoder.singleValueContainer().decode(PermissionPattern.self) {
      self.init(pattern)
      return
    }
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(PermissionPattern.self, forKey: .permission),
      scope: try c.decode(.scope, default: .org),
      states: try c.decodeIfPresent([StateName].self, forKey: .states))
  }

  /// Encodes a grant, as a bare pattern when it has the default scope and no states.
  public func encode(to encoder: any Encoder) throws {
    if scope == .org && states == nil {
      var single = encoder.singleValueContainer()
      try single.encode(permission)
      return
    }
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(permission, forKey: .permission)
    if scope != .org { try c.encode(scope, forKey: .scope) }
    try c.encodeIfPresent(states, forKey: .states)
  }
}

extension Role: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, name, inherits, grants, system, deleted
  }

  /// Decodes a role.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(RoleID.self, forKey: .id),
      name: try c.decodeIfPresent(String.self, forKey: .name),
      inherits: try c.decode(.inherits, default: []),
      grants: try c.decode(.grants, default: []),
      isSystem: try c.decode(.system, default: false),
      isDeleted: try c.decode(.deleted, default: false))
  }

  /// Encodes a role.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encodeIfPresent(name, forKey: .name)
    try c.encode(nonEmpty: inherits, forKey: .inherits)
    try c.encode(nonEmpty: grants, forKey: .grants)
    try c.encode(flag: isSystem, forKey: .system)
    try c.encode(flag: isDeleted, forKey: .deleted)
  }
}

extension ParentFeature: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, children
  }

  /// Decodes a parent feature.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(FeatureID.self, forKey: .id), children: try c.decode(.children, default: []))
  }

  /// Encodes a parent feature.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(children, forKey: .children)
  }
}

extension ChildFeature: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, enabled
  }

  /// Decodes a child feature from `"id"` (globally on) or `{"id", "enabled"}`.
  public init(from decoder: any Decoder) throws {
    if let id = try? decoder.singleValueContainer().decode(FeatureID.self) {
      self.init(id)
      return
    }
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(FeatureID.self, forKey: .id), isEnabled: try c.decode(.enabled, default: true))
  }

  /// Encodes a child feature, as a bare identifier when globally on.
  public func encode(to encoder: any Encoder) throws {
    if isEnabled {
      var single = encoder.singleValueContainer()
      try single.encode(id)
      return
    }
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(false, forKey: .enabled)
  }
}

extension Plan: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, features
  }

  /// Decodes a plan.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(PlanID.self, forKey: .id), features: try c.decode(.features, default: []))
  }

  /// Encodes a plan.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(features, forKey: .features)
  }
}

extension Workflow: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, states, initial, transitions, basePermission
  }

  /// Decodes a workflow.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(WorkflowID.self, forKey: .id),
      states: try c.decode(.states, default: []),
      initial: try c.decode(StateName.self, forKey: .initial),
      transitions: try c.decode(.transitions, default: []),
      basePermission: try c.decodeIfPresent(PermissionKey.self, forKey: .basePermission))
  }

  /// Encodes a workflow.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(states, forKey: .states)
    try c.encode(initial, forKey: .initial)
    try c.encode(transitions, forKey: .transitions)
    try c.encodeIfPresent(basePermission, forKey: .basePermission)
  }
}

extension WorkflowState: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case name, enter, terminal
  }

  /// Decodes a workflow state from `"NAME"` or `{"name", "enter", "terminal"}`.
  public init(from decoder: any Decoder) throws {
    if let name = try? decoder.singleValueContainer().decode(StateName.self) {
      self.init(name)
      return
    }
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(StateName.self, forKey: .name),
      enter: try c.decodeIfPresent(PermissionKey.self, forKey: .enter),
      isTerminal: try c.decode(.terminal, default: false))
  }

  /// Encodes a workflow state.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encodeIfPresent(enter, forKey: .enter)
    try c.encode(flag: isTerminal, forKey: .terminal)
  }
}

extension Transition: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case from, to
  }

  /// Decodes a transition.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      from: try c.decode(StateName.self, forKey: .from),
      to: try c.decode(StateName.self, forKey: .to))
  }

  /// Encodes a transition.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(from, forKey: .from)
    try c.encode(to, forKey: .to)
  }
}

extension Directory: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case organizations, users, memberships, apiKeys
  }

  /// Decodes a directory from its JSON form (see `docs/FORMAT.md`).
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      organizations: try c.decode(.organizations, default: []),
      users: try c.decode(.users, default: []),
      memberships: try c.decode(.memberships, default: []),
      apiKeys: try c.decode(.apiKeys, default: []))
  }

  /// Encodes a directory in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(organizations, forKey: .organizations)
    try c.encode(users, forKey: .users)
    try c.encode(memberships, forKey: .memberships)
    try c.encode(nonEmpty: apiKeys, forKey: .apiKeys)
  }
}

extension Organization: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, parent, plan, features, shops, active, security
  }

  /// Decodes an organization.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    // Feature names are keys of an object; read them one by one so that names differing
    // only in their bytes (not canonically) stay distinct.
    var overrides: [FeatureID: Bool] = [:]
    if try c.contains(.features) && !c.decodeNil(forKey: .features) {
      let features = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .features)
      for key in features.allKeys {
        overrides[FeatureID(key.stringValue)] = try features.decode(Bool.self, forKey: key)
      }
    }
    self.init(
      try c.decode(OrgID.self, forKey: .id),
      parent: try c.decodeIfPresent(OrgID.self, forKey: .parent),
      plan: try c.decodeIfPresent(PlanID.self, forKey: .plan),
      featureOverrides: overrides,
      shops: try c.decode(.shops, default: []),
      isActive: try c.decode(.active, default: true),
      security: try c.decode(.security, default: OrgSecurity()))
  }

  /// Encodes an organization.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encodeIfPresent(parent, forKey: .parent)
    try c.encodeIfPresent(plan, forKey: .plan)
    if !featureOverrides.isEmpty {
      var features = c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .features)
      for (feature, enabled) in featureOverrides {
        try features.encode(enabled, forKey: AnyCodingKey(stringValue: feature.rawValue))
      }
    }
    try c.encode(nonEmpty: shops, forKey: .shops)
    if !isActive { try c.encode(false, forKey: .active) }
    if !security.isEmpty { try c.encode(security, forKey: .security) }
  }
}

extension User: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, active
  }

  /// Decodes a user from `"id"` (active) or `{"id", "active"}`.
  public init(from decoder: any Decoder) throws {
    if let id = try? decoder.singleValueContainer().decode(UserID.self) {
      self.init(id)
      return
    }
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      try c.decode(UserID.self, forKey: .id), isActive: try c.decode(.active, default: true))
  }

  /// Encodes a user, as a bare identifier when active.
  public func encode(to encoder: any Encoder) throws {
    if isActive {
      var single = encoder.singleValueContainer()
      try single.encode(id)
      return
    }
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(false, forKey: .active)
  }
}

extension Membership: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case user, org, role, shops, grants
  }

  /// Decodes a membership.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      user: try c.decode(UserID.self, forKey: .user),
      org: try c.decode(OrgID.self, forKey: .org),
      role: try c.decode(RoleID.self, forKey: .role),
      shops: try c.decode(.shops, default: []),
      grants: try c.decode(.grants, default: []))
  }

  /// Encodes a membership.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(user, forKey: .user)
    try c.encode(org, forKey: .org)
    try c.encode(role, forKey: .role)
    try c.encode(nonEmpty: shops, forKey: .shops)
    try c.encode(nonEmpty: grants, forKey: .grants)
  }
}

extension Resource: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case org, shop, assignee, state
  }

  /// Decodes a resource; unknown fields are errors.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownFields(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      org: try c.decode(OrgID.self, forKey: .org),
      shop: try c.decodeIfPresent(ShopID.self, forKey: .shop),
      assignee: try c.decodeIfPresent(UserID.self, forKey: .assignee),
      state: try c.decodeIfPresent(StateName.self, forKey: .state))
  }

  /// Encodes a resource.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(org, forKey: .org)
    try c.encodeIfPresent(shop, forKey: .shop)
    try c.encodeIfPresent(assignee, forKey: .assignee)
    try c.encodeIfPresent(state, forKey: .state)
  }
}
