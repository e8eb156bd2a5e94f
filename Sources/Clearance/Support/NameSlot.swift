/// One slot of a ``NameLeaf``: 32 bytes, two to a cache line, holding everything a lookup
/// of a short name compares, so that finding it reads one line of memory.
///
/// A name of up to 16 bytes is held in the slot itself (`first` and `second`, zero
/// padded); a longer one keeps its first eight bytes in `first` for a quick rejection,
/// and the offset of all its bytes in the leaf's key area in `second`.
struct NameSlot {
  /// 32 bits of the name's hash, never 0 (0 marks an empty slot).
  var tag: UInt32
  var handle: Int32
  /// The name's length in bytes.
  var length: UInt32
  var space: Int32
  var first: UInt64
  var second: UInt64

  /// Names of at most this many bytes live in the slot.
  static let inlineBytes = 16

  /// The slot tag of a hash: 32 of its bits, never 0 (0 marks an empty slot).
  @inline(__always)
  static func tag(of hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash &>> 20) | 1 }
}
