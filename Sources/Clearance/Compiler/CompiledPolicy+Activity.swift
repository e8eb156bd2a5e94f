/// Splits each role's covered levels into what is active (kept in the dense table the
/// evaluator reads, see ``CompiledPolicy/roleActive``) and the covered bits whose
/// prerequisites are not all covered (kept sparse, see ``InactiveRows``).
///
/// Run on each role's rows right after inheritance has been flattened into them, while
/// they are still in cache: there is no second pass over the tables and no copy of them.
struct RoleActivity {
  let wordCount: Int
  /// Permissions that require any other.
  private let dependent: Frozen<UInt64>
  /// What must be covered for permission `p` to be active, itself included (see
  /// ``CompiledPolicy/needStart``), read through pointers: the pass runs for every level
  /// row of every role.
  private let needStart: Frozen<Int32>
  private let needWord: Frozen<Int32>
  private let needBits: Frozen<UInt64>

  init(needs: SparseBitsets, requires: Graph, wordCount: Int) {
    var dependent = [UInt64](repeating: 0, count: wordCount)
    for p in 0..<requires.nodeCount where !requires[p].isEmpty {
      Bits.set(p, in: &dependent)
    }
    self.wordCount = wordCount
    self.dependent = Frozen(dependent)
    needStart = Frozen(needs.start)
    needWord = Frozen(needs.word)
    needBits = Frozen(needs.bits)
  }

  /// Clears from the covered level row at `row` (`wordCount` words, level `level` of the
  /// role) every permission whose prerequisites are not all covered in it, and records
  /// the cleared words as row `index` of `inactive`.
  ///
  /// Only the words in `touched` are checked: every other word holds exactly what the
  /// role's parents have active, and a parent's active bit stays active in a child, which
  /// covers more. In a touched word the bits it held before (`touched.known`) are not
  /// checked again either.
  func split(
    _ row: UnsafeMutablePointer<UInt64>, level: Int, touched: TouchedWords, index: Int,
    into inactive: inout InactiveRows
  ) {
    inactive.begin(index)
    // Checks read the covered row, so bits are cleared only once all are checked.
    touched.forEach(level: level) { w in
      let cleared = inactiveBits(of: row, word: w, known: touched.known(level: level, word: w))
      if cleared != 0 { inactive.append(word: w, bits: cleared) }
    }
    inactive.end(index)
    inactive.clear(index, in: row)
  }

  /// The covered permissions of word `w` of `row`, other than `known`, that lack a
  /// prerequisite in it.
  @inline(__always)
  private func inactiveBits(of row: UnsafeMutablePointer<UInt64>, word w: Int, known: UInt64)
    -> UInt64
  {
    let (start, word, bits) = (needStart.base, needWord.base, needBits.base)
    var candidates = row[w] & dependent.base[w] & ~known
    var cleared: UInt64 = 0
    while candidates != 0 {
      let p = w &* 64 &+ candidates.trailingZeroBitCount
      candidates &= candidates &- 1
      for i in Int(start[p])..<Int(start[p &+ 1]) {
        let need = bits[i]
        if row[Int(word[i])] & need != need {
          cleared |= Bits.mask(p)
          break
        }
      }
    }
    return cleared
  }
}
