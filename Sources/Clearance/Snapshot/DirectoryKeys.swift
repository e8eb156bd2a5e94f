// Small keys of the directory's tables and indexes.

struct ShopKey: Hashable, Sendable {
  let org: Int32
  let shop: ShopID
}

struct PairKey: Hashable {
  let user: Int32
  let org: Int32
}

/// The namespaces of a directory's name indexes: users, organizations, and for shops the
/// handle of their organization.
enum NameSpace {
  static let users: Int32 = -1
  static let orgs: Int32 = -2
}
