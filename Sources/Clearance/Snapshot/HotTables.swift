/// Plain pointers to the tables the evaluator reads, with the tokens and sizes it needs,
/// gathered in the snapshot so that each is one hop away. The buffers belong to the
/// snapshot's policy, structure and frozen org state.
@usableFromInline
struct HotTables {
  @usableFromInline let policyToken: UInt64
  /// The structure's names token (see ``DirectoryStructure/token``).
  @usableFromInline let structureToken: UInt64
  /// Per organization, ``liveFlag`` and ``securedFlag``: one load tells the hot path
  /// whether the organization is live and whether its requests need the security checks.
  @usableFromInline let orgFlags: UnsafeMutablePointer<UInt8>
  @usableFromInline let tenant: UnsafeMutablePointer<UInt64>
  @usableFromInline let global: UnsafeMutablePointer<UInt64>
  @usableFromInline let featureWords: Int
  /// The membership blocks: a directory principal's records are in block
  /// `user >> MemberBlock.shift`, valid while its stamp is the principal's.
  @usableFromInline let blocks: UnsafeMutablePointer<BlockEntry>
  @usableFromInline let blockCount: Int
  @usableFromInline let intervals: UnsafeMutablePointer<Int32>
  @usableFromInline let roleActive: UnsafeMutablePointer<UInt64>
  @usableFromInline let roleHasConditions: UnsafeMutablePointer<Bool>
  @usableFromInline let gate: UnsafeMutablePointer<Int32>
  @usableFromInline let wordCount: Int
  /// Whether each permission needs a step-up verification, and whether any does.
  @usableFromInline let stepUp: UnsafeMutablePointer<Bool>
  @usableFromInline let hasStepUp: Bool
  /// The name tables a by-name request reads (see `HotTables+Names.swift`).
  let names: HotNames
  /// The organizations' allowlists, where one is their only security setting.
  @usableFromInline let allowlists: HotAllowlists

  /// The organization's status is live.
  @inlinable static var liveFlag: UInt8 { 1 }
  /// An allowlist or MFA enforcement applies to the organization.
  @inlinable static var securedFlag: UInt8 { 2 }

  /// Organization `org`'s flags; 0 (not live) for -1, an organization the structure does
  /// not know.
  @inlinable @inline(__always)
  func flags(ofOrg org: Int) -> UInt8 { org >= 0 ? orgFlags[org] : 0 }

  /// Whether organization `org` is live (false for -1).
  @inlinable @inline(__always)
  func isLive(_ org: Int) -> Bool { flags(ofOrg: org) & HotTables.liveFlag != 0 }

  /// The organization flags from liveness and the security state's `secured`. An
  /// organization the security state does not cover counts as secured (its requests take
  /// the security path, which decides from the full state).
  static func orgFlags(live: [Bool], secured: [Bool]) -> [UInt8] {
    live.indices.map { o in
      (live[o] ? liveFlag : 0) | (o >= secured.count || secured[o] ? securedFlag : 0)
    }
  }
}
