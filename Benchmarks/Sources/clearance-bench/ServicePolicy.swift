import Clearance

/// The policy of the hot-path workload: a field-service product in the shape of the four
/// reference systems (Fixtures/). 242 permissions over 12 feature segments, a
/// 13-state ticket workflow with a base permission, nine live roles with multiple
/// inheritance, every scope, state-conditional grants, prerequisites two deep, plans and
/// per-tenant overrides, and one soft-deleted role.
enum ServicePolicy {
  /// Feature segments and their sub-features.
  static let segments: [(feature: String, subs: [String])] = [
    ("tickets", ["ticket", "note", "attachment"]),
    ("repairs", ["job", "qc", "part"]),
    ("quotes", ["quote", "line", "discount"]),
    ("stock", ["item", "transfer", "count"]),
    ("vendors", ["vendor", "order", "invoice"]),
    ("cylinders", ["cylinder", "refill", "sale"]),
    ("billing", ["invoice", "refund", "plan"]),
    ("payments", ["payment", "payout", "terminal"]),
    ("reports", ["dashboard", "export", "schedule"]),
    ("ai", ["assistant", "kb", "model"]),
    ("org", ["settings", "users", "roles", "shops", "audit"]),
    ("account", ["profile", "session", "key"]),
  ]
  static let verbs = ["read", "create", "update", "delete", "approve", "export"]

  /// The ticket workflow's states; the last three of the first eleven are terminal.
  static let ticketStates = [
    "INTAKE", "DIAGNOSIS", "AWAITING_APPROVAL", "APPROVED", "AWAITING_PARTS", "IN_REPAIR",
    "QC_REVIEW", "QC_FAILED", "READY", "DELIVERED", "CLOSED", "CANCELLED", "ON_HOLD",
  ]
  static let terminalStates: Set<String> = ["CLOSED", "CANCELLED"]
  static let ticketEdges: [(from: String, to: String)] = [
    ("INTAKE", "DIAGNOSIS"), ("DIAGNOSIS", "AWAITING_APPROVAL"), ("AWAITING_APPROVAL", "APPROVED"),
    ("APPROVED", "AWAITING_PARTS"), ("APPROVED", "IN_REPAIR"), ("AWAITING_PARTS", "IN_REPAIR"),
    ("IN_REPAIR", "QC_REVIEW"), ("QC_REVIEW", "QC_FAILED"), ("QC_FAILED", "IN_REPAIR"),
    ("QC_REVIEW", "READY"), ("READY", "DELIVERED"), ("DELIVERED", "CLOSED"), ("*", "CANCELLED"),
    ("*", "ON_HOLD"), ("ON_HOLD", "INTAKE"), ("ON_HOLD", "DIAGNOSIS"), ("ON_HOLD", "IN_REPAIR"),
  ]

  /// States of other resources (cylinders), named by a state-conditional grant or not at all.
  static let otherStates = ["FOR_SALE", "IN_SERVICE"]

  /// The legal targets from each state, expanding `*` as docs/SEMANTICS.md section 6 does.
  static let successors: [String: [String]] = {
    var table: [String: [String]] = [:]
    for state in ticketStates {
      var result: [String] = []
      for edge in ticketEdges
      where edge.from == state || (edge.from == "*" && !terminalStates.contains(state)) {
        if !result.contains(edge.to) { result.append(edge.to) }
      }
      table[state] = result
    }
    return table
  }()

  /// Every permission key, in declaration order.
  static var permissionKeys: [String] {
    var keys: [String] = []
    for (feature, subs) in segments {
      for sub in subs {
        for verb in verbs { keys.append("\(feature)::\(sub)::\(verb)") }
      }
    }
    keys.append("tickets::ticket::transition")
    for state in ticketStates { keys.append("tickets::status::\(state.lowercased())") }
    return keys
  }

