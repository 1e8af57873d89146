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

  // Enough edges into reachable nodes for the predecessor numbers to be gathered on all
  // processors. The iterative data-flow algorithm of Cooper, Harvey and Kennedy checks it.
  @Test("large graph matches iterative data flow", arguments: 0..<2)
  func largeGraph(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed) &+ 7_000)
    let nodeCount = 6_000
    var builder = GraphBuilder(
      numberedNamesWithPrefix: "n", expectedNodes: nodeCount, expectedEdges: 80_000)
    for _ in 0..<nodeCount { builder.addNode(kind: .component) }
    // A sparse chain keeps long dominator paths; random edges, half of them from a few hubs,
    // add the rest.
    for index in 0..<(nodeCount - 1) where random.next() % 3 != 0 {
      builder.addEdge(from: NodeID(index), to: NodeID(index + 1), kind: .dependsOn)
    }
    for _ in 0..<75_000 {
      let from =
        random.next() % 2 == 0
        ? NodeID(random.next() % 16) : NodeID(random.next() % UInt64(nodeCount))
      let to = NodeID(random.next() % UInt64(nodeCount))
      builder.addEdge(from: from, to: to, kind: .dependsOn)
    }
    let graph = try builder.build()
    #expect(graph.edgeCount >= 1 << 16)
    let tree = DominatorTree(graph, root: 0, kinds: [.dependsOn])
    #expect(tree.reachableCount > nodeCount * 9 / 10)
    #expect(tree.immediateDominator == Self.iterativeDominators(graph, root: 0))
  }

  /// Immediate dominators by the iterative data-flow algorithm over reverse postorder, with
  /// `DominatorTree.unreachable` for nodes the root does not reach.
  static func iterativeDominators(_ graph: Graph, root: NodeID) -> [NodeID] {
    let nodeCount = graph.nodeCount
    var postorder: [NodeID] = []
    var visited = [Bool](repeating: false, count: nodeCount)
    var stack: [(node: NodeID, next: Int)] = [(root, 0)]
    visited[Int(root)] = true
    while let top = stack.last {
      let successors = graph.neighbors(of: top.node, .forward, kind: .dependsOn)
      if top.next < successors.count {
        stack[stack.count - 1].next += 1
        let successor = successors[successors.startIndex + top.next]
        if !visited[Int(successor)] {
          visited[Int(successor)] = true
          stack.append((successor, 0))
        }
      } else {
        postorder.append(top.node)
        stack.removeLast()
      }
    }
    var rank = [Int](repeating: -1, count: nodeCount)
    for (index, node) in postorder.enumerated() { rank[Int(node)] = index }
    var idom = [NodeID](repeating: DominatorTree.unreachable, count: nodeCount)
    idom[Int(root)] = root
    func intersect(_ a: NodeID, _ b: NodeID) -> NodeID {
      var a = a
      var b = b
      while a != b {
        while rank[Int(a)] < rank[Int(b)] { a = idom[Int(a)] }
        while rank[Int(b)] < rank[Int(a)] { b = idom[Int(b)] }
      }
      return a
    }
    var changed = true
    while changed {
      changed = false
      for node in postorder.reversed() where node != root {
        var candidate: NodeID?
        for predecessor in graph.neighbors(of: node, .reverse, kind: .dependsOn)
        where idom[Int(predecessor)] != DominatorTree.unreachable {
          candidate = candidate.map { intersect(predecessor, $0) } ?? predecessor
        }
        if let candidate, idom[Int(node)] != candidate {
          idom[Int(node)] = candidate
          changed = true
        }
      }
    }
    return idom
  }
}
