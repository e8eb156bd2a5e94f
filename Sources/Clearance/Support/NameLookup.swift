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

  /// The handle of the name with UTF-8 `bytes` in namespace `space`, or nil. A short name
  /// is read once, into the two words that both its hash and its slot are made of.
  @inline(__always)
  func handle(ofBytes bytes: UnsafeRawBufferPointer, in space: Int32) -> Int32? {
    if bytes.count <= NameSlot.inlineBytes {
      let (first, second) = NameHash.words(of: bytes)
      let hash = NameHash.hash(
        first: first, second: second, count: bytes.count, space: space, key: key)
      return NameLeaf.find(
        first: first, second: second, count: bytes.count, space: space, hash: hash,
        in: leaf(of: hash))
    }
    let hash = NameHash.hash(bytes, space: space, key: key)
    return NameLeaf.find(long: bytes, space: space, hash: hash, in: leaf(of: hash))
  }

  /// The address of the leaf a hash falls in.
  @inline(__always)
  private func leaf(of hash: UInt64) -> UnsafeRawPointer {
    let mid = root[Int(hash &>> 58)]
    return mid.load(
      fromByteOffset: Int((hash &>> 52) & 63) &* MemoryLayout<UnsafeRawPointer>.stride,
      as: UnsafeRawPointer.self)
  }
}
