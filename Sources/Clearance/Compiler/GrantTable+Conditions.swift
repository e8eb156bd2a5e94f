/// One non-zero word of a state-conditional grant set: its condition (an interned state
/// list), relation level and word number, packed into `key` so that sorting by `key`
/// orders by condition, then level, then word.
struct ConditionWord: Sendable {
  var key: UInt64
  var bits: UInt64

  init(condition: Int, level: Int, word: Int, bits: UInt64) {
    key = UInt64(condition) << 34 | UInt64(level) << 32 | UInt64(UInt32(truncatingIfNeeded: word))
    self.bits = bits
  }

  var condition: Int { Int(key >> 34) }
  var level: Int { Int(key >> 32 & 3) }
  var word: Int { Int(key & 0xFFFF_FFFF) }
}

extension GrantTable.Builder {
  /// Appends the conditions of the next set, whose level bitsets the caller has already
  /// put in `levels`. `words` are sorted by key with no key repeated; `stateLists[c]` lists
  /// the states of condition `c`.
  mutating func appendConditions(
    _ words: ArraySlice<ConditionWord>, stateLists: [[Int32]]
  ) {
    var count: Int32 = 0
    var i = words.startIndex
    while i < words.endIndex {
      let condition = words[i].condition
      let first = conditionStates.count
      conditionStates.append(contentsOf: repeatElement(0, count: stateWordCount))
      for state in stateLists[condition] { Bits.set(Int(state), in: &conditionStates, base: first) }
      for level in 0..<4 {
        while i < words.endIndex && words[i].condition == condition && words[i].level == level {
          conditionWord.append(Int32(truncatingIfNeeded: words[i].word))
          conditionBits.append(words[i].bits)
          i += 1
        }
        conditionStartWord.append(Int32(truncatingIfNeeded: conditionWord.count))
      }
      count += 1
    }
    conditionStart.append((conditionStart.last ?? 0) + count)
  }
}
