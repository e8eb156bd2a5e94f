/// A name to add to a leaf: its key bytes (namespace first), hash and handle.
struct NameEntry {
  let key: [UInt8]
  let hash: UInt64
  let handle: Int32

  init(name: String, space: Int32, handle: Int32) {
    hash = withUTF8Bytes(of: name) { NameHash.hash($0, space: space) }
    var key = withUnsafeBytes(of: space.littleEndian) { Array($0) }
    key.append(contentsOf: name.utf8)
    self.key = key
    self.handle = handle
  }

  /// Which of the 64 × 64 leaves holds the name.
  var leafNumber: Int { Int(hash &>> 52) }
}

extension NameEntry {
  /// An entry from stored key bytes; its hash is computed again from them.
  init(key: [UInt8], handle: Int32) {
    let space = key.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
    hash = key.withUnsafeBytes {
      NameHash.hash(UnsafeRawBufferPointer(rebasing: $0[4...]), space: Int32(littleEndian: space))
    }
    self.key = key
    self.handle = handle
  }
}
