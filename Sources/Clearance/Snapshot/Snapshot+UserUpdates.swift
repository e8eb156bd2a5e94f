extension Snapshot {
  /// A new snapshot with `user` added, with no memberships yet (add them with
  /// ``addingMembership(_:)``). It is written after every existing user. Copies the last
  /// block of 1,024 users and one shard of the user index. Resources resolved on this
  /// snapshot must be resolved again (a name may now mean a directory user); principals
  /// and actions stay valid.
  ///
  /// - Throws: ``ValidationError`` when the id is empty or already a user's.
  public func addingUser(_ user: User) throws(ValidationError) -> Snapshot {
    if let problem = DirectoryStructure.problem(
      addingUser: user.id, count: structure.users.count,
      exists: structure.userHandle(user.id) != nil)
    {
      throw ValidationError([
        ValidationIssue(path: "user.id", code: problem.code, message: problem.message)
      ])
    }
    let u = structure.users.count
    var users = structure.users
    users.append(user)
    let b = u >> MemberBlock.shift
    var builder = b < structure.blocks.count ? MemberBlock.Builder(structure.blocks[b]) : .init()
    builder.appendUser(isActive: user.isActive)
    let next = structure.with(
      token: Tokens.next(), users: users,
      userNames: structure.userNames.setting(user.id.rawValue, in: NameSpace.users, to: Int32(u)),
      block: (b, builder.freeze(stamp: Tokens.next())))
    return Snapshot(
      policy: policy, structure: next, orgState: orgState, sameOrgState: self,
      version: version)
  }

  /// A new snapshot in which `user` is active or not. Deactivating a user revokes all of
  /// their access at once. Copies one block of 1,024 users; principals of that block must
  /// be resolved again (check with ``isValid(_:)-(Principal)``).
  ///
  /// - Throws: ``ValidationError`` when the user is unknown.
  public func settingUser(_ user: UserID, isActive: Bool) throws(ValidationError) -> Snapshot {
    guard let u = structure.userHandle(user).map(Int.init) else {
      throw ValidationError(.unknownReference(path: "user", kind: "user", name: user))
    }
    return changingBlock(of: u, newStamp: true) { builder, local in
      builder.active[local] = isActive
    }
  }
}
