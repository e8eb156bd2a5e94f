extension Graph {
  /// Calls `body` with each cycle a depth-first search finds, each once, as the nodes on
  /// it in order (the first not repeated at the end).
  ///
  /// The search starts from each node in order and follows successors in order; every
  /// edge that closes a cycle (an edge back to a node still on the search path) is one
  /// cycle. No cycle is visited twice, and the graph has a cycle exactly when `body` is
  /// called. `body` sees a slice of the search path, so visiting costs nothing per node
  /// of a cycle unless `body` reads them.
  ///
  /// Complexity: O(nodes + edges), plus what `body` does.
  package func forEachCycle(_ body: (_ cycle: ArraySlice<Int>) -> Void) {
    _ = depthFirst { path, from in body(path[from...]) }
  }

  /// The cycles ``forEachCycle(_:)`` visits, each with its full path and the first node
  /// repeated at the end (`[a, b, a]`): only the first `limit` are built, `total` counts
  /// them all.
  package func cycles(limit: Int = .max) -> (cycles: [[Int]], total: Int) {
    var cycles: [[Int]] = []
    var total = 0
    forEachCycle { cycle in
      total += 1
      if cycles.count < limit, let first = cycle.first { cycles.append(Array(cycle) + [first]) }
    }
    return (cycles, total)
  }

  /// Every node, each after all the nodes it points to (a reverse topological order:
  /// prerequisites before what requires them, parents before children when edges point
  /// to parents); nil when the graph has a cycle.
  ///
  /// Complexity: O(nodes + edges).
  package func successorsFirstOrder() -> [Int32]? {
    var hasCycle = false
    let order = depthFirst { _, _ in hasCycle = true }
    return hasCycle ? nil : order
  }

  /// One iterative depth-first search from every node in order. Calls `backEdge` with the
  /// current search path and the position on it of the node an edge returns to, and
  /// returns the nodes in the order they were finished.
  private func depthFirst(backEdge: (_ path: [Int], _ from: Int) -> Void) -> [Int32] {
    // -1: not visited; -2: finished; otherwise the node's position on the path.
    var position = [Int32](repeating: -1, count: nodeCount)
    var finished: [Int32] = []
    finished.reserveCapacity(nodeCount)
    var path: [Int] = []
    var next: [Int32] = []  // for each node on the path, the index of its next edge
    for root in 0..<nodeCount where position[root] == -1 {
      path.append(root)
      next.append(start[root])
      position[root] = 0
      while let node = path.last {
        let edge = Int(next[next.count - 1])
        guard edge < Int(start[node + 1]) else {
          position[node] = -2
          finished.append(Int32(truncatingIfNeeded: node))
          path.removeLast()
          next.removeLast()
          continue
        }
        next[next.count - 1] += 1
        let target = Int(targets[edge])
        switch position[target] {
        case -1:
          position[target] = Int32(truncatingIfNeeded: path.count)
          path.append(target)
          next.append(start[target])
        case -2:
          break
        default:
          backEdge(path, Int(position[target]))
        }
      }
    }
    return finished
  }
}

/// The cycles of a graph given as adjacency lists, as ``Graph/cycles(limit:)`` finds them,
/// at most ``PolicyLimits/reportedIssues`` of them.
func findCycles(nodeCount: Int, edges: (Int) -> [Int]) -> [[Int]] {
  let graph = Graph(
    adjacency: (0..<nodeCount).map { edges($0).map { Int32(truncatingIfNeeded: $0) } })
  return graph.cycles(limit: PolicyLimits.reportedIssues).cycles
}
