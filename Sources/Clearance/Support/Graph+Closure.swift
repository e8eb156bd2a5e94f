/// One bitset per node, stored sparse: only the non-zero words, ascending.
package struct SparseBitsets: Sendable {
  /// The words of node `n` are entries `start[n] ..< start[n + 1]`.
  package var start: [Int32]
  /// The word number of each entry.
  package var word: [Int32]
  /// The bits of each entry (never 0).
  package var bits: [UInt64]
}

/// A closure that would need more words than it was allowed; `node` is where it stopped.
package struct ClosureTooLarge: Error, Sendable {
  /// The node whose closure crossed the limit.
  package var node: Int
}

extension Graph {
  /// For every node, the set of nodes reachable from it, itself included, as sparse
  /// bitsets of `wordCount` words.
  ///
  /// `order` must list every node after all its successors (``successorsFirstOrder()``):
  /// each node's set is then its own bit united with its successors' finished sets, so
  /// each edge is walked once, not once per path.
  ///
  /// - Throws: ``ClosureTooLarge`` as soon as the sets together need more than `maxWords`
  ///   words; the work done before stopping is bounded by the same figure.
  package func closure(order: [Int32], wordCount: Int, maxWords: Int) throws(ClosureTooLarge)
    -> SparseBitsets
  {
    // Built in `order`: node n's entries are `offset[n] ..< offset[n] + length[n]`.
    var offset = [Int32](repeating: 0, count: nodeCount)
    var length = [Int32](repeating: 0, count: nodeCount)
    var words: [Int32] = []
    var bits: [UInt64] = []
    var scratch = [UInt64](repeating: 0, count: max(wordCount, 1))
    var touched: [Int32] = []
    for node32 in order {
      let node = Int(node32)
      func add(_ word: Int, _ value: UInt64) {
        if scratch[word] == 0 { touched.append(Int32(truncatingIfNeeded: word)) }
        scratch[word] |= value
      }
      add(Bits.word(node), Bits.mask(node))
      for next in self[node] {
        let first = Int(offset[Int(next)])
        for entry in first..<first + Int(length[Int(next)]) {
          add(Int(words[entry]), bits[entry])
        }
      }
      touched.sort()
      guard words.count + touched.count <= maxWords else { throw ClosureTooLarge(node: node) }
      offset[node] = Int32(truncatingIfNeeded: words.count)
      length[node] = Int32(truncatingIfNeeded: touched.count)
      for word in touched {
        words.append(word)
        bits.append(scratch[Int(word)])
        scratch[Int(word)] = 0
      }
      touched.removeAll(keepingCapacity: true)
    }
    // Repacked in node order.
    var result = SparseBitsets(start: [0], word: [], bits: [])
    result.start.reserveCapacity(nodeCount + 1)
    result.word.reserveCapacity(words.count)
    result.bits.reserveCapacity(words.count)
    for node in 0..<nodeCount {
      let first = Int(offset[node])
      result.word.append(contentsOf: words[first..<first + Int(length[node])])
      result.bits.append(contentsOf: bits[first..<first + Int(length[node])])
      result.start.append(Int32(truncatingIfNeeded: result.word.count))
    }
    return result
  }
}
