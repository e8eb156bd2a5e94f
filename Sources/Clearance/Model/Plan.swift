/// A subscription plan: the features it enables.
public struct Plan: Sendable, Hashable {
  /// The plan's identifier.
  public var id: PlanID
  /// Child features, or parents (meaning all of their children), included in the plan.
  public var features: [FeatureID]

  /// Creates a plan.
  public init(_ id: PlanID, features: [FeatureID]) {
    self.id = id
    self.features = features
  }
}
