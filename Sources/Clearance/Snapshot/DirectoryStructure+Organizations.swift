/// Organization handles by id: a view of the organizations' name index (exact bytes), not
/// a second table.
struct OrgHandles {
  let names: NameIndex

  /// The handle of organization `org`, or nil.
  subscript(_ org: OrgID) -> Int32? { names.handle(of: org.rawValue, in: NameSpace.orgs) }
}

/// The organizations and shops of a directory, by handle, with the tree's order and
/// Euler intervals. Small next to the users (one entry per organization and shop): adding
/// an organization rebuilds it, O(organizations).
struct OrgTables: Sendable {
  let orgIDs: [OrgID]
  let orgParent: [Int32]
  let orgShops: [[ShopID]]
  /// `[enter, exit]` of each organization's Euler interval: `b` is a proper descendant of
  /// `a` iff `enter[a] < enter[b] && exit[b] <= exit[a]`.
  let frozenIntervals: Frozen<Int32>
  /// Organizations with every parent before its children.
  let orgOrder: [Int32]
  /// Children of each organization.
  let orgChildren: [[Int32]]
  /// One handle per (organization, shop).
  let shopIndex: [ShopKey: Int32]
  let shopIDs: [ShopID]
  /// Organizations and shops by the exact bytes of their ids, for requests by name.
  let names: NameIndex

  /// Organization handles by id, read from ``names``.
  var orgIndex: OrgHandles { OrgHandles(names: names) }

  /// Validates `organizations` (ids, parents, plans, feature overrides, shops, cycles)
  /// against `policy` into `issues`, and indexes them. The tables are only meaningful
  /// when no issue was added.
  init(
    _ organizations: [Organization], policy: CompiledPolicy, path: String = "organizations",
    issues: inout IssueCollector
  ) {
    var orgIDs: [OrgID] = []
    // Handles while building (duplicates are found here); ``names`` keeps them after.
    var orgIndex: [OrgID: Int32] = [:]
    var positions: [Int] = []
    for (i, org) in organizations.enumerated() {
      if org.id.rawValue.isEmpty {
        issues.add("\(path)[\(i)].id", .illFormed, "empty organization id")
      } else if let message = IdentifierRules.illFormed(org.id.rawValue, "organization id") {
        issues.add("\(path)[\(i)].id", .illFormed, message)
      } else if orgIndex[org.id] != nil {
        issues.add("\(path)[\(i)].id", .duplicate, "duplicate organization \"\(org.id)\"")
      } else {
        orgIndex[org.id] = Int32(orgIDs.count)
        orgIDs.append(org.id)
        positions.append(i)
      }
    }
    var orgParent = [Int32](repeating: -1, count: orgIDs.count)
    var shopIndex: [ShopKey: Int32] = [:]
    var shopIDs: [ShopID] = []
    var orgShops = [[ShopID]](repeating: [], count: orgIDs.count)
    for (o, i) in positions.enumerated() {
      let org = organizations[i]
      let at = "\(path)[\(i)]"
      if let parent = org.parent {
        if let p = orgIndex[parent] {
          orgParent[o] = p
        } else {
          issues.add(at + ".parent", .unknownReference, "unknown organization \"\(parent)\"")
        }
      }
      OrgTables.validateSettings(of: org, path: at, policy: policy, issues: &issues)
      for (j, shop) in org.shops.enumerated() {
        let key = ShopKey(org: Int32(o), shop: shop)
        if shop.rawValue.isEmpty {
          issues.add("\(at).shops[\(j)]", .illFormed, "empty shop id")
        } else if let message = IdentifierRules.illFormed(shop.rawValue, "shop id") {
          issues.add("\(at).shops[\(j)]", .illFormed, message)
        } else if shopIndex[key] != nil {
          issues.add("\(at).shops[\(j)]", .duplicate, "duplicate shop \"\(shop)\"")
        } else {
          shopIndex[key] = Int32(shopIDs.count)
          shopIDs.append(shop)
          orgShops[o].append(shop)
        }
      }
    }
    for cycle in findCycles(
      nodeCount: orgIDs.count, edges: { orgParent[$0] < 0 ? [] : [Int(orgParent[$0])] })
    {
      issues.add(
        path, .cycle,
        "organization cycle " + cycle.map { orgIDs[$0].rawValue }.joined(separator: " -> "))
    }
    let tree = OrgTables.tree(parents: orgParent)
    self.orgIDs = orgIDs
    self.orgParent = orgParent
    self.orgShops = orgShops
    frozenIntervals = Frozen(tree.intervals)
    orgOrder = tree.order
    orgChildren = tree.children
    self.shopIndex = shopIndex
    self.shopIDs = shopIDs
    names = NameIndex(
      orgIDs.enumerated().map { ($0.element.rawValue, NameSpace.orgs, Int32($0.offset)) }
        + shopIndex.map { ($0.key.shop.rawValue, $0.key.org, $0.value) })
  }

  /// Checks an organization's plan and feature overrides against the policy.
  static func validateSettings(
    of org: Organization, path: String, policy: CompiledPolicy, issues: inout IssueCollector
  ) {
    if let plan = org.plan, policy.planIndex[plan] == nil {
      issues.add(path + ".plan", .unknownReference, "unknown plan \"\(plan)\"")
    }
    for feature in org.featureOverrides.keys.sorted() where policy.childIndex[feature] == nil {
      let what =
        policy.childrenOfParent[feature] != nil
        ? "parent feature \"\(feature)\" cannot be overridden (override its children)"
        : "unknown feature \"\(feature)\""
      issues.add(path + ".features.\(feature)", .unknownReference, what)
    }
  }

  /// The tree of an acyclic parent table: children, parents-first order, and the Euler
  /// intervals `[enter, exit]` of each node. Nodes on a cycle are left out of the order.
  static func tree(parents: [Int32]) -> (
    children: [[Int32]], order: [Int32], intervals: [Int32]
  ) {
    var children = [[Int32]](repeating: [], count: parents.count)
    var roots: [Int32] = []
    for o in parents.indices {
      if parents[o] < 0 {
        roots.append(Int32(o))
      } else {
        children[Int(parents[o])].append(Int32(o))
      }
    }
    var intervals = [Int32](repeating: 0, count: parents.count * 2)
    var order: [Int32] = []
    var clock: Int32 = 0
    for root in roots {
      var stack: [(node: Int32, next: Int)] = [(root, 0)]
      intervals[Int(root) * 2] = clock
      clock += 1
      order.append(root)
      while let top = stack.last {
        let kids = children[Int(top.node)]
        if top.next < kids.count {
          stack[stack.count - 1].next += 1
          let child = kids[top.next]
          intervals[Int(child) * 2] = clock
          clock += 1
          order.append(child)
          stack.append((child, 0))
        } else {
          intervals[Int(top.node) * 2 + 1] = clock
          stack.removeLast()
        }
      }
    }
    return (children, order, intervals)
  }
}
