import Testing
import X1601TestSupport

@testable import X1601Graph

/// A random typed graph kept both as a builder input and as naive adjacency lists.
struct RandomTypedGraph {
  var kinds: [NodeKind] = []
  var edges: [(UInt32, UInt32, EdgeKind)] = []

  init(seed: UInt64, nodeCount: Int, edgeAttempts: Int) {
    var random = SplitMix64(seed: seed)
    for _ in 0..<nodeCount {
      kinds.append(NodeKind.allCases.randomElement(using: &random)!)
    }
    guard nodeCount > 0 else { return }
    for _ in 0..<edgeAttempts {
      let source = UInt32.random(in: 0..<UInt32(nodeCount), using: &random)
      let target = UInt32.random(in: 0..<UInt32(nodeCount), using: &random)
      let allowed = EdgeKind.allCases.filter {
        $0.allows(from: kinds[Int(source)], to: kinds[Int(target)])
      }
      if let kind = allowed.randomElement(using: &random) {
        edges.append((source, target, kind))
        // Repeat some edges to exercise duplicate removal.
        if random.next() % 7 == 0 { edges.append((source, target, kind)) }
      }
    }
  }

  func build() throws -> Graph {
    var builder = GraphBuilder()
    for (index, kind) in kinds.enumerated() {
      builder.addNode("node-\(index)", kind: kind)
    }
    for (source, target, kind) in edges {
      builder.addEdge(from: source, to: target, kind: kind)
    }
    return try builder.build()
  }

  /// Sorted, distinct (neighbour, kind) pairs per node in one direction.
  func naiveAdjacency(_ direction: Graph.Direction) -> [[(UInt32, EdgeKind)]] {
    var lists = [Set<UInt64>](repeating: [], count: kinds.count)
    for (source, target, kind) in edges {
      let (from, to) = direction == .forward ? (source, target) : (target, source)
      lists[Int(from)].insert(UInt64(kind.rawValue) << 32 | UInt64(to))
    }
    return lists.map { set in
      set.sorted().map { (UInt32(truncatingIfNeeded: $0), EdgeKind(rawValue: UInt8($0 >> 32))!) }
    }
  }
}

@Suite("Graph builder")
struct GraphBuilderTests {
  @Test("Adjacency matches naive lists", arguments: 0..<200)
  func adjacencyMatchesNaive(seed: Int) throws {
    let nodeCount = seed % 40
    let model = RandomTypedGraph(
      seed: UInt64(seed), nodeCount: nodeCount, edgeAttempts: nodeCount * (seed % 5 + 1))
    let graph = try model.build()
    #expect(graph.nodeCount == nodeCount)

    for direction in [Graph.Direction.forward, .reverse] {
      let naive = model.naiveAdjacency(direction)
      for node in 0..<nodeCount {
        let actual = graph.edges(of: NodeID(node), direction).map { ($0.node, $0.kind) }
        #expect(actual.map(\.0) == naive[node].map(\.0), "neighbours of node \(node) \(direction)")
        #expect(actual.map(\.1) == naive[node].map(\.1), "kinds of node \(node) \(direction)")
        for kind in EdgeKind.allCases {
          let expected = naive[node].filter { $0.1 == kind }.map(\.0)
          #expect(Array(graph.neighbors(of: NodeID(node), direction, kind: kind)) == expected)
        }
      }
    }
    #expect(graph.edgeCount == model.naiveAdjacency(.forward).reduce(0) { $0 + $1.count })
  }

  @Test("Offsets monotone and reverse is transpose", arguments: 0..<50)
  func invariants(seed: Int) throws {
    let model = RandomTypedGraph(seed: UInt64(1000 + seed), nodeCount: 60, edgeAttempts: 400)
    let graph = try model.build()
    for direction in [Graph.Direction.forward, .reverse] {
      graph.withAdjacency(direction) { adjacency in
        #expect(adjacency.offsets.count == graph.nodeCount + 1)
        #expect(adjacency.offsets.first == 0)
        #expect(Int(adjacency.offsets.last!) == graph.edgeCount)
        for node in 0..<graph.nodeCount {
          #expect(adjacency.offsets[node] <= adjacency.offsets[node + 1])
        }
      }
    }
    var forwardPairs: [UInt64] = []
    var reversePairs: [UInt64] = []
    for node in 0..<NodeID(graph.nodeCount) {
      for edge in graph.edges(of: node, .forward) {
        forwardPairs.append(
          UInt64(edge.kind.rawValue) << 56 | UInt64(node) << 28 | UInt64(edge.node))
      }
      for edge in graph.edges(of: node, .reverse) {
        reversePairs.append(
          UInt64(edge.kind.rawValue) << 56 | UInt64(edge.node) << 28 | UInt64(node))
      }
    }
    #expect(forwardPairs.sorted() == reversePairs.sorted())
  }

