/// An organization's IP allowlist, compiled: its entries merged into sorted, disjoint
/// ranges, so that a lookup is one binary search (about ten comparisons for a thousand
/// entries).
///
/// ```swift
/// let list = try IPAllowlist(["192.168.1.0/24", "203.0.113.42"])
/// list.contains(IPAddress("192.168.1.7")!)  // true
/// ```
public struct IPAllowlist: Sendable, Hashable {
  /// The entries as given, in order.
  public let entries: [String]
  /// Lower bounds of the merged ranges, ascending; `uppers[i]` ends range `i`.
  @usableFromInline let lowers: [IPAddress]
  @usableFromInline let uppers: [IPAddress]

  /// Compiles `entries` (addresses and CIDR blocks, see ``IPRange/init(parsing:)``).
  ///
  /// - Parameter path: where the list sits in its document, for error paths
  ///   (`organizations[2].ipAllowlist`).
  /// - Throws: ``ValidationError`` with one issue per malformed entry, at `path[i]`, or
  ///   one when there are more than ``maximumEntries``.
  public init(_ entries: [String], path: String = "ipAllowlist") throws(ValidationError) {
    var issues = IssueCollector()
    if entries.count > Self.maximumEntries {
      issues.add(
        path, .illFormed,
        "\(entries.count) entries; an allowlist holds at most \(Self.maximumEntries)")
      try issues.throwIfAny()
    }
    var ranges: [IPRange] = []
    for (i, entry) in entries.enumerated() {
      do throws(IPRangeError) {
        ranges.append(try IPRange(parsing: entry))
      } catch {
        issues.add("\(path)[\(i)]", .illFormed, "\"\(entry)\": \(error.message)")
      }
    }
    try issues.throwIfAny()
    self.entries = entries
    (lowers, uppers) = Self.merge(ranges)
  }

  /// A list that admits no address: what a malformed list compiles to besides its error.
  init(admittingNothing: Void) {
    entries = []
    lowers = []
    uppers = []
  }

  /// The most entries one list may hold.
  public static let maximumEntries = 10_000

  /// Sorts ranges and merges those that overlap or touch.
  private static func merge(_ ranges: [IPRange]) -> ([IPAddress], [IPAddress]) {
    var lowers: [IPAddress] = []
    var uppers: [IPAddress] = []
    for range in ranges.sorted(by: { $0.lower < $1.lower }) {
      if let last = uppers.last {
        // Touching or overlapping the previous range: extend it.
        if let next = last.successor, range.lower < next || range.lower == next {
          if last < range.upper { uppers[uppers.count - 1] = range.upper }
          continue
        }
        if last.successor == nil { continue }
      }
      lowers.append(range.lower)
      uppers.append(range.upper)
    }
    return (lowers, uppers)
  }

  /// The merged ranges, ascending and disjoint.
  public var ranges: [IPRange] {
    zip(lowers, uppers).compactMap { IPRange(lower: $0, upper: $1) }
  }

  /// Whether `address` is in some entry. O(log n), no allocation.
  @inlinable
  public func contains(_ address: IPAddress) -> Bool {
    lowers.withUnsafeBufferPointer { lowers in
      uppers.withUnsafeBufferPointer { uppers in
        Self.search(address, lowers, uppers)
      }
    }
  }

  /// Binary search for the last range starting at or before `address`.
  @inlinable
  static func search(
    _ address: IPAddress, _ lowers: UnsafeBufferPointer<IPAddress>,
    _ uppers: UnsafeBufferPointer<IPAddress>
  ) -> Bool {
    var low = 0
    var high = lowers.count
    while low < high {
      let middle = (low &+ high) >> 1
      if address < lowers[middle] { high = middle } else { low = middle &+ 1 }
    }
    return low > 0 && !(uppers[low &- 1] < address)
  }
}
