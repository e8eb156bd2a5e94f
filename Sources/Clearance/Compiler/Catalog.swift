/// The permission catalog's lookups, for expanding grant patterns.
struct Catalog: Sendable {
  let keys: [PermissionKey]
  /// Each key's permission number, by the key's bytes.
  let index: InternTable
  /// Interned segments of each permission: `segments[p * 3 + i]`.
  let segments: [Int32]
  /// Each segment's number, by its bytes.
  let segmentIndex: InternTable
  /// The permissions whose segment `i` is segment `s`: `postings[s * 3 + i]`.
  let postings: [[Int32]]

  /// The permissions a pattern matches, in catalog order. `matcher` holds the pattern's
  /// interned segments, -1 for `*`. An exact key is one lookup; a pattern with a fixed
  /// segment scans only the permissions sharing its rarest fixed segment.
  func expand(_ matcher: [Int32], key: PermissionPattern) -> [Int32] {
    if !matcher.contains(-1) {
      return index[key].map { [$0] } ?? []
    }
    let fixed = (0..<3).filter { matcher[$0] >= 0 }
    guard
      let rarest = fixed.min(by: {
        postings[Int(matcher[$0]) * 3 + $0].count < postings[Int(matcher[$1]) * 3 + $1].count
      })
    else { return (0..<Int32(keys.count)).map { $0 } }
    return postings[Int(matcher[rarest]) * 3 + rarest].filter { p in
      fixed.allSatisfy { matcher[$0] == segments[Int(p) * 3 + $0] }
    }
  }
}