  /// Permissions a request of the workload names more often than the rest.
  static let commonActions = [
    "tickets::ticket::read", "tickets::ticket::update", "tickets::ticket::create",
    "tickets::note::read", "tickets::note::create", "tickets::attachment::read",
    "repairs::job::read", "repairs::job::update", "repairs::part::read", "stock::item::read",
    "stock::item::update", "quotes::quote::read", "quotes::quote::create",
    "payments::payment::create", "cylinders::cylinder::read", "reports::dashboard::read",
    "org::users::read", "org::settings::read",
  ]

  static func make() -> Policy {
    Policy(
      permissions: makePermissions(), features: makeFeatures(), ungated: ["org", "account"],
      plans: makePlans(), roles: makeRoles(), workflows: [makeWorkflow()])
  }

  /// Every permission key, each requiring the `read` of its sub-feature (and `update` for an
  /// `approve`); status and transition permissions require reading tickets.
  private static func makePermissions() -> [PermissionDefinition] {
    var permissions: [PermissionDefinition] = []
    for key in permissionKeys {
      let parts = key.split(separator: ":").map(String.init)  // feature, sub, verb
      let (feature, sub, verb) = (parts[0], parts[1], parts[2])
      var requires: [PermissionKey] = []
      if sub == "status" || verb == "transition" {
        requires = ["tickets::ticket::read"]
      } else if verb != "read" {
        requires.append(PermissionKey("\(feature)::\(sub)::read"))
        if verb == "approve" { requires.append(PermissionKey("\(feature)::\(sub)::update")) }
      }
      permissions.append(PermissionDefinition(PermissionKey(key), requires: requires))
    }
    return permissions
  }

  /// The parent features and their children.
  private static func makeFeatures() -> [ParentFeature] {
    [
      ParentFeature(
        "service",
        children: [ChildFeature("tickets"), ChildFeature("repairs"), ChildFeature("quotes")]),
      ParentFeature(
        "inventory",
        children: [ChildFeature("stock"), ChildFeature("vendors"), ChildFeature("cylinders")]),
      ParentFeature("finance", children: [ChildFeature("billing"), ChildFeature("payments")]),
      ParentFeature("insight", children: [ChildFeature("reports"), ChildFeature("ai")]),
    ]
  }

  /// The plans and the features they include.
  private static func makePlans() -> [Plan] {
    [
      Plan("starter", features: ["service", "stock"]),
      Plan("pro", features: ["service", "inventory", "finance", "reports"]),
      Plan("enterprise", features: ["service", "inventory", "finance", "insight"]),
    ]
  }

  /// Grants of each pattern in `scope`.
  private static func grants(
    _ scope: Scope, _ patterns: [String], states: [StateName]? = nil
  ) -> [Grant] {
    patterns.map { Grant(PermissionPattern($0), scope: scope, states: states) }
  }

  /// The ticket status permissions of the given lowercase state names.
  private static func status(_ names: [String]) -> [String] {
    names.map { "tickets::status::\($0)" }
  }

