extension CompiledPolicy {
  /// Each role's unconditional activity per level (see ``roleActive``), built in place in
  /// its frozen buffer (no intermediate copy of the role tables), and whether each role
  /// has conditions.
  static func activity(
    of table: GrantTable, roleCount: Int, needStart: [Int32], needWord: [Int32],
    needBits: [UInt64], requires: Graph
  ) -> (Frozen<UInt64>, [Bool]) {
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
    // Not yet shared: cleared in place before anyone reads it.
    let frozen = Frozen(table.levels)
    let active = UnsafeMutableBufferPointer(start: frozen.base, count: frozen.count)
    table.levels.withUnsafeBufferPointer { levels in
      for base in stride(from: 0, to: roleCount * 4 * words, by: words) {
        // When every required permission is covered, nothing covered can lack one.
        var complete = true
        for w in 0..<words where levels[base &+ w] & required[w] != required[w] {
          complete = false
          break
        }
        if complete { continue }
        for w in 0..<words {
          var candidates = levels[base &+ w] & dependent[w]
          while candidates != 0 {
            let p = w &* 64 &+ candidates.trailingZeroBitCount
            candidates &= candidates &- 1
            for i in Int(needStart[p])..<Int(needStart[p &+ 1]) {
              let need = needBits[i]
              if levels[base &+ Int(needWord[i])] & need != need {
                active[base &+ w] &= ~Bits.mask(p)
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
    return (frozen, conditions)
  }
}
