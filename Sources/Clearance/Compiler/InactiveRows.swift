/// The covered but inactive words of each role level row, while the role table is built:
/// rows are filled in inheritance order, then packed in row order.
///
/// The words and bits grow in memory this value holds (a role table appends some hundred
/// thousand of them, and reads a parent's back for every child), freed by
/// ``deallocate()``; every row number passed in is below the row count.
struct InactiveRows {
  /// Row r's words are `word[first[r] ..< first[r] + count[r]]`, ascending, with their bits.
  private var first: [Int32]
  private var count: [Int32]
  private var word: UnsafeMutablePointer<Int32>
  private var bits: UnsafeMutablePointer<UInt64>
  /// Entries written, and room for.
  private var used = 0
  private var capacity: Int

  init(rowCount: Int) {
    first = [Int32](repeating: 0, count: rowCount)
    count = [Int32](repeating: 0, count: rowCount)
    capacity = 1_024
    word = .allocate(capacity: capacity)
    bits = .allocate(capacity: capacity)
  }

  /// Frees the entries; the value must not be used after.
  func deallocate() {
    word.deallocate()
    bits.deallocate()
  }

  mutating func begin(_ row: Int) { first[row] = Int32(truncatingIfNeeded: used) }

  @inline(__always)
  mutating func append(word w: Int, bits b: UInt64) {
    if used == capacity { grow() }
    word[used] = Int32(truncatingIfNeeded: w)
    bits[used] = b
    used &+= 1
  }

  mutating func end(_ row: Int) {
    count[row] = Int32(truncatingIfNeeded: used) - first[row]
  }

  /// Doubles the room for entries.
  private mutating func grow() {
    let grown = capacity * 2
    let newWord = UnsafeMutablePointer<Int32>.allocate(capacity: grown)
    let newBits = UnsafeMutablePointer<UInt64>.allocate(capacity: grown)
    newWord.moveInitialize(from: word, count: used)
    newBits.moveInitialize(from: bits, count: used)
    word.deallocate()
    bits.deallocate()
    (word, bits, capacity) = (newWord, newBits, grown)
  }

  /// Clears row `row`'s inactive bits in the level row at `target`.
  func clear(_ row: Int, in target: UnsafeMutablePointer<UInt64>) {
    let start = Int(first[row])
    for i in start..<start + Int(count[row]) { target[Int(word[i])] &= ~bits[i] }
  }

  /// ORs row `row`'s inactive bits into level `level` of the role rows at `target`
  /// through `touched`: with the active bits already there, the row's covered bits.
  func unite(
    _ row: Int, level: Int, into target: UnsafeMutablePointer<UInt64>, touched: TouchedWords
  ) {
    let start = Int(first[row])
    for i in start..<start + Int(count[row]) {
      touched.add(bits[i], level: level, word: Int(word[i]), in: target)
    }
  }

  /// The rows in row order.
  func packed() -> SparseBitsets {
    var start = [Int32](repeating: 0, count: first.count + 1)
    var total = 0
    for row in 0..<first.count {
      total += Int(count[row])
      start[row + 1] = Int32(truncatingIfNeeded: total)
    }
    // Nothing to pack: plain empty arrays. (`Array(unsafeUninitializedCapacity: 0)` writes
    // its count into the shared empty-array storage, a race when two compiles run at once.)
    guard total > 0 else { return SparseBitsets(start: start, word: [], bits: []) }
    let packedWord = [Int32](unsafeUninitializedCapacity: total) { buffer, initialized in
      for row in 0..<first.count {
        guard let to = buffer.baseAddress?.advanced(by: Int(start[row])) else { break }
        to.initialize(from: word + Int(first[row]), count: Int(count[row]))
      }
      initialized = total
    }
    let packedBits = [UInt64](unsafeUninitializedCapacity: total) { buffer, initialized in
      for row in 0..<first.count {
        guard let to = buffer.baseAddress?.advanced(by: Int(start[row])) else { break }
        to.initialize(from: bits + Int(first[row]), count: Int(count[row]))
      }
      initialized = total
    }
    return SparseBitsets(start: start, word: packedWord, bits: packedBits)
  }
}
