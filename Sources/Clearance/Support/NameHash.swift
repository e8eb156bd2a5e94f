/// A fast hash of a name's UTF-8 bytes, keyed by a random seed drawn once per process.
///
/// Request strings come from outside (a user id from a session, an organization from a
/// URL): with a key the sender cannot know, no crafted set of names can pile into one slot
/// of a ``NameIndex``. Equality is always decided on the bytes themselves; the hash only
/// places a name.
///
/// The mixing step multiplies to 128 bits and folds the halves, eight bytes at a time.
@usableFromInline
enum NameHash {
  /// The process's key: two random words from the system's secure generator.
  @usableFromInline static let key: (UInt64, UInt64) = {
    var generator = SystemRandomNumberGenerator()
    return (generator.next() | 1, generator.next() | 1)
  }()

  /// Folds the 128-bit product of `a` and `b` into 64 bits.
  @inlinable @inline(__always)
  static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let product = a.multipliedFullWidth(by: b)
    return product.high ^ product.low
  }

  /// The hash of `bytes` in namespace `space`.
  @inlinable
  static func hash(_ bytes: UnsafeRawBufferPointer, space: Int32) -> UInt64 {
    hash(bytes, space: space, key: key)
  }

  /// The hash of `bytes` in namespace `space` under `key` (the process's ``key``, read
  /// once by a caller that keeps it, so that a lookup does not pay the lazy global's check).
  @inlinable
  static func hash(
    _ bytes: UnsafeRawBufferPointer, space: Int32, key: (UInt64, UInt64)
  ) -> UInt64 {
    let count = bytes.count
    if count <= shortLength {
      let (first, second) = words(of: bytes)
      return hash(first: first, second: second, count: count, space: space, key: key)
    }
    let (k0, k1) = key
    var h = mix(k0 ^ UInt64(count), k1 ^ UInt64(UInt32(bitPattern: space)))
    var offset = 0
    while offset &+ 8 <= count {
      let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      h = mix(h ^ word ^ k0, 0x9E37_79B9_7F4A_7C15 ^ k1)
      offset &+= 8
    }
    if offset < count {
      h = mix(h ^ tail(bytes, from: offset) ^ k1, 0xD6E8_FEB8_6659_FD93 ^ k0)
    }
    return mix(h, k0 ^ 0xA076_1D64_78BD_642F)
  }

  /// Names of at most this many bytes hash from their two words (see ``words(of:)``).
  @inlinable static var shortLength: Int { 16 }

  /// The hash of a name of `count` bytes, at most ``shortLength``, whose bytes are the
  /// words `first` and `second` (see ``words(of:)``): two multiplications.
  @inlinable @inline(__always)
  static func hash(
    first: UInt64, second: UInt64, count: Int, space: Int32, key: (UInt64, UInt64)
  ) -> UInt64 {
    let (k0, k1) = key
    let shape = UInt64(truncatingIfNeeded: count) &<< 32 | UInt64(UInt32(bitPattern: space))
    let h = mix(first ^ k0, second ^ k1 ^ shape)
    return mix(h ^ shape ^ k1, k0 ^ 0xA076_1D64_78BD_642F)
  }

  /// The first sixteen bytes of `bytes` as two little-endian words, zero padded.
  @inlinable @inline(__always)
  static func words(of bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
    let count = bytes.count
    guard let base = bytes.baseAddress, count > 0 else { return (0, 0) }
    if count < 8 { return (tail(bytes, from: 0), 0) }
    let first = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
    if count == 8 { return (first, 0) }
    if count <= 16 { return (first, tail(bytes, from: 8)) }
    return (first, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
  }
}

extension NameHash {
  /// The bytes of `bytes` from `offset` to the end (one to seven of them) as one
  /// little-endian word, read with at most two loads: the last eight bytes shifted when
  /// the name has eight, two overlapping four-byte loads when four are left, else byte by
  /// byte.
  @inlinable @inline(__always)
  static func tail(_ bytes: UnsafeRawBufferPointer, from offset: Int) -> UInt64 {
    let count = bytes.count
    let rest = count &- offset
    guard let base = bytes.baseAddress else { return 0 }
    if count >= 8 {
      let last = UInt64(
        littleEndian: base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
      return last &>> UInt64(truncatingIfNeeded: (8 &- rest) &* 8)
    }
    if rest >= 4 {
      let low = UInt64(
        UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
      let high = UInt64(
        UInt32(littleEndian: base.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)))
      return low | high &<< UInt64(truncatingIfNeeded: (rest &- 4) &* 8)
    }
    var word: UInt64 = 0
    var shift: UInt64 = 0
    var i = offset
    while i < count {
      word |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) &<< shift
      shift &+= 8
      i &+= 1
    }
    return word
  }
}

/// Runs `body` over a string's UTF-8 bytes without copying them when the string is
/// native (always, for strings made in Swift); a bridged string is copied once.
@inlinable @inline(__always)
func withUTF8Bytes<T>(of string: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
  if let result = string.utf8.withContiguousStorageIfAvailable({
    body(UnsafeRawBufferPointer($0))
  }) {
    return result
  }
  let copy = Array(string.utf8)
  return copy.withUnsafeBytes(body)
}
