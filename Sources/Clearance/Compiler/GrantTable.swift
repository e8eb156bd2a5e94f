/// Compiled grant sets: for each set, one permission bitset per relation level, plus the
/// state-conditional parts.
///
/// Level `ρ` of a set covers every permission granted with a scope of at least `ρ`, so a
/// permission is covered at relation `ρ` by testing one bit. Grants with a state condition
/// are kept apart, one entry per distinct state list, and are added in only when the
/// resource's state is listed. In the role table the dense levels hold only the active
/// bits (the evaluator's ``CompiledPolicy/roleActive``, one table for both) and the few
/// covered bits that are not active are kept sparse in ``inactive``.
@usableFromInline
final class GrantTable: Sendable {
  /// Words per permission bitset.
  @usableFromInline let wordCount: Int
  /// Words per state bitset.
  @usableFromInline let stateWordCount: Int
  /// `levels.base[(set * 4 + level) * wordCount + word]`.
  @usableFromInline let levels: Frozen<UInt64>
  /// Covered words missing from `levels` (the role table's covered but inactive bits), by
  /// row `set * 4 + level`; no rows in a direct grant table.
  let inactive: SparseBitsets
  /// Whether `inactive` has any word.
  @usableFromInline let hasInactive: Bool
  /// Conditions of set `s` are `conditionStart[s] ..< conditionStart[s + 1]`.
  @usableFromInline let conditionStart: [Int32]
  /// `conditionStates[condition * stateWordCount + word]`: the states a condition lists.
  @usableFromInline let conditionStates: [UInt64]
  /// The non-zero words of each condition's level bitsets, sparse: those of
  /// `(condition, level)` are `conditionStartWord[condition * 4 + level] ..< [… + 1]`,
  /// with word numbers ascending in `conditionWord` and their bits in `conditionBits`.
  @usableFromInline let conditionStartWord: [Int32]
  @usableFromInline let conditionWord: [Int32]
  @usableFromInline let conditionBits: [UInt64]

  convenience init(builder: Builder) {
    self.init(
      levels: Frozen(builder.levels), inactive: SparseBitsets(start: [0], word: [], bits: []),
      conditions: builder)
  }

  /// A table whose dense levels were built in place; `conditions` supplies the sizes and
  /// the state-conditional parts (its own `levels` are not used).
  init(levels: Frozen<UInt64>, inactive: SparseBitsets, conditions builder: Builder) {
    wordCount = builder.wordCount
    stateWordCount = builder.stateWordCount
    self.levels = levels
    self.inactive = inactive
    hasInactive = !inactive.word.isEmpty
    conditionStart = builder.conditionStart
    conditionStates = builder.conditionStates
    conditionStartWord = builder.conditionStartWord
    conditionWord = builder.conditionWord
    conditionBits = builder.conditionBits
  }

  /// The covered word `word` of set `set` at relation level `level` for a resource in
  /// global state `state` (negative: no state, or a state no policy names).
  @inlinable @inline(__always)
  func covered(set: Int, level: Int, word: Int, state: Int) -> UInt64 {
    let row = set &* 4 &+ level
    var bits = levels.base[row &* wordCount &+ word]
    if hasInactive { bits |= inactiveWord(row: row, word: word) }
    let start = Int(conditionStart[set])
    let end = Int(conditionStart[set &+ 1])
    if start != end && state >= 0 {
      let stateWord = Bits.word(state)
      let stateMask = Bits.mask(state)
      for condition in start..<end
      where conditionStates[condition &* stateWordCount &+ stateWord] & stateMask != 0 {
        bits |= conditionCovered(condition: condition, level: level, word: word)
      }
    }
    return bits
  }

  /// Word `word` of row `row` of ``inactive``: a binary search of its non-zero words.
  @usableFromInline
  func inactiveWord(row: Int, word: Int) -> UInt64 {
    var low = Int(inactive.start[row])
    var high = Int(inactive.start[row + 1])
    while low < high {
      let middle = (low + high) / 2
      let found = Int(inactive.word[middle])
      if found == word { return inactive.bits[middle] }
      if found < word { low = middle + 1 } else { high = middle }
    }
    return 0
  }

