import CMallocInfo

/// Heap statistics around a piece of work.
enum Heap {
  /// Malloc-family calls so far, process-wide.
  static var allocations: UInt64 { cmi_allocation_count() }
  /// Bytes in use on the heap now (`mallinfo2`: arena chunks plus mmapped chunks).
  static var bytesInUse: UInt64 { cmi_heap_bytes_in_use() }

  /// Returns free memory to the system so deltas start from a quiet heap.
  static func trim() { cmi_trim() }

  /// Whether the malloc counter sees allocations (the wrappers are in force).
  static func counterWorks() -> Bool {
    let before = allocations
    let array = [UInt64](repeating: 7, count: 1_000)
    sink(array[999])
    return allocations > before
  }

  /// Heap bytes retained by what `build` returns: `mallinfo2` in-use bytes after it ran
  /// (temporaries freed, result alive) minus before.
  static func retainedBytes<T>(_ build: () throws -> T) rethrows -> (value: T, bytes: Int) {
    trim()
    let before = bytesInUse
    let value = try build()
    let after = bytesInUse
    return (value, Int(after) - Int(before))
  }
}

/// Malloc-family calls and net heap bytes per operation over `count` operations.
func countAllocations(_ count: Int, _ body: (Int) -> UInt64) -> (calls: Double, bytes: Double) {
  sink(body(min(count, 1_000)))  // warm up: lazily built caches are not the operation's cost
  let bytesBefore = Heap.bytesInUse
  let before = Heap.allocations
  sink(body(count))
  let calls = Heap.allocations - before
  let bytes = Int(Heap.bytesInUse) - Int(bytesBefore)
  return (Double(calls) / Double(count), Double(bytes) / Double(count))
}
