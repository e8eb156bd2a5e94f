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
    // Small trees (the usual ancestry) are searched in place; a set only past 32 nodes.
    var seen: Set<Int32>? = nil
    func isNew(_ node: Int32) -> Bool {
      if seen == nil && tree.nodes.count > 32 { seen = Set(tree.nodes) }
      if seen != nil { return seen?.insert(node).inserted ?? false }
      return !tree.nodes.contains(node)
    }
    var head = 0
    while head < tree.nodes.count {
      for next in self[Int(tree.nodes[head])] where isNew(next) {
        tree.nodes.append(next)
        tree.parents.append(Int32(truncatingIfNeeded: head))
      }
      head += 1
    }
    return tree
  }
}
