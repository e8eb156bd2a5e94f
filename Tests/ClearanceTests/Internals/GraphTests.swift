import ClearanceTestSupport
import Testing

@testable import Clearance

/// The graph helper every compiler traversal goes through: cycles, orders, breadth-first
/// trees and closures.
@Suite("Graph helper")
struct GraphTests {
  @Test func aCycleIsReportedOnceWithItsFullPath() {
    let graph = Graph(adjacency: [[1], [2], [0]])
    #expect(graph.cycles().cycles == [[0, 1, 2, 0]])
    #expect(graph.cycles().total == 1)
    #expect(graph.successorsFirstOrder() == nil)
  }

  @Test func aSelfLoopIsACycle() {
    #expect(Graph(adjacency: [[], [1]]).cycles().cycles == [[1, 1]])
  }

  @Test func cyclesSharingNodesAreEachReportedOnce() {
    // 0 -> 1 -> 0 and 0 -> 1 -> 2 -> 0.
    let graph = Graph(adjacency: [[1], [0, 2], [0]])
    #expect(graph.cycles().cycles == [[0, 1, 0], [0, 1, 2, 0]])
  }

  @Test func theLimitBoundsWhatIsBuiltButNotWhatIsCounted() {
    // Every node points back to 0: n - 1 cycles.
    let n = 500
    let graph = Graph(
      adjacency: (0..<n).map { $0 == 0 ? [1] : ($0 + 1 < n ? [Int32($0 + 1), 0] : [0]) })
    let found = graph.cycles(limit: 3)
    #expect(found.cycles.count == 3)
    #expect(found.total == n - 1)
  }

  @Test func aDiamondHasNoCycleAndAnOrderWithSuccessorsFirst() throws {
    // 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3.
    let graph = Graph(adjacency: [[1, 2], [3], [3], []])
    #expect(graph.cycles().total == 0)
    let order = try #require(graph.successorsFirstOrder())
    #expect(order == [3, 1, 2, 0])
  }

  @Test func breadthFirstIsNearestFirstWithTiesInSuccessorOrder() {
    // 0 -> 2, 0 -> 1, 2 -> 3, 1 -> 3, 3 -> 4.
    let graph = Graph(adjacency: [[2, 1], [3], [3], [4], []])
    let tree = graph.breadthFirst(from: 0)
    #expect(tree.nodes == [0, 2, 1, 3, 4])
    #expect(tree.path(to: 4) == [0, 2, 3, 4])
    #expect(tree.path(to: 0) == [0])
    #expect(graph.breadthFirst(from: 4).nodes == [4])
  }

  @Test func aForestFromParentLinks() {
    let parent = [-1, 0, 1, -1]
    let graph = Graph(nodeCount: 4) { parent[$0] < 0 ? nil : parent[$0] }
    #expect(Array(graph[2]) == [1])
    #expect(graph.edgeCount == 2)
    #expect(graph.cycles().total == 0)
  }

  @Test func theClosureEqualsReachabilityOnRandomGraphs() throws {
    for seed: UInt64 in 1...20 {
      var random = SplitMix64(seed: seed)
      let n = 1 + Int(random.next() % 150)
      // Edges only to lower nodes: no cycle.
      let adjacency: [[Int32]] = (0..<n).map { node in
        node == 0
          ? [] : (0..<Int(random.next() % 4)).map { _ in Int32(random.next() % UInt64(node)) }
      }
      let graph = Graph(adjacency: adjacency)
      let order = try #require(graph.successorsFirstOrder())
      let words = Bits.words(for: n)
      let closure = try graph.closure(order: order, wordCount: words, maxWords: .max)
      for node in 0..<n {
        var expected = [UInt64](repeating: 0, count: words)
        for reached in graph.breadthFirst(from: node).nodes {
          Bits.set(Int(reached), in: &expected)
        }
        var actual = [UInt64](repeating: 0, count: words)
        for entry in Int(closure.start[node])..<Int(closure.start[node + 1]) {
          #expect(closure.bits[entry] != 0)
          actual[Int(closure.word[entry])] = closure.bits[entry]
        }
        #expect(actual == expected, "seed \(seed), node \(node)")
      }
    }
  }

  @Test func aClosurePastItsWordLimitStops() throws {
    // A chain of 200: node k reaches k + 1 nodes, 4 words at most.
    let graph = Graph(adjacency: (0..<200).map { $0 == 0 ? [] : [Int32($0 - 1)] })
    let order = try #require(graph.successorsFirstOrder())
    #expect(throws: ClosureTooLarge.self) {
      try graph.closure(order: order, wordCount: 4, maxWords: 300)
    }
    #expect(try graph.closure(order: order, wordCount: 4, maxWords: 500).word.count <= 500)
  }
}
