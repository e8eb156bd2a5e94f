extension CompiledPolicy {
  /// Each role's unconditional activity per level (see ``roleActive``), and whether it
  /// has conditions.
  static func activity(
    of table: GrantTable, roleCount: Int, needStart: [Int32], needWord: [Int32],
    needBits: [UInt64], requires: Graph
  ) -> ([UInt64], [Bool]) {
    let words = table.wordCount
    // Permissions that some other permission requires, and those that require any.
    var required = [UInt64](repeating: 0, count: words)
    var dependent = [UInt64](repeating: 0, count: words)
    for p in 0..<requires.nodeCount where !requires[p].isEmpty {
      Bits.set(p, in: &dependent)
      for i in Int(needStart[p])..<Int(needStart[p + 1]) {
        let word = Int(needWord[i])
        // What p needs, but not p itself.
        required[word] |= word == Bits.word(p) ? needBits[i] & ~Bits.mask(p) : needBits[i]
      }
    }
    var active = table.levels
    for r in 0..<roleCount {
      for level in 0..<4 {
        let base = (r * 4 + level) * words
        // When every required permission is covered, nothing covered can lack one.
        let complete = (0..<words).allSatisfy { active[base + $0] & required[$0] == required[$0] }
        if complete { continue }
        for w in 0..<words {
          var candidates = table.levels[base + w] & dependent[w]
          while candidates != 0 {
            let p = w * 64 + candidates.trailingZeroBitCount
            candidates &= candidates &- 1
            for i in Int(needStart[p])..<Int(needStart[p + 1]) {
              let need = needBits[i]
              if table.levels[base + Int(needWord[i])] & need != need {
                active[base + w] &= ~Bits.mask(p)
                break
              }
            }
          }
        }
      }
    }
    let conditions = (0..<roleCount).map {
      table.conditionStart[$0] != table.conditionStart[$0 + 1]
    }
    return (active, conditions)
  }
}