  @Test("Every problem reported at once")
  func reportsAllProblems() {
    var builder = GraphBuilder()
    builder.addNode("acme", kind: .party, attributes: NodeAttributes(role: .provider))
    builder.addNode("storage", kind: .service)
    builder.addNode("storage", kind: .service)
    builder.addNode("7.1.1", kind: .threat)
    builder.addEdge(from: "acme", to: "storage", kind: .provides)
    builder.addEdge(from: "storage", to: "missing", kind: .dependsOn)
    builder.addEdge(from: "acme", to: "7.1.1", kind: .dependsOn)
    builder.addEdge(from: "ghost", to: "storage", kind: .provides)
    #expect(throws: GraphBuildError.self) { try builder.build() }
    do {
      _ = try builder.build()
    } catch {
      #expect(error.totalCount == 4)
      #expect(error.problems.contains(.duplicateName("storage")))
      #expect(
        error.problems.contains(
          .unknownEndpoint(name: "missing", edgeKind: .dependsOn, from: "storage", to: "missing")))
      #expect(
        error.problems.contains(
          .unknownEndpoint(name: "ghost", edgeKind: .provides, from: "ghost", to: "storage")))
      #expect(
        error.problems.contains(
          .edgeKindNotAllowed(
            edgeKind: .dependsOn, from: "acme", fromKind: .party, to: "7.1.1", toKind: .threat)))
      #expect(error.description.contains("depends-on edge \"acme\" (party)"))
    }
  }

  @Test("Out-of-range id reported")
  func outOfRangeID() {
    var builder = GraphBuilder()
    builder.addNode("a", kind: .service)
    builder.addEdge(from: 0, to: 5, kind: .dependsOn)
    #expect(throws: GraphBuildError(problems: [.nodeIDOutOfRange(id: 5, nodeCount: 1)])) {
      try builder.build()
    }
  }

  @Test("Names and attributes round trip")
  func namesAndAttributes() throws {
    var builder = GraphBuilder()
    let attributes = [
      NodeAttributes(role: .customer, jurisdiction: "DE"),
      NodeAttributes(category: .saas, deployment: .hybrid),
      NodeAttributes(role: .partner, category: .caas, deployment: .community, jurisdiction: "US"),
      NodeAttributes(),
      NodeAttributes(jurisdiction: "DE"),
    ]
    let names = ["customer", "app \"quoted\"", "ünïcode-partner", "", "x"]
    for (name, attributes) in zip(names, attributes) {
      builder.addNode(name, kind: .party, attributes: attributes)
    }
    let graph = try builder.build()
    for (index, name) in names.enumerated() {
      #expect(graph.name(of: NodeID(index)) == name)
      #expect(graph.node(named: name) == NodeID(index))
      #expect(graph.attributes(of: NodeID(index)) == attributes[index])
    }
    #expect(graph.node(named: "absent") == nil)
    #expect(graph.jurisdictions == ["DE", "US"])
  }

  @Test("Many names stay findable")
  func manyNames() throws {
    var builder = GraphBuilder()
    for index in 0..<20_000 {
      builder.addNode("service-\(index)", kind: .service)
    }
    let graph = try builder.build()
    for index in stride(from: 0, to: 20_000, by: 97) {
      #expect(graph.node(named: "service-\(index)") == NodeID(index))
    }
    #expect(graph.node(named: "service-20000") == nil)
  }

  @Test("Numbered names")
  func numberedNames() throws {
    var builder = GraphBuilder(numberedNamesWithPrefix: "n")
    for _ in 0..<12 { builder.addNode(kind: .service) }
    builder.addEdge(from: 3, to: 11, kind: .dependsOn)
    let graph = try builder.build()
    #expect(graph.name(of: 11) == "n11")
    #expect(graph.node(named: "n11") == 11)
    #expect(graph.node(named: "n12") == nil)
    #expect(graph.node(named: "n011") == nil)
    #expect(graph.node(named: "m1") == nil)
    #expect(Array(graph.neighbors(of: 11, .reverse, kind: .dependsOn)) == [3])
  }

  @Test("Duplicates kept when asked")
  func keepsDuplicates() throws {
    var builder = GraphBuilder()
    builder.deduplicatesEdges = false
    builder.addNode("a", kind: .service)
    builder.addNode("b", kind: .service)
    builder.addEdge(from: 0, to: 1, kind: .dependsOn)
    builder.addEdge(from: 0, to: 1, kind: .dependsOn)
    let graph = try builder.build()
    #expect(graph.edgeCount == 2)
    #expect(graph.degree(of: 1, .reverse) == 2)
  }

  @Test("Empty graph")
  func emptyGraph() throws {
    let graph = try GraphBuilder().build()
    #expect(graph.nodeCount == 0)
    #expect(graph.edgeCount == 0)
  }
}
