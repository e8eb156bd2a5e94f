/// SplitMix64 (Steele, Lea, Flood 2014): every workload is drawn from one of these, so a
/// seed alone decides it. The standard library's random algorithms are not used (their
/// output may change between toolchains), nor is `Dictionary` or `Set` iteration order
/// (Swift seeds hashing per process).
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0 ..< bound` (`bound` > 0); the modulo bias is irrelevant here.
  mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "below(0)")
    return Int(truncatingIfNeeded: next() % UInt64(bound))
  }

  /// True with probability `percent` / 100.
  mutating func percent(_ percent: Int) -> Bool { below(100) < percent }

  /// One element of a non-empty array.
  mutating func pick<T>(_ elements: [T]) -> T { elements[below(elements.count)] }

  /// An index drawn with the given relative weights.
  mutating func weighted(_ weights: [Int]) -> Int {
    var roll = below(weights.reduce(0, +))
    for (i, weight) in weights.enumerated() {
      if roll < weight { return i }
      roll -= weight
    }
    return weights.count - 1
  }

  /// `count` distinct indices in `0 ..< bound`, in drawing order.
  mutating func distinct(_ count: Int, below bound: Int) -> [Int] {
    var chosen: [Int] = []
    var seen = Set<Int>()
    while chosen.count < min(count, bound) {
      let i = below(bound)
      if seen.insert(i).inserted { chosen.append(i) }
    }
    return chosen
  }
}
