/// A child feature: a gatable module with a global switch.
public struct ChildFeature: Sendable, Hashable {
  /// The child's identifier; permissions whose first segment equals it are gated by it.
  public var id: FeatureID
  /// The global switch. When off, the feature is disabled for every organization.
  public var isEnabled: Bool

  /// Creates a child feature.
  public init(_ id: FeatureID, isEnabled: Bool = true) {
    self.id = id
    self.isEnabled = isEnabled
  }
}
