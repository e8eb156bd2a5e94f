extension Snapshot {
  /// A new snapshot in which organization `org` turns child feature `feature` on or off
  /// for itself and every descendant without an override of its own. Only that subtree
  /// is recomputed; principals, actions and resources resolved on this snapshot stay valid.
  ///
  /// - Throws: ``ValidationError`` when the organization or child feature is unknown, or
  ///   when `feature` is a parent (only child features gate permissions).
  public func settingFeatureOverride(_ feature: FeatureID, to enabled: Bool, for org: OrgID)
    throws(ValidationError) -> Snapshot
  {
    try settingOverride(feature, to: enabled, for: org)
  }

  /// A new snapshot in which organization `org` no longer overrides child feature
  /// `feature`: it follows its nearest ancestor's override, else its plan, else on.
  ///
  /// - Throws: ``ValidationError`` when the organization or child feature is unknown.
  public func removingFeatureOverride(_ feature: FeatureID, for org: OrgID)
    throws(ValidationError) -> Snapshot
  {
    try settingOverride(feature, to: nil, for: org)
  }
}
