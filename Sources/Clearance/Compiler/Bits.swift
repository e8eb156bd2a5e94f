/// Word-level helpers for the fixed-width bitsets the evaluator is built on.
@usableFromInline
enum Bits {
  /// Number of 64-bit words needed for `count` bits.
  @inlinable @inline(__always)
  static func words(for count: Int) -> Int { (count &+ 63) >> 6 }

  /// The word that holds bit `index`.
  @inlinable @inline(__always)
  static func word(_ index: Int) -> Int { index >> 6 }

  /// The mask of bit `index` within its word.
  @inlinable @inline(__always)
  static func mask(_ index: Int) -> UInt64 { 1 &<< UInt64(truncatingIfNeeded: index & 63) }

  /// Sets bit `index` in a flattened bitset that starts at `base`.
  @inline(__always)
  static func set(_ index: Int, in words: inout [UInt64], base: Int = 0) {
    words[base + word(index)] |= mask(index)
  }

  /// Whether bit `index` is set in a flattened bitset that starts at `base`.
  @inlinable @inline(__always)
  static func test(_ index: Int, in words: [UInt64], base: Int = 0) -> Bool {
    words[base &+ word(index)] & mask(index) != 0
  }
}

/// Hands out process-unique tokens that tie handles to the snapshot they were made for.
enum Tokens {
  private static let counter = TokenCounter()
  static func next() -> UInt64 { counter.next() }
}
