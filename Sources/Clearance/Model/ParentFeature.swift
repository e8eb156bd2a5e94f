/// A parent feature: an umbrella over child features. Only children gate permissions.
public struct ParentFeature: Sendable, Hashable {
  /// The parent's identifier, for example `jobs`.
  public var id: FeatureID
  /// The child features under this umbrella.
  public var children: [ChildFeature]

  /// Creates a parent feature.
  public init(_ id: FeatureID, children: [ChildFeature]) {
    self.id = id
    self.children = children
  }
}
