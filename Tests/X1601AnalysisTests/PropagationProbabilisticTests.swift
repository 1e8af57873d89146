import Testing
import X1601Analysis
import X1601Graph
import X1601TestSupport

@Suite("Probabilistic propagation")
struct PropagationProbabilisticTests {
  /// A random chain whose first ten links get random transmission probabilities; the others
  /// transmit with probability 1. A link is a pair of nodes: parallel edges of different kinds
  /// between the same two nodes share one probability and one draw.
  static func chain(seed: Int) -> (RandomChain, SupplyChain, pairs: [SupplyChain.Link], [Double]) {
    let random = RandomChain(
      seed: UInt64(seed) &+ 40_000, nodeCount: 3 + seed % 6, withGroups: seed % 3 == 0)
    var generator = SplitMix64(seed: UInt64(seed))
    let choices = [0.25, 0.5, 0.9, 1.0]
    var pairs: [SupplyChain.Link] = []
    for link in random.links {
      let pair = SupplyChain.Link(upstream: link.0, downstream: link.1)
      if !pairs.contains(pair) { pairs.append(pair) }
    }
    var probabilities: [Double] = []
    var transmission: [SupplyChain.Link: Double] = [:]
    for (index, pair) in pairs.enumerated() {
      let p = index < 10 ? choices[Int(generator.next() % 4)] : 1
      probabilities.append(p)
      transmission[pair] = p
    }
    let chain = SupplyChain(
      graph: random.chain.graph, implemented: random.chain.implemented,
      isAnyOfGroup: random.chain.isAnyOfGroup, transmission: transmission)
    return (random, chain, pairs, probabilities)
  }

  /// Exact probabilities by enumerating every subset of live links among the uncertain ones.
  static func enumerate(
    _ random: RandomChain, pairs: [SupplyChain.Link], probabilities: [Double]
  ) -> [Double] {
    let count = random.chain.graph.nodeCount
    var result = [Double](repeating: 0, count: count)
    let uncertain = min(10, pairs.count)
    for subset in 0..<(1 << uncertain) {
      var weight = 1.0
      var deadPairs = Set<SupplyChain.Link>()
      for index in 0..<uncertain {
        if subset & (1 << index) != 0 {
          weight *= probabilities[index]
        } else {
          weight *= 1 - probabilities[index]
          deadPairs.insert(pairs[index])
        }
      }
      guard weight > 0 else { continue }
      let isLive = random.links.map {
        !deadPairs.contains(SupplyChain.Link(upstream: $0.0, downstream: $0.1))
      }
      let reached = random.naivePropagation(maxDepth: nil, isLive: isLive).items
      for node in 0..<count where reached[node] != 0 { result[node] += weight }
    }
    return result
  }

  @Test("matches enumeration of live links", arguments: 0..<120)
  func matchesEnumeration(seed: Int) {
    let (random, chain, pairs, probabilities) = Self.chain(seed: seed)
    let expected = Self.enumerate(random, pairs: pairs, probabilities: probabilities)
    let options = PropagationOptions(
      origins: random.origins, addressing: random.addressing, rules: random.rules)
    let samples = 4_000
    let result = Propagation.runProbabilistic(
      chain, options, ProbabilisticOptions(samples: samples, seed: UInt64(seed)))
    for node in 0..<expected.count {
      let found = result.probability[node]
      switch result.method {
      case .exact:
        #expect(abs(found - expected[node]) < 1e-9, "seed \(seed) node \(node)")
      case .monteCarlo:
        let p = min(1, max(0, expected[node]))
        let tolerance = 5 * (p * (1 - p) / Double(samples)).squareRoot() + 0.005
        #expect(abs(found - p) <= tolerance, "seed \(seed) node \(node): \(found) vs \(p)")
        #expect(result.lower[node] <= found)
        #expect(found <= result.upper[node])
      }
    }
  }

  @Test("same seed gives the same estimate")
  func deterministicSeed() throws {
    // A diamond is not a polytree, so Monte Carlo runs.
    var builder = GraphBuilder()
    for name in ["root", "left", "right", "sink"] { builder.addNode(name, kind: .service) }
    builder.addEdge(from: "left", to: "root", kind: .dependsOn)
    builder.addEdge(from: "right", to: "root", kind: .dependsOn)
    builder.addEdge(from: "sink", to: "left", kind: .dependsOn)
    builder.addEdge(from: "sink", to: "right", kind: .dependsOn)
    let graph = try builder.build()
    var transmission: [SupplyChain.Link: Double] = [:]
    for node in 0..<NodeID(4) {
      for next in graph.neighbors(of: node, .reverse, kind: .dependsOn) {
        transmission[SupplyChain.Link(upstream: node, downstream: next)] = 0.5
      }
    }
    let chain = SupplyChain(graph: graph, transmission: transmission)
    let root = try #require(graph.node(named: "root"))
    let sink = try #require(graph.node(named: "sink"))
    let options = PropagationOptions(origins: [PropagationOrigin(node: root, items: 1 << 9)])
    let first = Propagation.runProbabilistic(chain, options, ProbabilisticOptions(seed: 3))
    let second = Propagation.runProbabilistic(
      chain, options, ProbabilisticOptions(seed: 3, threads: 1))
    #expect(first.method == .monteCarlo(samples: 10_000, seed: 3))
    #expect(first.probability == second.probability)
    // P(sink) = 1 - (1 - 0.25)^2 = 0.4375.
    #expect(abs(first.probability[Int(sink)] - 0.4375) < 0.03)
  }
}
