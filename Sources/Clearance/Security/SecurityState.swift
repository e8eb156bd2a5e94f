/// The directory's security settings compiled for one snapshot: each organization's
/// effective allowlist and MFA enforcement (its own, else the nearest ancestor's), whether
/// anything applies to it at all, and the API keys by id.
@usableFromInline
final class SecurityState: Sendable {
  /// The compiled allowlists; `orgAllowlist[o]` indexes them, -1 for none.
  let allowlists: [IPAllowlist]
  let orgAllowlist: [Int32]
  /// Where each organization's effective allowlist is set (itself or an ancestor), or -1.
  let allowlistOwner: [Int32]
  /// Each organization's effective MFA enforcement, nil for optional.
  let orgMFA: [MFAEnforcement?]
  /// Whether an allowlist or MFA enforcement applies to each organization.
  let secured: [Bool]
  /// The lists as the evaluator reads them.
  let frozenAllowlists: FrozenAllowlists
  /// The API keys by the UTF-8 bytes of their ids.
  let keys: [[UInt8]: KeyRecord]

  /// One API key with its user and organization resolved.
  struct KeyRecord: Sendable {
    let key: APIKey
    let user: Int32
    let org: Int32
    let scope: Int
  }

  /// Compiles the settings of `directory`, adding every problem to `issues`. A malformed
  /// allowlist compiles to one that admits nothing (fail closed) besides the issue.
  init(
    _ directory: Directory, structure: DirectoryStructure, issues: inout IssueCollector
  ) {
    let count = structure.orgIDs.count
    var allowlists: [IPAllowlist] = []
    // Organizations that set the same entries (byte for byte) share one compiled list: less
    // memory, and one list warm in the cache for all of them. A malformed list is compiled
    // (and reported) at each place it is set.
    var compiled: [[[UInt8]]: Int32] = [:]
    var own = [Int32](repeating: -1, count: count)
    var ownMFA = [MFAEnforcement?](repeating: nil, count: count)
    var hasOwnMFA = [Bool](repeating: false, count: count)
    for (i, org) in directory.organizations.enumerated() {
      guard let o = structure.orgIndex[org.id].map(Int.init), own[o] < 0, !hasOwnMFA[o] else {
        continue
      }
      if let entries = org.security.ipAllowlist {
        let key = entries.map { Array($0.utf8) }
        if let same = compiled[key] {
          own[o] = same
        } else {
          let path = "organizations[\(i)].security.ipAllowlist"
          do throws(ValidationError) {
            allowlists.append(try IPAllowlist(entries, path: path))
            compiled[key] = Int32(allowlists.count - 1)
          } catch {
            for issue in error.issues { issues.add(issue.path, issue.code, issue.message) }
            allowlists.append(IPAllowlist(admittingNothing: ()))
          }
          own[o] = Int32(allowlists.count - 1)
        }
      }
      if let mfa = org.security.mfa {
        ownMFA[o] = mfa
        hasOwnMFA[o] = true
      }
    }
    var effective = own
    var owner = own.indices.map { own[$0] >= 0 ? Int32($0) : -1 }
    var mfa = ownMFA
    for o32 in structure.orgOrder {
      let o = Int(o32)
      let parent = Int(structure.orgParent[o])
      guard parent >= 0 else { continue }
      if own[o] < 0 {
        effective[o] = effective[parent]
        owner[o] = owner[parent]
      }
      if !hasOwnMFA[o] { mfa[o] = mfa[parent] }
    }
    self.allowlists = allowlists
    orgAllowlist = effective
    allowlistOwner = owner
    orgMFA = mfa.map { $0?.level == .optional ? nil : $0 }
    secured = (0..<count).map {
      effective[$0] >= 0 || (mfa[$0].map { $0.level != .optional } ?? false)
    }
    frozenAllowlists = FrozenAllowlists(
      allowlists, orgAllowlist: effective, orgMFA: orgMFA)
    keys = Self.compileKeys(directory.apiKeys, structure: structure, issues: &issues)
  }

  /// The API keys by id, each with its user and organization resolved.
  private static func compileKeys(
    _ apiKeys: [APIKey], structure: DirectoryStructure, issues: inout IssueCollector
  ) -> [[UInt8]: KeyRecord] {
    var keys: [[UInt8]: KeyRecord] = [:]
    for (i, key) in apiKeys.enumerated() {
      let path = "apiKeys[\(i)]"
      let user = structure.userHandle(key.user)
      let org = structure.orgIndex[key.org]
      if user == nil {
        issues.add(path + ".user", .unknownReference, "unknown user \"\(key.user)\"")
      }
      if org == nil {
        issues.add(path + ".org", .unknownReference, "unknown organization \"\(key.org)\"")
      }
      let bytes = Array(key.id.utf8)
      if bytes.count != 16 || !bytes.allSatisfy({ hexValue($0) != nil }) {
        issues.add(path + ".id", .illFormed, "key id \"\(key.id)\" is not 16 hex digits")
      }
      if keys[bytes] != nil {
        issues.add(path + ".id", .duplicate, "duplicate API key id \"\(key.id)\"")
        continue
      }
      guard let user, let org,
        let scope = APIKeyScope.allCases.firstIndex(of: key.scope)
      else { continue }
      keys[bytes] = KeyRecord(key: key, user: user, org: org, scope: scope)
    }
    return keys
  }
}
