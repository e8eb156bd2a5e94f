/// An allowlist's merged ranges laid out for lookup in one flat buffer of words, so that a
/// lookup is a few loads close together rather than a binary search over the whole list.
///
/// The ranges are kept twice. The IPv4 part holds every range clipped to the IPv4-mapped
/// block (`::ffff:0:0/96`) as 32-bit bounds, one word per range (lower in the high half,
/// upper in the low half); an IPv4 address searches only it. The IPv6 part holds the
/// ranges not wholly inside that block, as 128-bit bounds (four words per range); any
/// other address searches only it. Each part has a radix index: with `k` index bits,
/// `index[b]` counts the ranges whose lower bound is below the first address of bucket
/// `b` (the addresses whose top `k` bits, of the IPv4 address or of the IPv6 address's
/// high word, are `b`), so an address's answer lies among the ranges
/// `index[b] ..< index[b + 1]`, searched by bisection. With `k` one more than log₂ of
/// the range count most buckets hold at most one range; a list crowded into one bucket costs a
/// bisection of the bucket, never more than of the whole list.
///
/// Layout (words are `UInt64`; index entries are `UInt16`, four to a word, which holds
/// any count since a list has at most ``IPAllowlist/maximumEntries`` entries):
///
/// | words | content |
/// |---|---|
/// | 0 | IPv4 range count (bits 0-31), `k₄` (bits 32-39), `k₆` (bits 40-47) |
/// | 1 | IPv6 range count |
/// | 2 … | IPv4 index: 2^k₄ + 1 entries |
/// | then | IPv4 ranges |
/// | then | IPv6 index: 2^k₆ + 1 entries |
/// | then | IPv6 ranges: lower high, lower low, upper high, upper low |
@usableFromInline
enum RangeTable {
  /// The first and last IPv4-mapped addresses.
  static let mappedFirst = IPAddress(ipv4: 0)
  static let mappedLast = IPAddress(ipv4: .max)

  /// The most index bits a part uses (a 256 KB index at most; the 10,000-entry cap
  /// gives 15 bits, 128 KB).
  static let maximumIndexBits = 16

  /// Lays out the merged ranges `lowers[i] ... uppers[i]` (ascending, disjoint).
  static func words(lowers: [IPAddress], uppers: [IPAddress]) -> [UInt64] {
    var v4: [(lower: UInt32, upper: UInt32)] = []
    var v6: [(lower: IPAddress, upper: IPAddress)] = []
    for (lower, upper) in zip(lowers, uppers) {
      let insideMapped = !(lower < mappedFirst) && !(mappedLast < upper)
      if !insideMapped { v6.append((lower, upper)) }
      if !(upper < mappedFirst) && !(mappedLast < lower) {
        let first = lower < mappedFirst ? mappedFirst : lower
        let last = mappedLast < upper ? mappedLast : upper
        v4.append((UInt32(truncatingIfNeeded: first.low), UInt32(truncatingIfNeeded: last.low)))
      }
    }
    let k4 = indexBits(v4.count)
    let k6 = indexBits(v6.count)
    var words: [UInt64] = [
      UInt64(v4.count) | UInt64(k4) << 32 | UInt64(k6) << 40, UInt64(v6.count),
    ]
    append(index(v4.map { UInt64($0.lower) << 32 }, bits: k4), to: &words)
    words += v4.map { UInt64($0.lower) << 32 | UInt64($0.upper) }
    append(index(v6.map(\.lower.high), bits: k6), to: &words)
    for range in v6 {
      words += [range.lower.high, range.lower.low, range.upper.high, range.upper.low]
    }
    return words
  }

  /// Index bits for `count` ranges: one more than log₂ of it (so that most buckets hold
  /// at most one range), at least 1.
  static func indexBits(_ count: Int) -> Int {
    count <= 1 ? 1 : min(maximumIndexBits, Int.bitWidth - (count - 1).leadingZeroBitCount + 1)
  }

  /// `index[b]` for `b` in `0 ... 2^bits`: how many of `keys` (ascending 64-bit keys, the
  /// bucket in their top `bits` bits) lie below bucket `b`'s first key.
  static func index(_ keys: [UInt64], bits: Int) -> [UInt16] {
    let buckets = 1 << bits
    var index: [UInt16] = []
    index.reserveCapacity(buckets + 1)
    var below = 0
    for bucket in 0..<buckets {
      let first = UInt64(bucket) << UInt64(64 - bits)
      while below < keys.count, keys[below] < first { below += 1 }
      index.append(UInt16(truncatingIfNeeded: below))
    }
    index.append(UInt16(truncatingIfNeeded: keys.count))
    return index
  }

