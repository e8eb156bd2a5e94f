/// The read side of a ``NameIndex`` as plain data: the root of its trie and the hash key.
///
/// Copying it costs nothing (no reference counting), so the snapshot keeps one per index
/// in its ``HotTables`` and a by-name request resolves every name without touching an
/// object. It points into memory its index owns: it is valid while that index lives.
@usableFromInline
struct NameLookup: @unchecked Sendable {
  /// The trie's top table: 64 pointers to tables of 64 leaves.
  let root: UnsafeMutablePointer<UnsafeRawPointer>
  /// ``NameHash/key``, read once.
  let key: (UInt64, UInt64)

  /// The handle of `name` in namespace `space`, or nil.
  @inline(__always)
  func handle(of name: String, in space: Int32 = 0) -> Int32? {
    withUTF8Bytes(of: name) { handle(ofBytes: $0, in: space) }
  }

  /// The handle of the name with UTF-8 `bytes` in namespace `space`, or nil.
  @inline(__always)
  func handle(ofBytes bytes: UnsafeRawBufferPointer, in space: Int32) -> Int32? {
    let hash = NameHash.hash(bytes, space: space, key: key)
    let mid = root[Int(hash &>> 58)]
    let leaf = mid.load(
      fromByteOffset: Int((hash &>> 52) & 63) &* MemoryLayout<UnsafeRawPointer>.stride,
      as: UnsafeRawPointer.self)
    return NameLeaf.find(bytes, space: space, hash: hash, in: leaf)
  }
}
