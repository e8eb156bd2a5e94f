/// An exact description of the resources a principal may act on: the answer of
/// ``Snapshot/filter(_:_:)-(Principal,Action)``, for listing and counting without
/// deciding row by row.
///
/// A filter is a plain value over the four fields of a ``Resource``. It is exact: for
/// every resource, `can` allows the request if and only if the filter matches it. Turn it
/// into a SQL `WHERE` clause with ``sql(columns:firstParameter:)``, or walk the cases to
/// build a query for any other store.
///
/// Leaves compare names byte for byte; a missing field (`nil`) matches no set and no
/// user, except ``stateNotIn(_:)``, which matches a resource without a state.
///
/// ```swift
/// let filter = snapshot.filter("tina", "tickets::ticket::read")
/// // org in {acme} and (assignee = tina or shop in {north})
/// ```
public enum ResourceFilter: Sendable, Hashable {
  /// Every resource.
  case always
  /// No resource.
  case never
  /// Resources whose organization is one of these.
  case orgIn([OrgID])
  /// Resources whose shop is one of these (a resource without a shop does not match).
  case shopIn([ShopID])
  /// Resources assigned to this user (a resource without an assignee does not match).
  case assigneeIs(UserID)
  /// Resources whose state is one of these (a resource without a state does not match).
  case stateIn([StateName])
  /// Resources without a state, or whose state is none of these.
  case stateNotIn([StateName])
  /// Resources every member matches.
  case and([ResourceFilter])
  /// Resources some member matches.
  case or([ResourceFilter])

  /// Whether the filter matches `resource`: the same answer `can` gives for the principal
  /// and action the filter was built for.
  ///
  /// Complexity: O(size of the filter).
  public func matches(_ resource: Resource) -> Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .orgIn(let orgs): return orgs.contains { sameBytes($0.rawValue, resource.org.rawValue) }
    case .shopIn(let shops):
      guard let shop = resource.shop else { return false }
      return shops.contains { sameBytes($0.rawValue, shop.rawValue) }
    case .assigneeIs(let user):
      guard let assignee = resource.assignee else { return false }
      return sameBytes(user.rawValue, assignee.rawValue)
    case .stateIn(let states):
      guard let state = resource.state else { return false }
      return states.contains { sameBytes($0.rawValue, state.rawValue) }
    case .stateNotIn(let states):
      guard let state = resource.state else { return true }
      return !states.contains { sameBytes($0.rawValue, state.rawValue) }
    case .and(let members): return members.allSatisfy { $0.matches(resource) }
    case .or(let members): return members.contains { $0.matches(resource) }
    }
  }

  /// The conjunction of `members`, simplified: `always` members dropped, `never` if any
  /// member is `never`, nested conjunctions flattened, one member returned as itself.
  public static func all(_ members: [ResourceFilter]) -> ResourceFilter {
    if members.count == 1 { return members[0] }
    var flat: [ResourceFilter] = []
    flat.reserveCapacity(members.count + 2)
    for member in members {
      switch member {
      case .always: continue
      case .never: return .never
      case .and(let inner): flat += inner
      default: flat.append(member)
      }
    }
    if flat.isEmpty { return .always }
    return flat.count == 1 ? flat[0] : .and(flat)
  }

  /// The disjunction of `members`, simplified: `never` members dropped, `always` if any
  /// member is `always`, nested disjunctions flattened, one member returned as itself.
  public static func any(_ members: [ResourceFilter]) -> ResourceFilter {
    if members.count == 1 { return members[0] }
    var flat: [ResourceFilter] = []
    flat.reserveCapacity(members.count + 2)
    for member in members {
      switch member {
      case .never: continue
      case .always: return .always
      case .or(let inner): flat += inner
      default: flat.append(member)
      }
    }
    if flat.isEmpty { return .never }
    return flat.count == 1 ? flat[0] : .or(flat)
  }
}

/// Whether two strings have the same UTF-8 bytes: names are equal only byte for byte.
@inline(__always)
func sameBytes(_ a: String, _ b: String) -> Bool {
  a.utf8.elementsEqual(b.utf8)
}
