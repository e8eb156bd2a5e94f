/// A persistent map from names, compared as exact UTF-8 bytes, to handles: how every name
/// in a request (user, organization, shop, state, action) becomes a handle.
///
/// A name lives in a namespace (`space`; a shop's is its organization's handle), so one
/// index serves keys like "shop `north` of organization 3" without building a key value.
/// Lookups hash the bytes with ``NameHash`` (keyed per process), take two plain pointer
/// hops and probe one small open-addressing leaf: no allocation, no lock, no reference
/// counting, no Unicode normalisation.
///
/// The index is a two-level trie of 64 × 64 leaves. Adding or changing a name copies one
/// leaf and two 64-entry pointer tables and shares everything else with the index it came
/// from, so the indexes of successive snapshots cost O(change), not O(names). Its
/// pointers are into memory the index owns and never writes after building it.
struct NameIndex: @unchecked Sendable {
  private let top: NameTable<NameMid>
  /// `top.pointers`, read without touching `top`'s reference count.
  private let root: UnsafeMutablePointer<UnsafeRawPointer>
  /// The number of names in the index.
  private(set) var count: Int

  /// An empty index.
  init() {
    top = NameTable(repeating: NameMid.empty, count: NameIndex.fanOut)
    root = top.pointers
    count = 0
  }

  /// An index of `names`: each name's bytes, namespace and handle. A later duplicate
  /// (same bytes, same namespace) replaces an earlier one.
  init(_ names: [(name: String, space: Int32, handle: Int32)]) {
    var buckets = [[NameEntry]](repeating: [], count: NameIndex.fanOut * NameIndex.fanOut)
    for (name, space, handle) in names {
      let entry = NameEntry(name: name, space: space, handle: handle)
      buckets[entry.leafNumber].append(entry)
    }
    var mids: [NameMid] = []
    mids.reserveCapacity(NameIndex.fanOut)
    var total = 0
    for m in 0..<NameIndex.fanOut {
      let slice = buckets[(m * NameIndex.fanOut)..<((m + 1) * NameIndex.fanOut)]
      if slice.allSatisfy(\.isEmpty) {
        mids.append(NameMid.empty)
        continue
      }
      let leaves = slice.map { $0.isEmpty ? NameLeaf.empty : NameLeaf(entries: $0) }
      total += leaves.reduce(0) { $0 + $1.count }
      mids.append(NameMid(NameTable(leaves)))
    }
    top = NameTable(mids)
    root = top.pointers
    count = total
  }

  private init(top: NameTable<NameMid>, count: Int) {
    self.top = top
    root = top.pointers
    self.count = count
  }

  /// The handle of `name` in namespace `space`, or nil.
  @inline(__always)
  func handle(of name: String, in space: Int32 = 0) -> Int32? {
    withUTF8Bytes(of: name) { handle(ofBytes: $0, in: space) }
  }

  /// The handle of the name with UTF-8 `bytes` in namespace `space`, or nil.
  @inline(__always)
  func handle(ofBytes bytes: UnsafeRawBufferPointer, in space: Int32) -> Int32? {
    lookup.handle(ofBytes: bytes, in: space)
  }

  /// The index's lookup side as a plain value: no reference, so a holder (the snapshot's
  /// ``HotTables``) reads names without reference counting. Valid while the index lives.
  var lookup: NameLookup { NameLookup(root: root, key: NameHash.key) }

  /// A copy in which `name` in namespace `space` maps to `handle` (added, or replaced).
  /// A negative handle hides the name: lookups then answer nil.
  func setting(_ name: String, in space: Int32 = 0, to handle: Int32) -> NameIndex {
    let entry = NameEntry(name: name, space: space, handle: handle)
    let m = entry.leafNumber / NameIndex.fanOut
    let l = entry.leafNumber % NameIndex.fanOut
    let oldMid = top.objects[m]
    let (leaf, added) = oldMid.leaves.objects[l].setting(entry)
    var leaves = oldMid.leaves.objects
    leaves[l] = leaf
    var mids = top.objects
    mids[m] = NameMid(NameTable(leaves))
    return NameIndex(top: NameTable(mids), count: count + (added ? 1 : 0))
  }

  /// Bytes held by the index's own tables and leaves (shared parts counted in full).
  var byteCount: Int {
    var total = NameIndex.fanOut * 2 * MemoryLayout<UnsafeRawPointer>.stride
    for mid in top.objects where mid !== NameMid.empty {
      total += NameIndex.fanOut * 2 * MemoryLayout<UnsafeRawPointer>.stride
      for leaf in mid.leaves.objects where leaf !== NameLeaf.empty { total += leaf.byteCount }
    }
    return total
  }

  static let fanOut = 64
}
