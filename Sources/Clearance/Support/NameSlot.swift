/// One slot of a ``NameLeaf``.
struct NameSlot {
  var tag: UInt32
  var handle: Int32
  var offset: Int32
  var length: Int32

  /// The slot tag of a hash: 32 of its bits, never 0 (0 marks an empty slot).
  @inline(__always)
  static func tag(of hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash &>> 20) | 1 }
}
