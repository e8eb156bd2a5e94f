/// Compiled direct grant sets, in chunks of ``DirectGrants/chunkSize`` sets shared between
/// snapshots: adding a set copies the last chunk and the list of chunk references only.
@usableFromInline
final class DirectGrants: Sendable {
  static let shift = 6
  /// Sets per chunk.
  static let chunkSize = 1 << shift

  /// One immutable chunk: its sets' table, and each set's compiled grants (sources
  /// included, for explain and for writing).
  final class Chunk: Sendable {
    let table: GrantTable
    let compiled: [[CompiledGrant]]

    init(_ sets: [[CompiledGrant]], policy: CompiledPolicy) {
      var builder = GrantTable.Builder(
        wordCount: policy.wordCount, stateWordCount: policy.stateWordCount)
      for set in sets { builder.append(set.map(\.expanded)) }
      table = GrantTable(builder: builder)
      compiled = sets
    }

    /// `chunk` with one more set (its table extended, not rebuilt).
    init(appending set: [CompiledGrant], to chunk: Chunk) {
      var builder = GrantTable.Builder(continuing: chunk.table)
      builder.append(set.map(\.expanded))
      table = GrantTable(builder: builder)
      compiled = chunk.compiled + [set]
    }
  }

  let chunks: [Chunk]
  /// Number of sets.
  let count: Int

  /// The sets `sets`, numbered in order.
  init(_ sets: [[CompiledGrant]], policy: CompiledPolicy) {
    chunks = stride(from: 0, to: sets.count, by: Self.chunkSize).map {
      Chunk(Array(sets[$0..<min($0 + Self.chunkSize, sets.count)]), policy: policy)
    }
    count = sets.count
  }

  private init(chunks: [Chunk], count: Int) {
    self.chunks = chunks
    self.count = count
  }

  /// This table with one more set, numbered ``count``.
  func appending(_ set: [CompiledGrant], policy: CompiledPolicy) -> DirectGrants {
    var chunks = chunks
    if count & (Self.chunkSize - 1) == 0 {
      chunks.append(Chunk([set], policy: policy))
    } else {
      chunks[chunks.count - 1] = Chunk(appending: set, to: chunks[chunks.count - 1])
    }
    return DirectGrants(chunks: chunks, count: count + 1)
  }

  /// The covered word of set `set` (see ``GrantTable/covered(set:level:word:state:)``).
  @usableFromInline
  func covered(set: Int, level: Int, word: Int, state: Int) -> UInt64 {
    chunks[set &>> Self.shift].table.covered(
      set: set & (Self.chunkSize - 1), level: level, word: word, state: state)
  }

  /// The compiled grants of set `set`.
  func compiled(_ set: Int) -> [CompiledGrant] {
    chunks[set >> Self.shift].compiled[set & (Self.chunkSize - 1)]
  }

  /// Whether set `set` has a grant with a state condition.
  func hasConditions(_ set: Int) -> Bool {
    let table = chunks[set >> Self.shift].table
    let local = set & (Self.chunkSize - 1)
    return table.conditionStart[local] != table.conditionStart[local + 1]
  }
}
