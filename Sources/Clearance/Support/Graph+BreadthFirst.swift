extension Graph {
  /// The nodes reachable from one root, in breadth-first order, each with the node it was
  /// first reached from: a shortest-path tree.
  package struct BreadthFirstTree: Sendable {
    /// The root first, then every node reachable from it, each once, nearest first; ties
    /// follow the order of the successors.
    package var nodes: [Int32]
    /// For each entry of `nodes`, the position in `nodes` of the node it was reached
    /// from; -1 for the root.
    package var parents: [Int32]

    /// The path from the root to `nodes[position]`, both ends included.
    ///
    /// Complexity: O(length of the path).
    package func path(to position: Int) -> [Int32] {
      var path: [Int32] = []
      var at = position
      while at >= 0 {
        path.append(nodes[at])
        at = Int(parents[at])
      }
      return path.reversed()
    }
  }

  /// The breadth-first tree of every node reachable from `root` (the root included).
  ///
  /// Complexity: O(reached nodes + their edges); memory grows with the nodes reached, not
  /// with the graph.
  package func breadthFirst(from root: Int) -> BreadthFirstTree {
    var tree = BreadthFirstTree(nodes: [Int32(truncatingIfNeeded: root)], parents: [-1])
    var seen: Set<Int32> = [Int32(truncatingIfNeeded: root)]
    var head = 0
    while head < tree.nodes.count {
      for next in self[Int(tree.nodes[head])] where seen.insert(next).inserted {
        tree.nodes.append(next)
        tree.parents.append(Int32(truncatingIfNeeded: head))
      }
      head += 1
    }
    return tree
  }
}
