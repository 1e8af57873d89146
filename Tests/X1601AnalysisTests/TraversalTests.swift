import Testing
import X1601Analysis
import X1601Graph
import X1601TestSupport

/// A seeded random typed graph whose nodes are mostly services and components, so that
/// dependency chains make deep searches, with parties, threats and capabilities for the other
/// edge kinds.
private func randomGraph(seed: UInt64, nodeCount: Int, edgeCount: Int) throws -> Graph {
  var random = SplitMix64(seed: seed)
  let choices: [NodeKind] = [
    .service, .service, .component, .component, .component, .party, .threat, .capability,
  ]
  var kinds: [NodeKind] = []
  var builder = GraphBuilder(numberedNamesWithPrefix: "n", expectedNodes: nodeCount)
  for _ in 0..<nodeCount {
    let kind = choices.randomElement(using: &random)!
    kinds.append(kind)
    builder.addNode(kind: kind)
  }
  guard nodeCount > 0 else { return try builder.build() }
  for _ in 0..<edgeCount {
    let source = UInt32.random(in: 0..<UInt32(nodeCount), using: &random)
    // Skewed targets give some hubs, as real dependency graphs have.
    let bound = random.next() % 3 == 0 ? min(nodeCount, 8) : nodeCount
    let target = UInt32.random(in: 0..<UInt32(bound), using: &random)
    let allowed = EdgeKind.allCases.filter {
      $0.allows(from: kinds[Int(source)], to: kinds[Int(target)])
    }
    if let kind = allowed.randomElement(using: &random) {
      builder.addEdge(from: source, to: target, kind: kind)
    }
  }
  return try builder.build()
}

/// Breadth-first search with a plain array queue and the graph's edge slices.
private func naiveDepths(
  _ graph: Graph, sources: [NodeID], direction: Graph.Direction, kinds: Set<EdgeKind>?
) -> [UInt32] {
  var depths = [UInt32](repeating: BreadthFirstSearch.Result.unreached, count: graph.nodeCount)
  var queue: [NodeID] = []
  for source in sources where depths[Int(source)] == BreadthFirstSearch.Result.unreached {
    depths[Int(source)] = 0
    queue.append(source)
  }
  var index = 0
  while index < queue.count {
    let node = queue[index]
    index += 1
    for (neighbor, kind) in graph.edges(of: node, direction) {
      if let kinds, !kinds.contains(kind) { continue }
      if depths[Int(neighbor)] == BreadthFirstSearch.Result.unreached {
        depths[Int(neighbor)] = depths[Int(node)] + 1
        queue.append(neighbor)
      }
    }
  }
  return depths
}

@Suite("Breadth-first search")
struct TraversalTests {
  @Test("Strategies match naive search", arguments: 0..<300)
  func strategiesMatchNaive(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed) &* 0x9E37)
    let nodeCount = Int(random.next() % 200)
    let edgeCount = Int(random.next() % UInt64(4 * nodeCount + 1))
    let graph = try randomGraph(seed: UInt64(seed), nodeCount: nodeCount, edgeCount: edgeCount)
    let sources: [NodeID] =
      nodeCount == 0
      ? [] : (0..<(1 + seed % 3)).map { _ in NodeID(random.next() % UInt64(nodeCount)) }
    let direction: Graph.Direction = seed % 2 == 0 ? .forward : .reverse
    let kinds: Set<EdgeKind>? =
      seed % 4 == 3 ? Set(EdgeKind.allCases.filter { _ in random.next() % 2 == 0 }) : nil
    // Small alpha and beta force bottom-up steps even on small graphs.
    let heuristics = [
      BreadthFirstSearch.Heuristics(), BreadthFirstSearch.Heuristics(alpha: 1, beta: 1),
      BreadthFirstSearch.Heuristics(alpha: 2, beta: 100),
    ][seed % 3]

    let expected = naiveDepths(graph, sources: sources, direction: direction, kinds: kinds)
    for strategy in BreadthFirstSearch.Strategy.allCases {
      let result = BreadthFirstSearch.run(
        on: graph, from: sources, direction: direction, kinds: kinds, strategy: strategy,
        heuristics: heuristics)
      #expect(result.depths == expected, "strategy \(strategy)")
      let reached = expected.filter { $0 != BreadthFirstSearch.Result.unreached }
      #expect(result.reachedCount == reached.count, "strategy \(strategy)")
      #expect(result.levelCount == (reached.max().map { Int($0) + 1 } ?? 0), "strategy \(strategy)")
    }
  }

  @Test("Parallel steps on large frontiers", arguments: 0..<4)
  func parallelOnLargeFrontiers(seed: Int) throws {
    // Large enough that top-down frontiers pass 256 nodes and bottom-up steps split the nodes.
    let graph = try randomGraph(seed: UInt64(1000 + seed), nodeCount: 20_000, edgeCount: 80_000)
    let sources: [NodeID] = [0, 1, NodeID(seed * 17)]
    let kinds: Set<EdgeKind>? = seed == 3 ? [.dependsOn, .suppliedBy, .provides] : nil
    let expected = naiveDepths(graph, sources: sources, direction: .reverse, kinds: kinds)
    for heuristics in [
      BreadthFirstSearch.Heuristics(), BreadthFirstSearch.Heuristics(alpha: 1, beta: 1),
    ] {
      let result = BreadthFirstSearch.run(
        on: graph, from: sources, direction: .reverse, kinds: kinds, strategy: .parallel,
        heuristics: heuristics)
      #expect(result.depths == expected)
    }
  }

  @Test("Depth accessors")
  func depthAccessors() throws {
    var builder = GraphBuilder()
    let a = builder.addNode("a", kind: .service)
    let b = builder.addNode("b", kind: .service)
    let c = builder.addNode("c", kind: .component)
    let lone = builder.addNode("lone", kind: .component)
    builder.addEdge(from: a, to: b, kind: .dependsOn)
    builder.addEdge(from: b, to: c, kind: .dependsOn)
    let graph = try builder.build()
    let result = BreadthFirstSearch.run(on: graph, from: [c], direction: .reverse)
    #expect(result.depth(of: a) == 2)
    #expect(result.depth(of: c) == 0)
    #expect(result.depth(of: lone) == nil)
    #expect(!result.isReached(lone))
    #expect(result.reachedCount == 3)
    #expect(result.levelCount == 3)
  }
}
