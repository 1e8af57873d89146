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
