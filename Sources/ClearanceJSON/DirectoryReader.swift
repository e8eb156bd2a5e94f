import Clearance

/// A hand-written reader for the one big document, `directory.json`.
///
/// Decoding a membership through `Codable` costs several allocations (the model's
/// unknown-field check builds key sets); a directory has hundreds of thousands of them.
/// This reader walks the parsed document directly and builds the same ``Directory``;
/// identifiers, users, organizations and grants still go through their `Codable`
/// conformances. It gives up (returns nil) on anything unusual: an unknown field, a wrong
/// type, an escaped key. The caller then decodes through `Codable`, which reports every
/// problem, so both paths accept exactly the same documents and errors read the same.
struct DirectoryReader {
  let tape: JSONTape

  func read() -> Directory? {
    let nodes = tape.nodes
    guard let root = nodes.first, root.kind == .object else { return nil }
    var directory = Directory()
    var key = 1
    while key < Int(root.end) {
      let value = key + 1
      let isNull = nodes[value].kind == .null
      if isKey(key, "memberships") {
        guard isNull || readMemberships(value, into: &directory.memberships) else { return nil }
      } else if isKey(key, "users") {
        guard isNull || readUsers(value, into: &directory.users) else { return nil }
      } else if isKey(key, "organizations") {
        if !isNull {
          guard let organizations = try? TapeDecoder(tape, value).decode([Organization].self)
          else { return nil }
          directory.organizations = organizations
        }
      } else {
        return nil
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

  func readUsers(_ array: Int, into users: inout [User]) -> Bool {
    guard tape.nodes[array].kind == .array else { return false }
    users.reserveCapacity(Int(tape.nodes[array].length))
    var child = array + 1
    while child < Int(tape.nodes[array].end) {
      guard let user = try? User(from: TapeDecoder(tape, child)) else { return false }
      users.append(user)
      child = Int(tape.nodes[child].end)
    }
    return true
  }

  func readMemberships(_ array: Int, into memberships: inout [Membership]) -> Bool {
    guard tape.nodes[array].kind == .array else { return false }
    memberships.reserveCapacity(Int(tape.nodes[array].length))
    var child = array + 1
    while child < Int(tape.nodes[array].end) {
      guard let membership = readMembership(child) else { return false }
      memberships.append(membership)
      child = Int(tape.nodes[child].end)
    }
    return true
  }

  func readMembership(_ object: Int) -> Membership? {
    let nodes = tape.nodes
    guard nodes[object].kind == .object else { return nil }
    var user: UserID?
    var org: OrgID?
    var role: RoleID?
    var shops: [ShopID] = []
    var grants: [Grant] = []
    var key = object + 1
    while key < Int(nodes[object].end) {
      let value = key + 1
      let decoder = TapeDecoder(tape, value)
      if isKey(key, "user") {
        user = try? UserID(from: decoder)
      } else if isKey(key, "org") {
        org = try? OrgID(from: decoder)
      } else if isKey(key, "role") {
        role = try? RoleID(from: decoder)
      } else if isKey(key, "shops") {
        if nodes[value].kind != .null {
          guard let list = try? decoder.decode([ShopID].self) else { return nil }
          shops = list
        }
      } else if isKey(key, "grants") {
        if nodes[value].kind != .null {
          guard let list = try? decoder.decode([Grant].self) else { return nil }
          grants = list
        }
      } else {
        return nil
      }
      key = Int(nodes[value].end)
    }
    guard let user, let org, let role else { return nil }
    return Membership(user: user, org: org, role: role, shops: shops, grants: grants)
  }
}
