import Clearance

/// A hand-written reader for the one big document, `directory.json`.
///
/// Decoding through `Codable` costs several allocations and dynamic casts per object (the
/// model's unknown-field check builds key sets); a directory has hundreds of thousands of
/// objects. This reader walks the parsed document directly and builds the same
/// ``Directory`` with the model's initialisers; only grants in their long form go through
/// `Codable`. It gives up (returns nil) on anything unusual: an unknown field, a wrong type,
/// an escaped field name. The caller then decodes through `Codable`, which reports every
/// problem, so both paths accept the same documents and errors read the same. Tests check
/// that both paths give equal directories.
struct DirectoryReader {
  let tape: JSONTape

  func read() -> Directory? {
    let nodes = tape.nodes
    guard let root = nodes.first, root.kind == .object else { return nil }
    var directory = Directory()
    var key = 1
    while key < Int(root.end) {
      let value = key + 1
      if nodes[value].kind != .null {
        let ok: Bool
        if isKey(key, "memberships") {
          ok = readArray(value, into: &directory.memberships, readMembership)
        } else if isKey(key, "users") {
          ok = readArray(value, into: &directory.users, readUser)
        } else if isKey(key, "organizations") {
          ok = readArray(value, into: &directory.organizations, readOrganization)
        } else {
          ok = false
        }
        guard ok else { return nil }
      }
      key = Int(nodes[value].end)
    }
    return directory
  }

  /// Whether the key node at `index` is exactly `word` (escaped keys never are).
  func isKey(_ index: Int, _ word: StaticString) -> Bool {
    let node = tape.nodes[index]
    guard node.flags & JSONNode.escapedFlag == 0, Int(node.length) == word.utf8CodeUnitCount
    else { return false }
    return tape.bytes.withUnsafeBufferPointer { bytes in
      memoryEqual(bytes.baseAddress.map { $0 + Int(node.start) }, word.utf8Start, Int(node.length))
    }
  }

  /// The string at `index`, or nil for any other kind of value.
  func text(_ index: Int) -> String? {
    tape.nodes[index].kind == .string ? tape.string(index) : nil
  }

  /// Reads every element of an array with `element`; false if any gives nil.
  func readArray<Element>(
    _ array: Int, into result: inout [Element], _ element: (Int) -> Element?
  ) -> Bool {
    let node = tape.nodes[array]
    guard node.kind == .array else { return false }
    result.reserveCapacity(Int(node.length))
    var child = array + 1
    let end = Int(node.end)
    while child < end {
      guard let value = element(child) else { return false }
      result.append(value)
      child = Int(tape.nodes[child].end)
    }
    return true
  }

  /// An array of identifiers; `null` is empty.
  func identifiers<I: StringIdentifier>(_ index: Int, _ type: I.Type) -> [I]? {
    if tape.nodes[index].kind == .null { return [] }
    var result: [I] = []
    return readArray(index, into: &result) { text($0).map(I.init) } ? result : nil
  }

  /// A `true`/`false`, or `fallback` for `null`; nil for any other value.
  func flag(_ index: Int, default fallback: Bool) -> Bool? {
    switch tape.nodes[index].kind {
    case .true: true
    case .false: false
    case .null: fallback
    default: nil
    }
  }

  func readUser(_ index: Int) -> User? {
    if let id = text(index) { return User(UserID(id)) }
    guard tape.nodes[index].kind == .object else { return nil }
    var id: UserID?
    var isActive = true
    var key = index + 1
    while key < Int(tape.nodes[index].end) {
      let value = key + 1
      if isKey(key, "id"), let name = text(value) {
        id = UserID(name)
      } else if isKey(key, "active"), let active = flag(value, default: true) {
        isActive = active
      } else {
        return nil
      }
      key = Int(tape.nodes[value].end)
    }
    return id.map { User($0, isActive: isActive) }
  }

