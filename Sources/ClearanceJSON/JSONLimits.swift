/// The bounds the JSON reader enforces on a document.
///
/// Every document is read under limits, so hostile input costs bounded time and memory. A
/// document that crosses one is refused with an issue naming the limit and its value
/// (`limit maxDepth (64) exceeded: …`). The defaults fit the largest documents Clearance is
/// meant for (a directory of a million users) with room to spare; see `docs/FORMAT.md`.
public struct JSONLimits: Sendable, Hashable {
  /// The largest document, in bytes. Default 128 MiB.
  public var maxDocumentBytes: Int
  /// The deepest nesting of arrays and objects. Default 64. The reader does not recurse,
  /// but decoding a value recurses once per level, so keep this in the hundreds.
  public var maxDepth: Int
  /// The longest string or object key, in bytes as written in the file (escapes
  /// included). Default 65,536.
  public var maxStringBytes: Int
  /// The most values (strings, numbers, literals, arrays, objects and keys) in a document.
  /// Default 16,777,216.
  public var maxValues: Int
  /// The most problems reported for one document; the rest are counted in a last issue.
  /// Default 1,000.
  public var maxIssues: Int

  /// Creates limits; the defaults are those of ``standard``.
  public init(
    maxDocumentBytes: Int = 128 << 20,
    maxDepth: Int = 64,
    maxStringBytes: Int = 65_536,
    maxValues: Int = 16_777_216,
    maxIssues: Int = 1_000
  ) {
    self.maxDocumentBytes = maxDocumentBytes
    self.maxDepth = maxDepth
    self.maxStringBytes = maxStringBytes
    self.maxValues = maxValues
    self.maxIssues = maxIssues
  }

  /// The default limits.
  public static let standard = JSONLimits()

  /// The limits clamped to what the reader's 32-bit offsets can address.
  var clamped: JSONLimits {
    var copy = self
    let ceiling = Int(UInt32.max - 1)
    copy.maxDocumentBytes = max(0, min(maxDocumentBytes, ceiling))
    copy.maxValues = max(1, min(maxValues, ceiling))
    copy.maxDepth = max(1, maxDepth)
    copy.maxStringBytes = max(0, maxStringBytes)
    copy.maxIssues = max(1, maxIssues)
    return copy
  }
}
