/// Duplicate keys: an object may name each key once (compared by exact UTF-8 bytes).
extension JSONParser {
  /// Throws if the object at `index` (still open, on top of the stack) repeats a key.
  func checkDuplicateKeys(_ index: Int) throws(JSONReadError) {
    if nodes[index].length <= 12 {
      // Small objects (nearly all): compare pairs in place, nothing allocated.
      var again = Int(nodes[index + 2].end)
      while again < nodes.count {
        var first = index + 1
        while first < again {
          if sameKey(first, again) { throw duplicate(first: first, again: again) }
          first = Int(nodes[first + 1].end)
        }
        again = Int(nodes[again + 1].end)
      }
      return
    }
    let nodes = self.nodes
    let input = self.input
    var keys: [Int] = []
    keys.reserveCapacity(Int(nodes[index].length))
    var k = index + 1
    while k < nodes.count {
      keys.append(k)
      k = Int(nodes[k + 1].end)
    }
    let duplicate: (first: Int, again: Int)? = unescaped.withUnsafeBufferPointer { escaped in
      let text = { (node: Int) -> UnsafeBufferPointer<UInt8> in
        let n = nodes[node]
        let base = n.flags & JSONNode.escapedFlag != 0 ? escaped : input
        return UnsafeBufferPointer(rebasing: base[Int(n.start)..<Int(n.start + n.length)])
      }
      // Sort by bytes (ties by position); equal neighbours are duplicates.
      let sorted = keys.sorted { a, b in
        let order = compareBytes(text(a), text(b))
        return order != 0 ? order < 0 : a < b
      }
      var found: (Int, Int)?
      for i in 1..<sorted.count where bytesEqual(text(sorted[i - 1]), text(sorted[i])) {
        if found.map({ sorted[i] < $0.1 }) ?? true { found = (sorted[i - 1], sorted[i]) }
      }
      return found
    }
    guard let duplicate else { return }
    throw self.duplicate(first: duplicate.first, again: duplicate.again)
  }

  /// Whether two key nodes have the same bytes.
  @inline(__always)
  func sameKey(_ a: Int, _ b: Int) -> Bool {
    let x = nodes[a]
    let y = nodes[b]
    guard x.length == y.length else { return false }
    if (x.flags | y.flags) & JSONNode.escapedFlag == 0 {
      return memoryEqual(
        input.baseAddress.map { $0 + Int(x.start) }, input.baseAddress.map { $0 + Int(y.start) },
        Int(x.length))
    }
    return unescaped.withUnsafeBufferPointer { escaped in
      let first = x.flags & JSONNode.escapedFlag != 0 ? escaped : input
      let second = y.flags & JSONNode.escapedFlag != 0 ? escaped : input
      return memoryEqual(
        first.baseAddress.map { $0 + Int(x.start) }, second.baseAddress.map { $0 + Int(y.start) },
        Int(x.length))
    }
  }

  /// The error for a key repeated at `again`, first written at `first`.
  func duplicate(first: Int, again: Int) -> JSONReadError {
    let duplicate = (first: first, again: again)
    let name = nodeText(duplicate.again)
    let (line, column) = JSONReadError.location(
      of: Int(nodes[duplicate.first].offset), in: input)
    return JSONReadError(
      offset: Int(nodes[duplicate.again].offset),
      message: "duplicate key \"\(name)\", first at line \(line), column \(column)",
      code: .duplicate, path: openPath(appending: name))
  }

  func nodeText(_ index: Int) -> String {
    let n = nodes[index]
    if n.flags & JSONNode.escapedFlag != 0 {
      return String(decoding: unescaped[Int(n.start)..<Int(n.start + n.length)], as: UTF8.self)
    }
    return String(
      decoding: UnsafeBufferPointer(rebasing: input[Int(n.start)..<Int(n.start + n.length)]),
      as: UTF8.self)
  }

  /// The JSON path of the innermost open container, with `key` appended:
  /// `roles[2].grants[0].scope`.
  func openPath(appending key: String) -> String {
    var path = ""
    for depth in 1..<max(stack.count, 1) {
      let parent = nodes[stack[depth - 1]]
      if parent.kind == .array {
        path += "[\(Int(parent.length) - 1)]"
      } else {
        let name = nodeText(stack[depth] - 1)
        path += path.isEmpty ? name : ".\(name)"
      }
    }
    return path.isEmpty ? key : path + "." + key
  }
}

@inline(__always)
func bytesEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
  a.count == b.count && memoryEqual(a.baseAddress, b.baseAddress, a.count)
}

/// Lexicographic order of two byte strings: negative, zero or positive.
func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
  let common = min(a.count, b.count)
  var i = 0
  while i < common {
    if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
    i += 1
  }
  return a.count - b.count
}
