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

/// One permission of the catalog, with the permissions it requires.
public struct PermissionDefinition: Sendable, Hashable {
  /// The permission's key.
  public var key: PermissionKey
  /// Permissions that must also be held at the same relation for this one to be active.
  public var requires: [PermissionKey]
  /// A human-readable description, for tools and documentation.
  public var description: String?

  /// Creates a permission definition.
  public init(_ key: PermissionKey, requires: [PermissionKey] = [], description: String? = nil) {
    self.key = key
    self.requires = requires
    self.description = description
  }
}

/// A grant: a permission pattern at a scope, optionally only for resources in some states.
public struct Grant: Sendable, Hashable {
  /// The permissions granted: a key, or a pattern with `*` segments.
  public var permission: PermissionPattern
  /// How far the grant reaches. Defaults to ``Scope/org``.
  public var scope: Scope
  /// When set, the grant covers only resources whose state is one of these.
  /// A resource without a state is then not covered.
  public var states: [StateName]?

  /// Creates a grant.
  public init(_ permission: PermissionPattern, scope: Scope = .org, states: [StateName]? = nil) {
    self.permission = permission
    self.scope = scope
    self.states = states
  }
}

/// A role: grants of its own plus the grants of every role it inherits from.
public struct Role: Sendable, Hashable {
  /// The role's identifier (case-sensitive).
  public var id: RoleID
  /// A display name, for tools and documentation.
  public var name: String?
  /// The roles this role inherits from (any number; the graph must be acyclic).
  public var inherits: [RoleID]
  /// The role's own grants.
  public var grants: [Grant]
  /// A system role is immutable for administration operations.
  public var isSystem: Bool
  /// A soft-deleted role grants nothing and may not be inherited by a live role.
  public var isDeleted: Bool

  /// Creates a role.
  public init(
    _ id: RoleID,
    name: String? = nil,
    inherits: [RoleID] = [],
    grants: [Grant] = [],
    isSystem: Bool = false,
    isDeleted: Bool = false
  ) {
    self.id = id
    self.name = name
    self.inherits = inherits
    self.grants = grants
    self.isSystem = isSystem
    self.isDeleted = isDeleted
  }
}

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

/// A workflow: a state machine whose transitions are permission-checked.
public struct Workflow: Sendable, Hashable {
  /// The workflow's identifier, for example `ticket`.
  public var id: WorkflowID
  /// The states, in declaration order.
  public var states: [WorkflowState]
  /// The state new resources start in.
  public var initial: StateName
  /// The allowed moves. A `from` of `*` means every non-terminal state.
  public var transitions: [Transition]
  /// A permission needed for any transition, in addition to the target's permission.
  public var basePermission: PermissionKey?

  /// Creates a workflow.
  public init(
    _ id: WorkflowID,
    states: [WorkflowState],
    initial: StateName,
    transitions: [Transition],
    basePermission: PermissionKey? = nil
  ) {
    self.id = id
    self.states = states
    self.initial = initial
    self.transitions = transitions
    self.basePermission = basePermission
  }
}

/// One state of a workflow.
public struct WorkflowState: Sendable, Hashable {
  /// The state's name.
  public var name: StateName
  /// The permission needed to move a resource into this state. Required for every state
  /// that some transition enters.
  public var enter: PermissionKey?
  /// A terminal state has no way out, even through `*` transitions.
  public var isTerminal: Bool

  /// Creates a workflow state.
  public init(_ name: StateName, enter: PermissionKey? = nil, isTerminal: Bool = false) {
    self.name = name
    self.enter = enter
    self.isTerminal = isTerminal
  }
}

/// One allowed move of a workflow.
public struct Transition: Sendable, Hashable {
  /// The state moved from, or `*` for every non-terminal state.
  public var from: StateName
  /// The state moved into.
  public var to: StateName

  /// Creates a transition.
  public init(from: StateName, to: StateName) {
    self.from = from
    self.to = to
  }
}
