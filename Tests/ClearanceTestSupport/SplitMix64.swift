// The one seeded random generator of the tests: SplitMix64, with the few helpers the
// generators need. Everything drawn from it depends on the seed alone, on every machine
// and toolchain (the standard library's own random algorithms may change between
// versions, so they are never used with it).

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough to drive a corpus.
/// It is also a `RandomNumberGenerator`, for APIs that take one (such as issuing API keys
/// with reproducible secrets).
package struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  package init(seed: UInt64) { state = seed }

  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0 ..< bound` (`bound` > 0). The tiny modulo bias is irrelevant here.
  package mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "below(0)")
    return Int(next() % UInt64(bound))
  }

  /// A number in `range`.
  package mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.count)
  }

  /// True with probability `percent` / 100.
  package mutating func percent(_ percent: Int) -> Bool { below(100) < percent }

  /// One element of a non-empty array.
  package mutating func pick<T>(_ elements: [T]) -> T {
    elements[below(elements.count)]
  }

  /// One element, or nil when the array is empty.
  package mutating func pickIfAny<T>(_ elements: [T]) -> T? {
    elements.isEmpty ? nil : elements[below(elements.count)]
  }

  /// Each element independently with probability `percent` / 100, in order.
  package mutating func subset<T>(_ elements: [T], percent: Int) -> [T] {
    elements.filter { _ in self.percent(percent) }
  }

  /// A Fisher-Yates shuffle driven by this generator.
  package mutating func shuffled<T>(_ elements: [T]) -> [T] {
    var result = elements
    var i = result.count - 1
    while i > 0 {
      result.swapAt(i, below(i + 1))
      i -= 1
    }
    return result
  }

  /// `count` distinct elements in random order (fewer if there are not enough).
  package mutating func sample<T>(_ elements: [T], count: Int) -> [T] {
    Array(shuffled(elements).prefix(count))
  }
}
