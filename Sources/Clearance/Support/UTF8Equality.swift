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
  let count = left.count
  var offset = 0
  while offset + 8 <= count {
    if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    {
      return false
    }
    offset += 8
  }
  while offset < count {
    if left[offset] != right[offset] { return false }
    offset += 1
  }
  return true
}
