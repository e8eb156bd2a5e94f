// The names these replaced, kept for one release so that callers can migrate; the
// CHANGELOG lists each with its replacement.

extension Snapshot {
  /// Deprecated: `nil` meant "remove the override".
  @available(
    *, deprecated,
    message: "use settingFeatureOverride(_:to:for:) or removingFeatureOverride(_:for:)"
  )
  public func settingFeature(_ feature: FeatureID, to enabled: Bool?, for org: OrgID)
    throws(ValidationError) -> Snapshot
  {
    try settingOverride(feature, to: enabled, for: org)
  }

  /// Deprecated name of ``settingGlobalSwitch(of:to:)``.
  @available(*, deprecated, renamed: "settingGlobalSwitch(of:to:)")
  public func settingFeature(_ feature: FeatureID, globallyEnabled enabled: Bool)
    throws(ValidationError) -> Snapshot
  {
    try settingGlobalSwitch(of: feature, to: enabled)
  }

  /// Deprecated name of ``transition(in:to:)``; it no longer throws (an undeclared
  /// workflow or state gives an undeclared action).
  @available(*, deprecated, renamed: "transition(in:to:)")
  public func action(moving workflow: WorkflowID, to target: StateName) throws(ValidationError)
    -> Action
  {
    transition(in: workflow, to: target)
  }

  /// Deprecated name of ``allowedTargets(for:moving:in:)``; it no longer throws (an
  /// undeclared workflow has no allowed targets).
  @available(*, deprecated, renamed: "allowedTargets(for:moving:in:)")
  public func allowedTargets(
    _ principal: Principal, moving resource: ResolvedResource, in workflow: WorkflowID
  ) throws(ValidationError) -> [StateName] {
    allowedTargets(for: principal, moving: resource, in: workflow)
  }

  /// Deprecated name of ``names(of:)``: it returns a ``Resource``, not text.
  @available(*, deprecated, renamed: "names(of:)")
  public func description(of resource: ResolvedResource) -> Resource {
    names(of: resource)
  }
}

extension CompiledPolicy {
  /// Deprecated name of ``transition(in:to:)``; it no longer throws (an undeclared
  /// workflow or state gives an undeclared action).
  @available(*, deprecated, renamed: "transition(in:to:)")
  public func action(moving workflow: WorkflowID, to target: StateName) throws(ValidationError)
    -> Action
  {
    transition(in: workflow, to: target)
  }
}
