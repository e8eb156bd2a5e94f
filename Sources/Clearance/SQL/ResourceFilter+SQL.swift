extension ResourceFilter {
  /// The filter as a PostgreSQL boolean expression over the host's columns, for a
  /// `WHERE` clause; every name is a bound parameter (`$n::text` or `= ANY($n::text[])`),
  /// never part of the text, and identifiers are quoted.
  ///
  /// ```swift
  /// let sql = try filter.sql(columns: SQLColumns(table: "t"))
  /// // ("t"."org" = $1::text AND ("t"."assignee" = $2::text OR "t"."shop" = $3::text))
  /// ```
  ///
  /// - Parameters:
  ///   - columns: the host table's column names.
  ///   - firstParameter: the number of the first placeholder, to splice the fragment into
  ///     a statement that binds others before it.
  /// - Throws: ``SQLError`` for an ill-formed identifier, a value with a NUL byte, or more
  ///   than 65,535 placeholders.
  public func sql(columns: SQLColumns = SQLColumns(), firstParameter: Int = 1) throws(SQLError)
    -> SQLFragment
  {
    guard firstParameter >= 1 else { throw SQLError("placeholders start at $1") }
    var qualifier = ""
    if let table = columns.table { qualifier = try PostgreSQL.identifier(table) + "." }
    var renderer = SQLRenderer(
      org: qualifier + (try PostgreSQL.identifier(columns.org)),
      shop: qualifier + (try PostgreSQL.identifier(columns.shop)),
      assignee: qualifier + (try PostgreSQL.identifier(columns.assignee)),
      state: qualifier + (try PostgreSQL.identifier(columns.state)),
      first: firstParameter)
    let text = try renderer.render(self)
    return SQLFragment(text: text, parameters: renderer.parameters)
  }
}

/// Renders a filter, collecting its parameters.
struct SQLRenderer {
  let org: String
  let shop: String
  let assignee: String
  let state: String
  let first: Int
  var parameters: [SQLValue] = []

  init(org: String, shop: String, assignee: String, state: String, first: Int) {
    self.org = org
    self.shop = shop
    self.assignee = assignee
    self.state = state
    self.first = first
  }

  mutating func render(_ filter: ResourceFilter) throws(SQLError) -> String {
    switch filter {
    case .always: return "TRUE"
    case .never: return "FALSE"
    case .orgIn(let values): return try membership(org, values.map(\.rawValue))
    case .shopIn(let values): return try membership(shop, values.map(\.rawValue))
    case .assigneeIs(let user): return "\(assignee) = \(try bind(.text(user.rawValue)))::text"
    case .stateIn(let values): return try membership(state, values.map(\.rawValue))
    case .stateNotIn(let values):
      if values.isEmpty { return "TRUE" }
      let rendered =
        values.count == 1
        ? "\(state) <> \(try bind(.text(values[0].rawValue)))::text"
        : "\(state) <> ALL(\(try bind(.textArray(values.map(\.rawValue))))::text[])"
      return "(\(state) IS NULL OR \(rendered))"
    case .and(let members): return try join(members, "AND", empty: "TRUE")
    case .or(let members): return try join(members, "OR", empty: "FALSE")
    }
  }

  private mutating func join(_ members: [ResourceFilter], _ word: String, empty: String)
    throws(SQLError) -> String
  {
    if members.isEmpty { return empty }
    var parts: [String] = []
    for member in members { parts.append(try render(member)) }
    return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " \(word) ") + ")"
  }

  /// `column = $n::text` for one value, `column = ANY($n::text[])` for several.
  private mutating func membership(_ column: String, _ values: [String]) throws(SQLError)
    -> String
  {
    if values.isEmpty { return "FALSE" }
    if values.count == 1 { return "\(column) = \(try bind(.text(values[0])))::text" }
    return "\(column) = ANY(\(try bind(.textArray(values)))::text[])"
  }

  /// Appends a parameter and returns its placeholder.
  private mutating func bind(_ value: SQLValue) throws(SQLError) -> String {
    switch value {
    case .text(let text): try PostgreSQL.checkBindable(text)
    case .textArray(let texts): for text in texts { try PostgreSQL.checkBindable(text) }
    }
    let number = first + parameters.count
    guard number <= PostgreSQL.maxParameters else {
      throw SQLError(
        "the filter needs more than \(PostgreSQL.maxParameters) placeholders, PostgreSQL's limit")
    }
    parameters.append(value)
    return "$\(number)"
  }
}
