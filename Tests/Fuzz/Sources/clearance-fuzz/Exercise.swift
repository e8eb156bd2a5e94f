// What the fuzz target does with one input: load what it can, fall back to the example
// fixture for what it cannot, and ask every question the library answers. Invariants
// that must hold for any input trap when broken, so libFuzzer reports them as crashes.

import Clearance
import ClearanceJSON

/// One input's documents and the work done on them.
struct Exercise {
  /// At most this many cases of an input are decided, so every input stays fast.
  static let caseLimit = 32

  /// The example fixture, loaded once.
  static let fallbackPolicy = Self.load(Policy.self, Defaults.policy)
  static let fallbackDirectory = Self.load(Directory.self, Defaults.directory)
  static let fallbackCases = Self.load(CaseFile.self, Defaults.cases)?.cases ?? []
  static let fallbackCompiled = fallbackPolicy.flatMap { try? CompiledPolicy($0) }

  let documents: [DocumentBytes]

  init(_ documents: [DocumentBytes]) {
    self.documents = documents
  }

  private static func load<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
    try? JSONDocuments.decode(type, from: DocumentBytes(text.utf8), file: "default")
  }

  /// The `index`th document decoded, or nil when it is missing, empty or does not load.
  private func document<T: Codable & Equatable>(_ type: T.Type, _ index: Int) -> T? {
    guard index < documents.count, !documents[index].isEmpty else { return nil }
    guard let value = try? JSONDocuments.decode(type, from: documents[index], file: "fuzz")
    else { return nil }
    // Writing is deterministic and loses nothing: what was read reads back equal.
    guard let written = try? JSONDocuments.encode(value),
      let reread = try? JSONDocuments.decode(type, from: DocumentBytes(written), file: "written"),
      reread == value
    else { fatalError("JSON write then read changed a \(T.self)") }
    return value
  }

  func run() {
    let policy = document(Policy.self, 0)
    let directory = document(Directory.self, 1)
    let cases = document(CaseFile.self, 2)?.cases ?? Self.fallbackCases
    let compiled = policy.flatMap { try? CompiledPolicy($0) } ?? Self.fallbackCompiled
    guard let compiled else { return }
    var snapshot = directory.flatMap { try? Snapshot(policy: compiled, directory: $0) }
    if snapshot == nil, let fallback = Self.fallbackDirectory {
      snapshot = try? Snapshot(policy: compiled, directory: fallback)
    }
    guard let snapshot else { return }
    for decisionCase in cases.prefix(Self.caseLimit) {
      decide(decisionCase, on: snapshot)
    }
    update(snapshot, cases.prefix(Self.caseLimit))
  }

  /// Every question about one request, with the invariants that tie the answers together.
  private func decide(_ decisionCase: DecisionCase, on snapshot: Snapshot) {
    let user = decisionCase.user
    let resource = decisionCase.resource
    let decision = snapshot.can(user, decisionCase.action, resource)
    _ = decisionCase.isMet(by: decision)
    _ = decision.httpStatus
    let explanation = snapshot.explain(user, decisionCase.action, resource)
    guard explanation.decision == decision else { fatalError("explain decides differently") }
    _ = explanation.description
    let principal = snapshot.principal(user)
    let resolved = snapshot.resolve(resource)
    _ = snapshot.names(of: resolved)
    let action = snapshot.action(named: decisionCase.action)
    _ = snapshot.policy.name(of: action)
    guard snapshot.can(principal, action, resolved) == decision else {
      fatalError("the handle path decides differently")
    }
    _ = snapshot.explain(principal, action, resolved).description
    for workflow in snapshot.policy.source.workflows {
      _ = snapshot.allowedTargets(for: principal, moving: resolved, in: workflow.id)
    }
    effective(user, resource.org, on: snapshot)
    host(user, decisionCase, on: snapshot)
  }

  /// Effective permissions agree with `can`: listed as active at `org` scope with the
  /// feature on means allowed on a plain resource of the organization; an inactive user
  /// has none.
  private func effective(_ user: UserID, _ org: OrgID, on snapshot: Snapshot) {
    let entries = snapshot.effectivePermissions(of: user, in: org)
    if !snapshot.principal(user).isActive && !entries.isEmpty {
      fatalError("an inactive user has effective permissions")
    }
    for entry in entries where entry.isFeatureEnabled && (entry.scope.map { $0 >= .org } ?? false) {
      guard snapshot.can(user, ActionName(entry.permission.rawValue), Resource(org: org)) == .allow
      else {
        fatalError("an effective permission is denied")
      }
    }
  }

  /// A host-built principal from the directory's own memberships of the user.
  private func host(_ user: UserID, _ decisionCase: DecisionCase, on snapshot: Snapshot) {
    let memberships = snapshot.directory.memberships.filter { $0.user == user }
    guard
      let principal = try? snapshot.principal(
        user: user, isActive: snapshot.principal(user).isActive, memberships: memberships)
    else { return }
    let action = snapshot.action(named: decisionCase.action)
    _ = snapshot.can(principal, action, snapshot.resolve(decisionCase.resource))
    _ = snapshot.effectivePermissions(of: principal, in: decisionCase.resource.org)
  }

  /// Updates: the same policy or directory again decides the same; a deactivated user is
  /// denied everything; switches and plans never crash.
  private func update(_ snapshot: Snapshot, _ cases: ArraySlice<DecisionCase>) {
    let samePolicy = try? snapshot.replacingPolicy(snapshot.policy)
    let sameDirectory = try? snapshot.replacingDirectory(snapshot.directory)
    for decisionCase in cases {
      let decision = snapshot.can(decisionCase.user, decisionCase.action, decisionCase.resource)
      for other in [samePolicy, sameDirectory].compactMap({ $0 }) {
        guard other.can(decisionCase.user, decisionCase.action, decisionCase.resource) == decision
        else { fatalError("rebuilding the same snapshot changed a decision") }
      }
    }
    guard let first = cases.first else { return }
    if let off = try? snapshot.settingUser(first.user, isActive: false) {
      let decision = off.can(first.user, first.action, first.resource)
      guard decision == .deny(.principalInactive) else {
        fatalError("a deactivated user is not denied")
      }
    }
    let org = first.resource.org
    _ = try? snapshot.settingOrganization(org, isActive: false)
    _ = try? snapshot.settingPlan(nil, for: org)
    for parent in snapshot.policy.source.features {
      for child in parent.children {
        _ = try? snapshot.settingFeatureOverride(child.id, to: false, for: org)
        _ = try? snapshot.settingGlobalSwitch(of: child.id, to: false)
      }
    }
    if let role = snapshot.policy.roles.first {
      _ = try? snapshot.changingRole(of: first.user, in: org, to: role)
    }
    if let key = snapshot.policy.permissions.first {
      _ = try? snapshot.addingDirectGrant(
        Grant(PermissionPattern(key.rawValue)), for: first.user, in: org)
    }
    _ = snapshot.currentPolicy
  }
}
