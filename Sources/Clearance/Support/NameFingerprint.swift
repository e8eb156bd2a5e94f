/// A 128-bit keyed fingerprint of a name that the directory does not list: how a
/// resource's unknown assignee is matched to a host-built principal of the same id without
/// remembering either name.
///
/// Resolving such names used to intern them in a table that only grew, so a stream of
/// distinct unknown names in requests grew memory without bound. A fingerprint costs 16
/// bytes in the resolved value and nothing in the snapshot. It is SipHash (the standard
/// library's `Hasher`, keyed per process) over the name's UTF-8 bytes under two
/// domain-separated prefixes and a second random key of the library's own: telling two
/// names apart fails only if they collide in 128 keyed bits, which no sender can aim for.
@usableFromInline
struct NameFingerprint: Sendable, Hashable, BitwiseCopyable {
  @usableFromInline let high: UInt64
  @usableFromInline let low: UInt64

  /// The fingerprint of nothing: it matches no name's.
  @usableFromInline static let none = NameFingerprint(high: 0, low: 0)

  @usableFromInline
  init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// The fingerprint of `name`'s UTF-8 bytes (never ``none``).
  init(of name: String) {
    let (k0, k1) = NameHash.key
    func half(_ domain: UInt64) -> UInt64 {
      var hasher = Hasher()
      hasher.combine(domain)
      hasher.combine(k0)
      hasher.combine(k1)
      withUTF8Bytes(of: name) { hasher.combine(bytes: $0) }
      hasher.combine(name.utf8.count)
      return UInt64(UInt(bitPattern: hasher.finalize()))
    }
    high = half(0x636C_6561_7261_6E31)
    low = half(0x636C_6561_7261_6E32) | 1
  }
}