  func readMembership(_ object: Int) -> Membership? {
    guard tape.nodes[object].kind == .object else { return nil }
    var user: UserID?
    var org: OrgID?
    var role: RoleID?
    var shops: [ShopID] = []
    var grants: [Grant] = []
    var key = object + 1
    while key < Int(tape.nodes[object].end) {
      let value = key + 1
      if isKey(key, "user"), let name = text(value) {
        user = UserID(name)
      } else if isKey(key, "org"), let name = text(value) {
        org = OrgID(name)
      } else if isKey(key, "role"), let name = text(value) {
        role = RoleID(name)
      } else if isKey(key, "shops"), let list = identifiers(value, ShopID.self) {
        shops = list
      } else if isKey(key, "grants"), let list = grantList(value) {
        grants = list
      } else {
        return nil
      }
      key = Int(tape.nodes[value].end)
    }
    guard let user, let org, let role else { return nil }
    return Membership(user: user, org: org, role: role, shops: shops, grants: grants)
  }

  /// An array of grants; `null` is empty.
  func grantList(_ index: Int) -> [Grant]? {
    if tape.nodes[index].kind == .null { return [] }
    var result: [Grant] = []
    return readArray(index, into: &result, readGrant) ? result : nil
  }

  /// A grant: `"pattern"` or `{"permission", "scope", "states"}`.
  func readGrant(_ index: Int) -> Grant? {
    if let pattern = text(index) { return Grant(PermissionPattern(pattern)) }
    guard tape.nodes[index].kind == .object else { return nil }
    var permission: PermissionPattern?
    var scope = Scope.org
    var states: [StateName]?
    var key = index + 1
    while key < Int(tape.nodes[index].end) {
      let value = key + 1
      let isNull = tape.nodes[value].kind == .null
      if isKey(key, "permission"), let pattern = text(value) {
        permission = PermissionPattern(pattern)
      } else if isKey(key, "scope"), isNull || text(value).flatMap(Scope.init(name:)) != nil {
        scope = text(value).flatMap(Scope.init(name:)) ?? .org
      } else if isKey(key, "states"), isNull || tape.nodes[value].kind == .array,
        let list = identifiers(value, StateName.self)
      {
        states = isNull ? nil : list
      } else {
        return nil
      }
      key = Int(tape.nodes[value].end)
    }
    return permission.map { Grant($0, scope: scope, states: states) }
  }

  func readOrganization(_ object: Int) -> Organization? {
    guard tape.nodes[object].kind == .object else { return nil }
    var organization = Organization("")
    var hasID = false
    var key = object + 1
    while key < Int(tape.nodes[object].end) {
      let value = key + 1
      let isNull = tape.nodes[value].kind == .null
      if isKey(key, "id"), let name = text(value) {
        organization.id = OrgID(name)
        hasID = true
      } else if isKey(key, "parent"), isNull || text(value) != nil {
        organization.parent = text(value).map(OrgID.init)
      } else if isKey(key, "plan"), isNull || text(value) != nil {
        organization.plan = text(value).map(PlanID.init)
      } else if isKey(key, "features"), let overrides = featureOverrides(value) {
        organization.featureOverrides = overrides
      } else if isKey(key, "shops"), let list = identifiers(value, ShopID.self) {
        organization.shops = list
      } else if isKey(key, "active"), let active = flag(value, default: true) {
        organization.isActive = active
      } else {
        return nil
      }
      key = Int(tape.nodes[value].end)
    }
    return hasID ? organization : nil
  }

  /// `{"feature": true, …}`; `null` is empty.
  func featureOverrides(_ object: Int) -> [FeatureID: Bool]? {
    let node = tape.nodes[object]
    if node.kind == .null { return [:] }
    guard node.kind == .object else { return nil }
    var overrides: [FeatureID: Bool] = [:]
    var key = object + 1
    while key < Int(node.end) {
      guard let enabled = flag(key + 1, default: true), tape.nodes[key + 1].kind != .null
      else { return nil }
      overrides[FeatureID(tape.string(key))] = enabled
      key = Int(tape.nodes[key + 1].end)
    }
    return overrides
  }
}
