extension DirectoryStructure {
  /// The users pass: validates ids (non-empty, distinct, within the handle space) and
  /// numbers the users in declaration order.
  static func indexUsers(
    _ users: [User], issues: inout IssueCollector
  ) -> (users: [User], lookup: [UserID: Int32]) {
    var kept: [User] = []
    var lookup: [UserID: Int32] = [:]
    kept.reserveCapacity(users.count)
    lookup.reserveCapacity(users.count)
    for (i, user) in users.enumerated() {
      if let problem = problem(
        addingUser: user.id, count: kept.count, exists: lookup[user.id] != nil)
      {
        issues.add("users[\(i)].id", problem.code, problem.message)
      } else {
        lookup[user.id] = Int32(kept.count)
        kept.append(user)
      }
    }
    return (kept, lookup)
  }

  /// What is wrong with adding a user with id `id` to `count` users, if anything.
  static func problem(addingUser id: UserID, count: Int, exists: Bool) -> (
    code: ValidationIssue.Code, message: String
  )? {
    if id.rawValue.isEmpty { return (.illFormed, "empty user id") }
    if let problem = IdentifierRules.problem(with: id.rawValue) {
      return (.illFormed, "ill-formed user id \(IdentifierRules.quoted(id.rawValue)): \(problem)")
    }
    if exists { return (.duplicate, "duplicate user \"\(id)\"") }
    if count >= Int(foreignBase) {
      return (.illFormed, "too many users: at most \(foreignBase) per directory")
    }
    return nil
  }
}
