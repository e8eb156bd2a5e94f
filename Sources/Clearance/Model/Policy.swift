/// Everything that says what exists and what roles may do: the input of the compiler.
///
/// A policy is an immutable value. ``CompiledPolicy/init(_:)`` validates it and turns it
/// into the evaluator's bitsets; nothing here is consulted on the decision path.
///
/// ```swift
/// let policy = Policy(
///   permissions: [
///     .init("tickets::ticket::read"),
///     .init("tickets::ticket::edit", requires: ["tickets::ticket::read"]),
///   ],
///   roles: [
///     Role("TECH", grants: [Grant("tickets::ticket::*", scope: .assigned)]),
///     Role("MANAGER", inherits: ["TECH"], grants: [Grant("tickets::*::*", scope: .shop)]),
///   ])
/// let compiled = try CompiledPolicy(policy)
/// ```
public struct Policy: Sendable, Hashable {
  /// The permission catalog, in declaration order.
  public var permissions: [PermissionDefinition]
  /// The parent features (umbrellas) and their children. Empty means nothing is gated.
  public var features: [ParentFeature]
  /// First segments of permission keys that no feature gates.
  public var ungated: [String]
  /// Subscription plans: which features each one enables.
  public var plans: [Plan]
  /// The roles, in declaration order.
  public var roles: [Role]
  /// The workflows (state machines) whose transitions are checked.
  public var workflows: [Workflow]
  /// Who may administer what, and which administration rules are on; `nil` refuses every
  /// administration operation.
  public var administration: AdministrationPolicy?
  /// API-key scopes, rate limits, MFA, session, password and audit rules; nil for none.
  public var security: SecuritySettings?

  /// Creates a policy.
  public init(
    permissions: [PermissionDefinition] = [],
    features: [ParentFeature] = [],
    ungated: [String] = [],
    plans: [Plan] = [],
    roles: [Role] = [],
    workflows: [Workflow] = [],
    administration: AdministrationPolicy? = nil,
    security: SecuritySettings? = nil
  ) {
    self.security = security
    self.permissions = permissions
    self.features = features
    self.ungated = ungated
    self.plans = plans
    self.roles = roles
    self.workflows = workflows
    self.administration = administration
  }
}
