import Foundation
import Testing
import X1601Graph
import X1601TestSupport

@testable import X1601Render

/// A generated supply chain: `partyCount` providers, then services and components, each
/// provided or supplied by party `index % partyCount` and depending on up to two earlier nodes.
func generatedChain(nodeCount: Int, partyCount: Int, seed: UInt64) throws -> Graph {
  var random = SplitMix64(seed: seed)
  var builder = GraphBuilder(
    numberedNamesWithPrefix: "n", expectedNodes: nodeCount, expectedEdges: nodeCount * 3)
  for _ in 0..<partyCount {
    builder.addNode(kind: .party, attributes: NodeAttributes(role: .provider))
  }
  for index in partyCount..<nodeCount {
    let isService = index % 3 != 0
    let node = builder.addNode(kind: isService ? .service : .component)
    let party = NodeID(index % partyCount)
    if isService {
      builder.addEdge(from: party, to: node, kind: .provides)
    } else {
      builder.addEdge(from: node, to: party, kind: .suppliedBy)
    }
    if index > partyCount + 2 {
      for _ in 0..<2 {
        let target = partyCount + Int(random.next() % UInt64(index - partyCount))
        builder.addEdge(from: node, to: NodeID(target), kind: .dependsOn)
      }
    }
  }
  return try builder.build()
}

@Suite("Chain summaries")
struct SummaryTests {
  @Test("top scores match a full sort")
  func topScoresMatchSort() {
    var random = SplitMix64(seed: 7)
    for capacity in [1, 3, 10] {
      var top = TopScores(capacity: capacity)
      var all: [(score: Double, node: NodeID)] = []
      for node in 0..<200 {
        let score = Double(random.next() % 20)
        top.offer(NodeID(node), score: score)
        all.append((score, NodeID(node)))
      }
      let expected = all.sorted {
        $0.score > $1.score || ($0.score == $1.score && $0.node < $1.node)
      }
      .prefix(capacity).map(\.node)
      #expect(top.sortedNodes() == Array(expected))
    }
  }

  @Test("small chain is drawn whole")
  func smallChainWhole() throws {
    let graph = try generatedChain(nodeCount: 60, partyCount: 4, seed: 1)
    let picture = try ChainView.graph(graph)
    #expect(picture.body.nodeCountIncludingSubgraphs == 56 + 1)
  }

  @Test("over budget collapses by party and kind")
  func collapsesOverBudget() throws {
    let graph = try generatedChain(nodeCount: 2000, partyCount: 10, seed: 2)
    let picture = try ChainView.graph(graph, options: ChainViewOptions(nodeBudget: 50))
    // 10 parties, each with a service group and a component group, plus the legend.
    #expect(picture.body.nodeCountIncludingSubgraphs == 21)
    #expect(picture.body.subgraphs.count == 10)
  }

  @Test("too many parties falls back to top scores")
  func fallsBackToTopScores() throws {
    let graph = try generatedChain(nodeCount: 2000, partyCount: 200, seed: 3)
    let picture = try ChainView.graph(graph, options: ChainViewOptions(nodeBudget: 40))
    #expect(picture.body.nodeCountIncludingSubgraphs == 41)
  }

  @Test("neighbourhood keeps nearest nodes")
  func neighborhood() throws {
    let graph = try generatedChain(nodeCount: 500, partyCount: 5, seed: 4)
    let focus = NodeID(250)
    let picture = try ChainView.graph(
      graph,
      options: ChainViewOptions(summary: .neighborhood(focus: focus, depth: 1), nodeBudget: 100))
    let drawn = Set(picture.body.subgraphs.flatMap(\.nodes).map(\.id))
    var expected: Set<String> = [ChainView.dotID(focus)]
    for direction in [Graph.Direction.forward, .reverse] {
      for neighbor in graph.neighbors(of: focus, direction, kind: .dependsOn) {
        expected.insert(ChainView.dotID(neighbor))
      }
    }
    #expect(drawn == expected)
  }

  /// The size of the scale test: 100,000 nodes by default so that a debug build finishes in
  /// seconds. Run `X1601_RENDER_SCALE_NODES=1000000 swift test -c release --filter
  /// SummaryTests` to check a million nodes against the 10-second limit.
  static let scaleNodeCount =
    ProcessInfo.processInfo.environment["X1601_RENDER_SCALE_NODES"].flatMap { Int($0) }
    ?? 100_000

  @Test("large chain summarises quickly", .timeLimit(.minutes(2)))
  func largeChain() throws {
    let graph = try generatedChain(nodeCount: Self.scaleNodeCount, partyCount: 100, seed: 5)
    let clock = ContinuousClock()
    var picture = DOTGraph(id: "")
    let elapsed = try clock.measure {
      picture = try ChainView.graph(graph)
      _ = try GraphvizRenderer.render(picture, format: .svg)
    }
    #expect(picture.body.nodeCountIncludingSubgraphs <= defaultNodeBudget + 1)
    #expect(picture.body.edges.count <= defaultNodeBudget * maximumLinksPerNode)
    // Wall-clock limits are only checked in the explicit scale run, because debug builds on a
    // shared machine vary too much.
    if ProcessInfo.processInfo.environment["X1601_RENDER_SCALE_NODES"] != nil {
      #expect(elapsed < .seconds(10), "summarising and rendering took \(elapsed)")
    }
  }
}
