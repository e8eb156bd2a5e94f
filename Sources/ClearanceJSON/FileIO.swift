import Clearance

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads and atomic writes through the C library (no Foundation).
enum FileIO {
  /// The bytes of a file, refused before reading when it is larger than `limit`.
  static func readFile(_ path: String, limit: Int) throws(ValidationError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure(path, "cannot read file") }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw failure(path, "cannot read file") }
    let size = Int(info.st_size)
    if size > limit {
      throw ValidationError(
        .malformed(
          path: path,
          message: "limit maxDocumentBytes (\(limit)) exceeded: the file has \(size) bytes"))
    }
    // Read until the end even if the file changed size, but never past the limit.
    var bytes = [UInt8](repeating: 0, count: max(size, 4096))
    var count = 0
    while true {
      if count == bytes.count {
        if count > limit { break }
        bytes += [UInt8](repeating: 0, count: max(4096, count))
      }
      let got = bytes.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress.map { $0 + count }, buffer.count - count)
      }
      if got < 0 && errno == EINTR { continue }
      guard got >= 0 else { throw failure(path, "cannot read file") }
      if got == 0 { break }
      count += got
    }
    bytes.removeSubrange(count...)
    return bytes
  }

  /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so a
  /// reader sees the old file or the new one, never half of one.
  static func writeFile(_ bytes: [UInt8], to path: String) throws(ValidationError) {
    let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw failure(path, "cannot write file") }
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
      }
      if result < 0 && errno == EINTR { continue }
      guard result > 0 else {
        let error = failure(path, "cannot write file")
        close(descriptor)
        unlink(temporary)
        throw error
      }
      written += result
    }
    guard close(descriptor) == 0, rename(temporary, path) == 0 else {
      let error = failure(path, "cannot write file")
      unlink(temporary)
      throw error
    }
  }

  /// Whether something exists at `path`.
  static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  static func failure(_ path: String, _ what: String) -> ValidationError {
    let reason = String(cString: strerror(errno))
    return ValidationError(.malformed(path: path, message: "\(what): \(reason)"))
  }
}
