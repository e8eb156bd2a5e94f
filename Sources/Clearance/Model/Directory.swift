/// Who is who: organizations, users and memberships. Changes often.
///
/// A directory is an immutable value. Combined with a ``CompiledPolicy`` it becomes a
/// ``Snapshot``, against which every decision is made.
public struct Directory: Sendable, Hashable {
  /// The organizations (tenants), forming a tree through ``Organization/parent``.
  public var organizations: [Organization]
  /// The users.
  public var users: [User]
  /// The memberships: user × organization → exactly one role.
  public var memberships: [Membership]
  /// The API keys, each stored by the digest of its secret.
  public var apiKeys: [APIKey]

  /// Creates a directory.
  public init(
    organizations: [Organization] = [],
    users: [User] = [],
    memberships: [Membership] = [],
    apiKeys: [APIKey] = []
  ) {
    self.organizations = organizations
    self.users = users
    self.memberships = memberships
    self.apiKeys = apiKeys
  }
}
