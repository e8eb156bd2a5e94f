/// A user.
public struct User: Sendable, Hashable {
  /// The user's identifier.
  public var id: UserID
  /// An inactive user is denied everything.
  public var isActive: Bool

  /// Creates a user.
  public init(_ id: UserID, isActive: Bool = true) {
    self.id = id
    self.isActive = isActive
  }
}
