/// Plain pointers to the tables the evaluator reads, with the tokens and sizes it needs,
/// gathered in the snapshot so that each is one hop away. The buffers belong to the
/// snapshot's policy, structure and frozen org state.
@usableFromInline
struct HotTables {
  @usableFromInline let policyToken: UInt64
  /// The structure's names token (see ``DirectoryStructure/token``).
  @usableFromInline let structureToken: UInt64
  @usableFromInline let live: UnsafeMutablePointer<Bool>
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
  /// Whether an allowlist or MFA enforcement applies to each organization.
  @usableFromInline let secured: UnsafeMutablePointer<Bool>
  /// Whether each permission needs a step-up verification, and whether any does.
  @usableFromInline let stepUp: UnsafeMutablePointer<Bool>
  @usableFromInline let hasStepUp: Bool
  /// The name tables a by-name request reads (see `HotTables+Names.swift`).
  let names: HotNames
  /// The organizations' allowlists, where one is their only security setting.
  @usableFromInline let allowlists: HotAllowlists
}
