import Testing
import X1601Analysis
import X1601Graph
import X1601TestSupport

@Suite("Dominator tree")
struct DominatorTreeTests {
  /// A random dependency graph of services, with cycles and self-loops.
  static func randomGraph(seed: UInt64, nodeCount: Int) -> Graph {
    var random = SplitMix64(seed: seed)
    var builder = GraphBuilder()
    for index in 0..<nodeCount { builder.addNode("s\(index)", kind: .service) }
    let edges = Int(random.next() % UInt64(3 * nodeCount + 1))
    for _ in 0..<edges {
      let from = NodeID(random.next() % UInt64(nodeCount))
      let to = NodeID(random.next() % UInt64(nodeCount))
      builder.addEdge(from: from, to: to, kind: .dependsOn)
    }
    return try! builder.build()
  }

  /// Nodes reachable from `root` when `removed` is deleted.
  static func reachable(_ graph: Graph, root: NodeID, removed: NodeID?) -> Set<NodeID> {
    guard root != removed else { return [] }
    var seen: Set<NodeID> = [root]
    var stack = [root]
    while let node = stack.popLast() {
      for next in graph.neighbors(of: node, .forward, kind: .dependsOn)
      where next != removed && !seen.contains(next) {
        seen.insert(next)
        stack.append(next)
      }
    }
    return seen
  }

  @Test("matches removal test on random graphs", arguments: 0..<300)
  func matchesNaive(seed: Int) {
    let nodeCount = 1 + seed % 15
    let graph = Self.randomGraph(seed: UInt64(seed), nodeCount: nodeCount)
    let root = NodeID(seed % nodeCount)
    let tree = DominatorTree(graph, root: root, kinds: [.dependsOn])
    let all = Self.reachable(graph, root: root, removed: nil)
    #expect(tree.reachableCount == all.count)
    for node in 0..<NodeID(nodeCount) {
      #expect(tree.isReachable(node) == all.contains(node))
      guard all.contains(node), node != root else { continue }
      // Strict dominators: nodes whose removal disconnects `node` from the root.
      var expected: Set<NodeID> = [root]
      for candidate in all where candidate != node && candidate != root {
        if !Self.reachable(graph, root: root, removed: candidate).contains(node) {
          expected.insert(candidate)
        }
      }
      #expect(Set(tree.dominators(of: node)) == expected, "seed \(seed) node \(node)")
    }
    let sizes = tree.subtreeSizes()
    #expect(sizes[Int(root)] == all.count)
  }

  @Test("handles a long chain without recursion")
  func longChain() throws {
    let count = 200_000
    var builder = GraphBuilder(
      numberedNamesWithPrefix: "n", expectedNodes: count, expectedEdges: count)
    for _ in 0..<count { builder.addNode(kind: .component) }
    for index in 0..<(count - 1) {
      builder.addEdge(from: NodeID(index), to: NodeID(index + 1), kind: .dependsOn)
    }
    let graph = try builder.build()
    let tree = DominatorTree(graph, root: 0, kinds: [.dependsOn])
    #expect(tree.reachableCount == count)
    #expect(tree.immediateDominator[count - 1] == NodeID(count - 2))
  }
}
