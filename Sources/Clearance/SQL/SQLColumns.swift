/// The host table's column names for the four fields of a resource, optionally
/// qualified by a table name or alias. Columns hold `text` (or a type comparable to it);
/// an absent shop, assignee or state is `NULL`.
public struct SQLColumns: Sendable, Hashable {
  /// The table name or alias to qualify columns with, if any.
  public var table: String?
  /// The organization column.
  public var org: String
  /// The shop column.
  public var shop: String
  /// The assignee (user id) column.
  public var assignee: String
  /// The workflow state column.
  public var state: String

  /// Creates column names; the defaults are `org`, `shop`, `assignee` and `state`.
  public init(
    table: String? = nil, org: String = "org", shop: String = "shop",
    assignee: String = "assignee", state: String = "state"
  ) {
    self.table = table
    self.org = org
    self.shop = shop
    self.assignee = assignee
    self.state = state
  }
}