  /// The roles of the service, from viewer to owner, with a deleted legacy role.
  private static func makeRoles() -> [Role] {
    [
      Role(
        "VIEWER", name: "Viewer",
        grants: grants(.org, ["tickets::*::read", "quotes::*::read", "reports::dashboard::read"])),
      Role(
        "TECH", name: "Technician",
        grants: grants(
          .assigned,
          [
            "tickets::ticket::read", "tickets::ticket::update", "tickets::note::*",
            "tickets::attachment::read", "tickets::attachment::create",
            "tickets::ticket::transition",
            "repairs::job::*",
          ] + status(["diagnosis", "awaiting_parts", "in_repair", "qc_review"]))
          + grants(.shop, ["repairs::part::read", "stock::item::read"])
          + grants(.org, ["ai::assistant::read", "ai::kb::read"])),
      Role(
        "FRONT_DESK", name: "Front desk",
        grants: grants(
          .shop,
          [
            "tickets::ticket::read", "tickets::ticket::create", "tickets::ticket::update",
            "tickets::note::read", "tickets::note::create", "tickets::ticket::transition",
            "quotes::quote::read", "quotes::quote::create", "payments::payment::read",
            "payments::payment::create", "stock::item::read",
          ] + status(["intake", "awaiting_approval", "approved", "ready", "delivered", "on_hold"]))),
      Role(
        "SALES", name: "Sales",
        grants: grants(.org, ["cylinders::cylinder::read"], states: ["FOR_SALE"])
          + grants(.org, ["cylinders::refill::read"], states: ["IN_SERVICE"])
          + grants(.org, ["cylinders::sale::*", "quotes::quote::*", "billing::invoice::read"])),
      Role(
        "MANAGER", name: "Shop manager", inherits: ["TECH", "FRONT_DESK"],
        grants: grants(
          .shop,
          [
            "tickets::*::*", "repairs::*::*", "quotes::*::*", "stock::*::*",
            "reports::dashboard::read",
          ]) + grants(.org, ["vendors::*::read", "org::users::read", "org::users::create"])),
      Role(
        "ADMIN", name: "Administrator", inherits: ["MANAGER"],
        grants: grants(
          .org,
          [
            "tickets::*::*", "repairs::*::*", "quotes::*::*", "stock::*::*", "vendors::*::*",
            "payments::*::*", "reports::*::*", "org::users::*", "org::shops::*",
            "org::settings::read", "billing::*::read",
          ])),
      Role(
        "OWNER", name: "Owner", inherits: ["ADMIN"], grants: grants(.org, ["*"]), isSystem: true),
      Role(
        "PARENT_ORG_ADMIN", name: "Parent organization admin", inherits: ["ADMIN"],
        grants: grants(
          .tree, ["tickets::*::read", "reports::*::*", "org::users::*", "stock::*::read"])),
      Role(
        "AUDITOR", name: "Auditor",
        grants: grants(.tree, ["org::audit::*"])
          + grants(.org, ["reports::*::read", "billing::*::read"])
          + grants(.org, ["tickets::ticket::read"], states: ["CLOSED", "CANCELLED"])),
      Role(
        "LEGACY_TECH", name: "Legacy technician", grants: grants(.org, ["tickets::*::*"]),
        isDeleted: true),
    ]
  }

  /// The ticket workflow, each state entered with its status permission.
  private static func makeWorkflow() -> Workflow {
    Workflow(
      "ticket",
      states: ticketStates.map {
        WorkflowState(
          StateName($0), enter: PermissionKey("tickets::status::\($0.lowercased())"),
          isTerminal: terminalStates.contains($0))
      },
      initial: "INTAKE",
      transitions: ticketEdges.map { Transition(from: StateName($0.from), to: StateName($0.to)) },
      basePermission: "tickets::ticket::transition")
  }

  /// Roles members hold, with their weights in generated directories.
  static let memberRoles: [(role: RoleID, weight: Int)] = [
    ("TECH", 30), ("FRONT_DESK", 14), ("SALES", 8), ("MANAGER", 16), ("ADMIN", 8), ("OWNER", 7),
    ("VIEWER", 8), ("PARENT_ORG_ADMIN", 5), ("AUDITOR", 4),
  ]

  /// The distinct direct-grant sets members may carry (OpsOS "Direct" permissions).
  static let directGrantSets: [[Grant]] = [
    [Grant("reports::export::read")],
    [Grant("stock::item::update", scope: .shop)],
    [Grant("tickets::ticket::read", scope: .shop)],
    [Grant("tickets::ticket::read", scope: .org), Grant("tickets::note::read", scope: .org)],
    [Grant("org::audit::read", scope: .tree)],
    [Grant("quotes::discount::approve", scope: .shop)],
    [Grant("cylinders::cylinder::read", scope: .org, states: ["IN_SERVICE"])],
    [Grant("billing::invoice::read"), Grant("billing::refund::read")],
  ]
}
