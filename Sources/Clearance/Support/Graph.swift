/// A directed graph over the nodes `0 ..< nodeCount`, stored as one flat adjacency list.
///
/// Every traversal the compiler makes (role inheritance, permission prerequisites, the
/// organization tree) goes through this type, so each walk is written once: cycles with
/// their full path (``Graph/cycles(limit:)``), an order in which each node follows what it
/// points to (``Graph/successorsFirstOrder()``), a breadth-first tree with its paths
/// (``Graph/breadthFirst(from:)``) and a sparse transitive closure
/// (``Graph/closure(order:wordCount:maxWords:)``). Successors keep the order they were
/// given in, so every walk is deterministic.
package struct Graph: Sendable {
  /// The successors of node `n` are `targets[start[n] ..< start[n + 1]]`.
  let start: [Int32]
  let targets: [Int32]

  /// Creates a graph from each node's successors, in the order given. Duplicate edges are
  /// kept; callers that need them removed remove them first.
  package init(adjacency: [[Int32]]) {
    var start: [Int32] = [0]
    start.reserveCapacity(adjacency.count + 1)
    var targets: [Int32] = []
    targets.reserveCapacity(adjacency.reduce(0) { $0 + $1.count })
    for successors in adjacency {
      targets.append(contentsOf: successors)
      start.append(Int32(truncatingIfNeeded: targets.count))
    }
    self.start = start
    self.targets = targets
  }

  /// Creates a graph in which node `n` points to `successor(n)`, when there is one: a
  /// forest given by parent links, say.
  package init(nodeCount: Int, successor: (Int) -> Int?) {
    var start: [Int32] = [0]
    start.reserveCapacity(nodeCount + 1)
    var targets: [Int32] = []
    for node in 0..<nodeCount {
      if let next = successor(node) { targets.append(Int32(truncatingIfNeeded: next)) }
      start.append(Int32(truncatingIfNeeded: targets.count))
    }
    self.start = start
    self.targets = targets
  }

  /// The number of nodes.
  package var nodeCount: Int { start.count - 1 }

  /// The number of edges.
  package var edgeCount: Int { targets.count }

  /// The successors of `node`, in the order given.
  @inline(__always)
  package subscript(node: Int) -> ArraySlice<Int32> {
    targets[Int(start[node])..<Int(start[node + 1])]
  }
}
