/// The self-protection rules: what nobody may do to themselves.
public struct SelfProtection: Sendable, Hashable {
  /// Nobody changes their own role (nor transfers ownership to themselves).
  public var role: Bool
  /// Nobody deactivates themselves.
  public var deactivation: Bool
  /// Nobody removes their own membership.
  public var removal: Bool

  /// Creates the rules; all off by default.
  public init(role: Bool = false, deactivation: Bool = false, removal: Bool = false) {
    self.role = role
    self.deactivation = deactivation
    self.removal = removal
  }

  /// All three rules on.
  public static let all = SelfProtection(role: true, deactivation: true, removal: true)
}
