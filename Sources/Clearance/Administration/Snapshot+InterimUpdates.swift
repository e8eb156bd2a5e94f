// Interim directory updates for administration, built on `replacingDirectory`: correct but
// they rebuild the whole directory. The O(change) versions with the same signatures live
// in Snapshot/Snapshot+Updates.swift once they land; delete this file then.

extension Snapshot {
  /// A new snapshot with `user` added to the directory.
  ///
  /// - Throws: ``ValidationError`` when the user already exists.
  public func addingUser(_ user: User) throws(ValidationError) -> Snapshot {
    var directory = directory
    directory.users.append(user)
    return try replacingDirectory(directory)
  }

  /// A new snapshot with `membership` added.
  ///
  /// - Throws: ``ValidationError`` when it names an unknown user, organization, role or
  ///   shop, or the user is already a member of the organization.
  public func addingMembership(_ membership: Membership) throws(ValidationError) -> Snapshot {
    var directory = directory
    directory.memberships.append(membership)
    return try replacingDirectory(directory)
  }

  /// A new snapshot without `user`'s membership in `org`.
  ///
  /// - Throws: ``ValidationError`` when there is no such membership.
  public func removingMembership(of user: UserID, in org: OrgID) throws(ValidationError)
    -> Snapshot
  {
    let position = try interimPosition(of: user, in: org)
    var directory = directory
    directory.memberships.remove(at: position)
    return try replacingDirectory(directory)
  }

  /// A new snapshot in which `user`'s membership in `org` no longer holds `grant` directly
  /// (every copy of it is removed).
  ///
  /// - Throws: ``ValidationError`` when there is no such membership or grant.
  public func removingDirectGrant(_ grant: Grant, for user: UserID, in org: OrgID)
    throws(ValidationError) -> Snapshot
  {
    let position = try interimPosition(of: user, in: org)
    let grants = directory.memberships[position].grants
    let kept = grants.filter { $0 != grant }
    guard kept.count < grants.count else {
      throw ValidationError([
        ValidationIssue(
          path: "grant", code: .unknownReference,
          message: "\"\(user)\" holds no direct grant \"\(grant.permission)\" in \"\(org)\"")
      ])
    }
    return try settingDirectGrants(kept, for: user, in: org)
  }

  /// A new snapshot in which `user`'s membership in `org` holds exactly `grants` directly.
  ///
  /// - Throws: ``ValidationError`` when there is no such membership or a grant does not
  ///   compile.
  public func settingDirectGrants(_ grants: [Grant], for user: UserID, in org: OrgID)
    throws(ValidationError) -> Snapshot
  {
    let position = try interimPosition(of: user, in: org)
    var directory = directory
    directory.memberships[position].grants = grants
    return try replacingDirectory(directory)
  }

  /// A new snapshot with `organization` added.
  ///
  /// - Throws: ``ValidationError`` when it already exists or names an unknown parent or
  ///   plan.
  public func addingOrganization(_ organization: Organization) throws(ValidationError)
    -> Snapshot
  {
    var directory = directory
    directory.organizations.append(organization)
    return try replacingDirectory(directory)
  }

  private func interimPosition(of user: UserID, in org: OrgID) throws(ValidationError) -> Int {
    guard
      let position = directory.memberships.firstIndex(where: {
        $0.user.rawValue.utf8.elementsEqual(user.rawValue.utf8)
          && $0.org.rawValue.utf8.elementsEqual(org.rawValue.utf8)
      })
    else {
      throw ValidationError([
        ValidationIssue(
          path: "membership", code: .unknownReference,
          message: "user \"\(user)\" has no membership in \"\(org)\"")
      ])
    }
    return position
  }
}
