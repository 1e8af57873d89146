import Testing
import X1601Analysis
import X1601Graph
import X1601TestSupport

@Suite("Strongly connected components")
struct ComponentTests {
  @Test("match mutual reachability on random graphs", arguments: 0..<300)
  func matchesNaive(seed: Int) {
    let nodeCount = 1 + seed % 16
    let graph = DominatorTreeTests.randomGraph(seed: UInt64(seed) &+ 5_000, nodeCount: nodeCount)
    let components = StronglyConnectedComponents(graph)
    var reach: [Set<NodeID>] = []
    for node in 0..<NodeID(nodeCount) {
      reach.append(DominatorTreeTests.reachable(graph, root: node, removed: nil))
    }
    for a in 0..<NodeID(nodeCount) {
      for b in 0..<NodeID(nodeCount) {
        let mutual = reach[Int(a)].contains(b) && reach[Int(b)].contains(a)
        #expect(
          (components.component[Int(a)] == components.component[Int(b)]) == mutual,
          "seed \(seed): \(a) and \(b)")
      }
    }
    // Successors lie in components numbered no higher (reverse topological order).
    for node in 0..<NodeID(nodeCount) {
      for next in graph.neighbors(of: node, .forward, kind: .dependsOn) {
        #expect(components.component[Int(next)] <= components.component[Int(node)])
      }
    }
    let expectedCycles = (0..<NodeID(nodeCount)).filter { node in
      graph.neighbors(of: node, .forward, kind: .dependsOn).contains(node)
        || (0..<NodeID(nodeCount)).contains { other in
          other != node && components.component[Int(other)] == components.component[Int(node)]
        }
    }
    #expect(components.cycles.flatMap { $0 }.sorted() == expectedCycles)
    #expect(Set(components.component).count == components.count)
  }

  @Test("numbering matches recursive Tarjan", arguments: 0..<200)
  func numberingMatchesTarjan(seed: Int) {
    let nodeCount = 1 + seed % 24
    let graph = DominatorTreeTests.randomGraph(seed: UInt64(seed) &+ 9_000, nodeCount: nodeCount)
    let components = StronglyConnectedComponents(graph)
    let expected = Self.recursiveTarjan(graph)
    #expect(components.component == expected.component, "seed \(seed)")
    #expect(components.count == expected.count, "seed \(seed)")
  }

  /// Textbook recursive Tarjan, starting from nodes in increasing id order and following edges
  /// in adjacency order, numbering components in the order it completes them.
  static func recursiveTarjan(_ graph: Graph) -> (component: [UInt32], count: Int) {
    let nodeCount = graph.nodeCount
    var index = [Int](repeating: -1, count: nodeCount)
    var low = [Int](repeating: 0, count: nodeCount)
    var onStack = [Bool](repeating: false, count: nodeCount)
    var component = [UInt32](repeating: 0, count: nodeCount)
    var stack: [NodeID] = []
    var nextIndex = 0
    var count = 0
    func visit(_ v: NodeID) {
      index[Int(v)] = nextIndex
      low[Int(v)] = nextIndex
      nextIndex += 1
      stack.append(v)
      onStack[Int(v)] = true
      for w in graph.neighbors(of: v, .forward, kind: .dependsOn) {
        if index[Int(w)] < 0 {
          visit(w)
          low[Int(v)] = min(low[Int(v)], low[Int(w)])
        } else if onStack[Int(w)] {
          low[Int(v)] = min(low[Int(v)], index[Int(w)])
        }
      }
      guard low[Int(v)] == index[Int(v)] else { return }
      while let w = stack.popLast() {
        onStack[Int(w)] = false
        component[Int(w)] = UInt32(count)
        if w == v { break }
      }
      count += 1
    }
    for node in 0..<NodeID(nodeCount) where index[Int(node)] < 0 {
      visit(node)
    }
    return (component, count)
  }

  @Test("long cycle without recursion")
  func longCycle() throws {
    let count = 200_000
    var builder = GraphBuilder(
      numberedNamesWithPrefix: "n", expectedNodes: count, expectedEdges: count)
    for _ in 0..<count { builder.addNode(kind: .component) }
    for index in 0..<count {
      builder.addEdge(from: NodeID(index), to: NodeID((index + 1) % count), kind: .dependsOn)
    }
    let components = StronglyConnectedComponents(try builder.build())
    #expect(components.count == 1)
    #expect(components.cycles.first?.count == count)
  }
}