  /// Word `word` of a condition's level bitset: a binary search of its non-zero words.
  @usableFromInline
  func conditionCovered(condition: Int, level: Int, word: Int) -> UInt64 {
    var low = Int(conditionStartWord[condition * 4 + level])
    var high = Int(conditionStartWord[condition * 4 + level + 1])
    while low < high {
      let middle = (low + high) / 2
      let found = Int(conditionWord[middle])
      if found == word { return conditionBits[middle] }
      if found < word { low = middle + 1 } else { high = middle }
    }
    return 0
  }

  /// Accumulates grant sets before they are frozen into a table.
  struct Builder {
    let wordCount: Int
    let stateWordCount: Int
    var levels: [UInt64] = []
    var conditionStart: [Int32] = [0]
    var conditionStates: [UInt64] = []
    var conditionStartWord: [Int32] = [0]
    var conditionWord: [Int32] = []
    var conditionBits: [UInt64] = []

    init(wordCount: Int, stateWordCount: Int) {
      self.wordCount = wordCount
      self.stateWordCount = max(stateWordCount, 1)
    }

    /// A builder holding the sets of `table`, to append more to.
    init(continuing table: GrantTable) {
      wordCount = table.wordCount
      stateWordCount = table.stateWordCount
      levels = Array(table.levels.buffer)
      conditionStart = table.conditionStart
      conditionStates = table.conditionStates
      conditionStartWord = table.conditionStartWord
      conditionWord = table.conditionWord
      conditionBits = table.conditionBits
    }

    /// Appends one grant set made of already-expanded grants, and returns its index.
    /// `grants` lists, for each grant, its permission indices, scope and state indices.
    @discardableResult
    mutating func append(_ grants: [ExpandedGrant]) -> Int32 {
      let set = conditionStart.count - 1
      levels.append(contentsOf: repeatElement(0, count: 4 * wordCount))
      // One condition per distinct state list; `conditionOf[g]` is grant g's, or -1.
      var conditionIndex: [[Int32]: Int] = [:]
      var conditionOrder: [[Int32]] = []
      var conditionOf: [Int] = []
      for grant in grants {
        guard let states = grant.states else {
          conditionOf.append(-1)
          continue
        }
        let key = Array(Set(states)).sorted()
        if conditionIndex[key] == nil {
          conditionIndex[key] = conditionOrder.count
          conditionOrder.append(key)
        }
        conditionOf.append(conditionIndex[key] ?? 0)
      }
      let firstCondition = conditionStart[set]
      for states in conditionOrder {
        var words = [UInt64](repeating: 0, count: stateWordCount)
        for state in states { Bits.set(Int(state), in: &words) }
        conditionStates.append(contentsOf: words)
      }
      // Unconditional grants straight into the dense levels; each condition's levels
      // into a dense scratch bitset, then kept sparse (most words of a condition are 0).
      var scratch = [[UInt64]](
        repeating: [], count: conditionOrder.count * 4)
      for (g, grant) in grants.enumerated() {
        for level in 0...grant.scope.rawValue {
          if conditionOf[g] >= 0 {
            let slot = conditionOf[g] * 4 + level
            if scratch[slot].isEmpty {
              scratch[slot] = [UInt64](repeating: 0, count: wordCount)
            }
            for permission in grant.permissions { Bits.set(Int(permission), in: &scratch[slot]) }
          } else {
            let base = (set * 4 + level) * wordCount
            for permission in grant.permissions {
              Bits.set(Int(permission), in: &levels, base: base)
            }
          }
        }
      }
      for words in scratch {
        for (word, bits) in words.enumerated() where bits != 0 {
          conditionWord.append(Int32(word))
          conditionBits.append(bits)
        }
        conditionStartWord.append(Int32(conditionWord.count))
      }
      conditionStart.append(firstCondition + Int32(conditionOrder.count))
      return Int32(set)
    }
  }
}

/// A grant after its pattern was matched against the catalog and its states interned.
struct ExpandedGrant: Sendable {
  var permissions: [Int32]
  var scope: Scope
  var states: [Int32]?
}
