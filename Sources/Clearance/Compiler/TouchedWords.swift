/// The words of one role's four level rows that received bits beyond what its parents
/// have active, while inheritance is flattened: only those words can hold a covered bit
/// that is not yet known to be active, so only they are checked by
/// ``RoleActivity/split(_:level:touched:index:into:)``.
///
/// For each level, a bitmap of word numbers (one bit per word of the level row) and, for
/// each word marked, its value before the first bit was added: the parents' active bits,
/// which stay active in the child. Scratch memory for one role at a time, reused for the
/// next after ``reset()`` and freed by ``deallocate()``; every word number passed in is
/// below `wordCount`. A value holding its pointers, so the loops that mark words keep
/// them in registers.
struct TouchedWords {
  let wordCount: Int
  /// Words of one level's bitmap.
  let mapWords: Int
  /// `map[level * mapWords + w / 64]` has bit `w % 64` set once word `w` was touched.
  private let map: UnsafeMutablePointer<UInt64>
  /// `known[level * wordCount + w]`: word `w` of the level row before it was touched.
  private let known: UnsafeMutablePointer<UInt64>

  init(wordCount: Int) {
    self.wordCount = wordCount
    mapWords = Bits.words(for: wordCount)
    map = .allocate(capacity: max(4 * mapWords, 1))
    map.initialize(repeating: 0, count: 4 * mapWords)
    known = .allocate(capacity: max(4 * wordCount, 1))
    known.initialize(repeating: 0, count: 4 * wordCount)
  }

  /// Frees the scratch memory; the value must not be used after.
  func deallocate() {
    map.deallocate()
    known.deallocate()
  }

  /// ORs `bits` into word `w` of level `level` of the role's rows at `row` (four level
  /// rows of `wordCount` words), marking the word touched.
  @inline(__always)
  func add(_ bits: UInt64, level: Int, word w: Int, in row: UnsafeMutablePointer<UInt64>) {
    let place = level &* wordCount &+ w
    let slot = level &* mapWords &+ (w &>> 6)
    let mask = Bits.mask(w)
    if map[slot] & mask == 0 {
      map[slot] |= mask
      known[place] = row[place]
    }
    row[place] |= bits
  }

  /// Word `w` of level `level` as it was before it was first touched.
  @inline(__always)
  func known(level: Int, word w: Int) -> UInt64 { known[level &* wordCount &+ w] }

  /// Calls `body` with each touched word of level `level`, in ascending order.
  @inline(__always)
  func forEach(level: Int, _ body: (Int) -> Void) {
    let first = level &* mapWords
    for m in 0..<mapWords {
      var bits = map[first &+ m]
      while bits != 0 {
        body(m &* 64 &+ bits.trailingZeroBitCount)
        bits &= bits &- 1
      }
    }
  }

  /// Forgets every touched word, for the next role.
  func reset() {
    map.update(repeating: 0, count: 4 * mapWords)
  }
}