  /// Appends 16-bit entries four to a word (the first in the lowest bits), padded to a
  /// word.
  static func append(_ entries: [UInt16], to words: inout [UInt64]) {
    var word: UInt64 = 0
    for (k, entry) in entries.enumerated() {
      word |= UInt64(entry) << UInt64(16 * (k & 3))
      if k & 3 == 3 {
        words.append(word)
        word = 0
      }
    }
    if entries.count & 3 != 0 { words.append(word) }
  }

  /// Whether `address` is inside one of the ranges laid out at `words` by
  /// ``words(lowers:uppers:)``. No allocation; a few loads.
  @inlinable @inline(__always)
  static func contains(_ address: IPAddress, in words: UnsafePointer<UInt64>) -> Bool {
    let header = words[0]
    let k4 = ipv4IndexBits(header)
    if address.isIPv4 {
      return containsIPv4(UInt32(truncatingIfNeeded: address.low), words, bits: k4)
    }
    let v4Count = Int(truncatingIfNeeded: header & 0xFFFF_FFFF)
    let k6 = Int(truncatingIfNeeded: header >> 40) & 0xFF
    let v6 = words + 2 + indexWords(bits: k4) + v4Count
    return containsIPv6(address, v6, bits: k6)
  }

  /// `k₄`, the IPv4 index bits, from a table's first word.
  @inlinable @inline(__always)
  static func ipv4IndexBits(_ header: UInt64) -> Int {
    Int(truncatingIfNeeded: header >> 32) & 0xFF
  }

  /// The ranges `index[bucket] ..< index[bucket + 1]` of the index at `index`.
  @inlinable @inline(__always)
  static func bucket(_ bucket: Int, of index: UnsafeRawPointer) -> (low: Int, high: Int) {
    (
      Int(index.load(fromByteOffset: bucket &* 2, as: UInt16.self)),
      Int(index.load(fromByteOffset: bucket &* 2 &+ 2, as: UInt16.self))
    )
  }

  /// Words an index of `bits` bits takes.
  @inlinable @inline(__always)
  static func indexWords(bits: Int) -> Int { ((1 << bits) &+ 4) >> 2 }

  /// The IPv4 part: `key` is the address's 32 bits.
  ///
  /// Most buckets hold at most one range, so the common case has no data-dependent
  /// branch: the bucket's first range and the range before it are read unconditionally.
  /// Both reads stay inside the table: the IPv4 index precedes the ranges and the IPv6
  /// index (at least one word) follows them.
  @inlinable @inline(__always)
  static func containsIPv4(_ key: UInt32, _ words: UnsafePointer<UInt64>, bits: Int) -> Bool {
    var (low, high) = bucket(
      Int(truncatingIfNeeded: key &>> UInt32(32 &- bits)), of: UnsafeRawPointer(words + 2))
    let ranges = words + 2 + indexWords(bits: bits)
    while high &- low > 1 {
      let middle = (low &+ high) >> 1
      if key < UInt32(truncatingIfNeeded: ranges[middle] >> 32) {
        high = middle
      } else {
        low = middle
      }
    }
    // `low ..< high` holds at most one range: step past it when it starts at or below `key`.
    let first = UInt32(truncatingIfNeeded: ranges[low] >> 32)
    low &+= (low < high ? 1 : 0) & (first <= key ? 1 : 0)
    let previous = UInt32(truncatingIfNeeded: ranges[low &- 1])
    return (low > 0 ? 1 : 0) & (key <= previous ? 1 : 0) != 0
  }

  /// The IPv6 part at `part` (its index, then its ranges).
  @inlinable
  static func containsIPv6(_ address: IPAddress, _ part: UnsafePointer<UInt64>, bits: Int)
    -> Bool
  {
    var (low, high) = bucket(
      Int(truncatingIfNeeded: address.high &>> UInt64(64 &- bits)), of: UnsafeRawPointer(part))
    let ranges = part + indexWords(bits: bits)
    while low < high {
      let middle = (low &+ high) >> 1
      let lower = IPAddress(high: ranges[middle &* 4], low: ranges[middle &* 4 &+ 1])
      if address < lower { high = middle } else { low = middle &+ 1 }
    }
    guard low > 0 else { return false }
    let upper = IPAddress(high: ranges[(low &- 1) &* 4 &+ 2], low: ranges[(low &- 1) &* 4 &+ 3])
    return !(upper < address)
  }
}
