/// An organization's IP allowlist, compiled: its entries merged into sorted, disjoint
/// ranges behind a radix index, so that a lookup reads a few words close together (about
/// two comparisons for a thousand entries).
///
/// ```swift
/// let list = try IPAllowlist(["192.168.1.0/24", "203.0.113.42"])
/// list.contains(IPAddress("192.168.1.7")!)  // true
/// ```
public struct IPAllowlist: Sendable, Hashable {
  /// The entries as given, in order.
  public let entries: [String]
  /// Lower bounds of the merged ranges, ascending; `uppers[i]` ends range `i`.
  let lowers: [IPAddress]
  let uppers: [IPAddress]
  /// The ranges laid out for lookup (``RangeTable``).
  @usableFromInline let table: [UInt64]

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
    table = RangeTable.words(lowers: lowers, uppers: uppers)
  }

  /// A list that admits no address: what a malformed list compiles to besides its error.
  init(admittingNothing: Void) {
    entries = []
    lowers = []
    uppers = []
    table = RangeTable.words(lowers: [], uppers: [])
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

  /// Whether `address` is in some entry. O(log n) at worst, no allocation.
  @inlinable
  public func contains(_ address: IPAddress) -> Bool {
    table.withUnsafeBufferPointer { words in
      guard let base = words.baseAddress else { return false }
      return RangeTable.contains(address, in: base)
    }
  }
}
