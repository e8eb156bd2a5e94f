/// Whether two strings have the same UTF-8 bytes (not Unicode canonical equivalence, which
/// `String ==` applies).
///
/// Compares the lengths first, then eight bytes at a time over contiguous storage, so that
/// names sharing a long prefix (`feature_12::tickets::read`, `feature_12::tickets::write`)
/// cost a few instructions rather than a walk of the UTF-8 view.
@inlinable
func utf8Equal(_ a: String, _ b: String) -> Bool {
  let x = a.utf8
  let y = b.utf8
  guard x.count == y.count else { return false }
  let fast = x.withContiguousStorageIfAvailable { left in
    y.withContiguousStorageIfAvailable { right in
      bytesEqual(UnsafeRawBufferPointer(left), UnsafeRawBufferPointer(right))
    }
  }
  if let fast, let fast { return fast }
  return x.elementsEqual(y)
}

/// Whether two buffers of the same length hold the same bytes.
@inlinable
func bytesEqual(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
  guard let base = left.baseAddress else { return right.isEmpty }
  return bytesEqual(base, right)
}

/// Whether the `bytes.count` bytes at `stored` equal `bytes`: eight bytes at a time, the
/// last (partial) word as the eight bytes ending the name, overlapping the word before;
/// byte by byte only below eight bytes (names are short; a call to `memcmp` would cost
/// more than the comparison).
@inlinable @inline(__always)
func bytesEqual(_ stored: UnsafeRawPointer, _ bytes: UnsafeRawBufferPointer) -> Bool {
  guard let base = bytes.baseAddress else { return true }
  let count = bytes.count
  var offset = 0
  if count >= 8 {
    while offset &+ 8 <= count {
      if stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        != base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      {
        return false
      }
      offset &+= 8
    }
    return offset == count
      || stored.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        == base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
  }
  while offset < count {
    if stored.load(fromByteOffset: offset, as: UInt8.self)
      != base.load(fromByteOffset: offset, as: UInt8.self)
    {
      return false
    }
    offset &+= 1
  }
  return true
}
