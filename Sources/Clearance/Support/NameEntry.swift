/// A name to add to a leaf: its bytes, namespace, hash and handle.
struct NameEntry {
  let bytes: [UInt8]
  let space: Int32
  let hash: UInt64
  let handle: Int32

  init(name: String, space: Int32, handle: Int32) {
    self.init(bytes: Array(name.utf8), space: space, handle: handle)
  }

  /// An entry from stored bytes; its hash is computed from them.
  init(bytes: [UInt8], space: Int32, handle: Int32) {
    self.bytes = bytes
    self.space = space
    hash = bytes.withUnsafeBytes { NameHash.hash($0, space: space) }
    self.handle = handle
  }

  /// Which of the 64 × 64 leaves holds the name.
  var leafNumber: Int { Int(hash &>> 52) }
}
