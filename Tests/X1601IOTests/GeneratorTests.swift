import Foundation
import Testing
import X1601Analysis
import X1601Graph
import X1601TestSupport

@testable import X1601IO

/// The XXH64 digest of a graph's node kinds and both adjacency directions.
private func digest(_ graph: Graph) -> UInt64 {
  var parts: [UInt64] = []
  graph.withNodeKinds { parts.append(XXHash64.hash(UnsafeRawBufferPointer($0))) }
  for direction in [Graph.Direction.forward, .reverse] {
    graph.withAdjacency(direction) { adjacency in
      parts.append(XXHash64.hash(UnsafeRawBufferPointer(adjacency.offsets)))
      parts.append(XXHash64.hash(UnsafeRawBufferPointer(adjacency.entries)))
    }
  }
  return parts.withUnsafeBytes { XXHash64.hash($0) }
}

private func fileDigest(_ path: String) throws -> UInt64 {
  XXHash64.hash(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
}

@Suite("Graph generators")
struct GeneratorTests {
  // MARK: - Cloud generator

  @Test("Cloud graph is deterministic for a seed")
  func cloudDeterministic() throws {
    let parameters = CloudGenerator.Parameters(seed: 42, targetEdges: 20_000)
    let first = try CloudGenerator(parameters).makeGraph(parallel: true)
    let second = try CloudGenerator(parameters).makeGraph(parallel: false)
    #expect(digest(first) == digest(second))
    let other = try CloudGenerator(.init(seed: 43, targetEdges: 20_000)).makeGraph()
    #expect(digest(first) != digest(other))

    // The streamed edge list is the same graph, byte for byte across runs.
    let path = temporaryPath("cloud.txt")
    try CloudGenerator(parameters).writeEdgeList(to: path)
    let again = temporaryPath("cloud-again.txt")
    try CloudGenerator(parameters).writeEdgeList(to: again)
    #expect(try fileDigest(path) == fileDigest(again))
    // The digest of this output; a change to the generator's drawing changes it, so update
    // this value only on purpose: graphs published with a seed then change. The cloud
    // generator calls the C library's pow, so another libm may give another digest.
    let outputDigest = try fileDigest(path)
    #expect(outputDigest == 12_402_594_979_993_699_076, "digest \(outputDigest)")
    let loaded = try EdgeListReader.load(path: path)
    #expect(digest(loaded) == digest(first))
  }

  @Test("Cloud graph passes full validation")
  func cloudValid() throws {
    var parameters = CloudGenerator.Parameters(seed: 7, targetEdges: 30_000)
    parameters.cycleRate = 0.05
    let graph = try CloudGenerator(parameters).makeGraph()
    let path = temporaryPath("cloud.x1601")
    try BinaryGraphWriter.write(graph, to: path)
    let loaded = try BinaryGraphReader.load(path: path, verification: .full)
    #expect(digest(loaded) == digest(graph))
    #expect(loaded.jurisdictions.count == parameters.regionCount)
  }

  @Test("Cloud graph meets the edge target")
  func cloudEdgeTarget() throws {
    for target in [1_000, 50_000] {
      let graph = try CloudGenerator(.init(seed: 3, targetEdges: target)).makeGraph()
      let ratio = Double(graph.edgeCount) / Double(target)
      #expect(ratio > 0.85, "target \(target): \(graph.edgeCount) edges")
      #expect(ratio < 1.15, "target \(target): \(graph.edgeCount) edges")
    }
  }

  @Test("Cloud tiers follow the layout")
  func cloudTiers() throws {
    let generator = CloudGenerator(.init(seed: 5, targetEdges: 40_000))
    let graph = try generator.makeGraph()
    let layout = generator.layout
    let counts = graph.nodeCountsByKind
    #expect(counts[Int(NodeKind.threat.rawValue)] == 5)
    #expect(counts[Int(NodeKind.challenge.rawValue)] == 21)
    #expect(counts[Int(NodeKind.capability.rawValue)] == 14)
    #expect(counts[Int(NodeKind.party.rawValue)] == layout.parties.map(\.count).reduce(0, +))
    #expect(counts[Int(NodeKind.component.rawValue)] == layout.assets[3].count)

    // Every service is provided by exactly one party of its own tier.
    for tier in CloudGenerator.Tier.allCases where tier != .partner {
      for asset in layout.assets[tier.rawValue] {
        let providers = Array(graph.neighbors(of: NodeID(asset), .reverse, kind: .provides))
        #expect(providers.count == 1)
        #expect(providers.allSatisfy { layout.parties[tier.rawValue].contains(Int($0)) })
      }
    }
    // Roles match tiers.
    for tier in CloudGenerator.Tier.allCases {
      let party = NodeID(layout.parties[tier.rawValue].lowerBound)
      let expected: PartyRole
      switch tier {
      case .partner: expected = .partner
      case .customer: expected = .customer
      default: expected = .provider
      }
      #expect(graph.attributes(of: party).role == expected)
    }
    // Without cycles, dependencies point to lower tiers or older nodes: a topological order
    // exists.
    #expect(dependencyCycleExists(graph) == false)
  }

  @Test("Cycle rate makes dependency cycles")
  func cloudCycles() throws {
    var parameters = CloudGenerator.Parameters(seed: 5, targetEdges: 40_000)
    parameters.cycleRate = 0.2
    let graph = try CloudGenerator(parameters).makeGraph()
    #expect(dependencyCycleExists(graph))
  }

  @Test("Cloud degrees follow the parameters")
  func cloudDegrees() throws {
    var parameters = CloudGenerator.Parameters(seed: 11, targetEdges: 300_000)
    parameters.degreeExponent = 2.5
    let generator = CloudGenerator(parameters)
    let graph = try generator.makeGraph()
    let layout = generator.layout

    for tier in CloudGenerator.Tier.allCases {
      let assets = layout.assets[tier.rawValue]
      var dependencies = 0
      var implementations = 0
      for asset in assets {
        dependencies += graph.neighbors(of: NodeID(asset), .forward, kind: .dependsOn).count
        implementations += graph.neighbors(of: NodeID(asset), .forward, kind: .implements).count
      }
      let meanDependencies = Double(dependencies) / Double(assets.count)
      let expectedMean = parameters.meanDependencies[tier.rawValue]
      // A node can depend on no more older nodes of its own tier than exist, so tiers that
      // draw from their older nodes fall short in proportion to that share of their draws
      // (all of them for infrastructure).
      let olderShare = olderOnlyShare(generator, tier)
      #expect(
        abs(meanDependencies - expectedMean) <= (0.06 + 0.12 * olderShare) * expectedMean,
        "\(tier.name): mean dependencies \(meanDependencies), expected \(expectedMean)")
      let rate = Double(implementations) / Double(assets.count * 14)
      let expectedRate = parameters.implementationRates[tier.rawValue]
      #expect(
        abs(rate - expectedRate) <= 0.05 * expectedRate,
        "\(tier.name): implementation rate \(rate), expected \(expectedRate)")
    }

    // In-degrees of software services: the share of dependencies received by the top 10 % of
    // ranks matches the rank law, and the tail is heavy.
    let software = layout.assets[CloudGenerator.Tier.software.rawValue]
    let inDegrees = software.map {
      graph.neighbors(of: NodeID($0), .reverse, kind: .dependsOn).count
    }
    let total = inDegrees.reduce(0, +)
    let top = inDegrees.prefix(software.count / 10).reduce(0, +)
    let expectedShare = RankSampler(count: software.count, beta: 1 / 1.5)
      .share(below: software.count / 10)
    #expect(
      abs(Double(top) / Double(total) - expectedShare) < 0.04,
      "top 10 % share \(Double(top) / Double(total)), expected \(expectedShare)")
    let mean = Double(total) / Double(software.count)
    #expect(Double(inDegrees.max() ?? 0) > 20 * mean)
  }

  @Test("Rank sampler matches its distribution")
  func rankSampler() {
    let sampler = RankSampler(count: 10_000, beta: 0.5)
    var random = CounterRandom(seed: 9, stream: 0, index: 0)
    var below = [0, 0, 0]
    let limits = [10, 100, 1_000]
    let draws = 200_000
    for _ in 0..<draws {
      let rank = sampler.rank(random.unit())
      #expect(rank >= 0)
      #expect(rank < 10_000)
      for (index, limit) in limits.enumerated() where rank < limit { below[index] += 1 }
    }
    for (index, limit) in limits.enumerated() {
      let share = Double(below[index]) / Double(draws)
      #expect(abs(share - sampler.share(below: limit)) < 0.01, "below \(limit): \(share)")
    }
  }

  @Test("Invalid parameters are described")
  func invalidParameters() {
    var parameters = CloudGenerator.Parameters()
    #expect(parameters.problem == nil)
    parameters.degreeExponent = 1.5
    #expect(parameters.problem?.contains("degree exponent") == true)
    parameters = CloudGenerator.Parameters()
    parameters.meanDependencies = [1, 2]
    #expect(parameters.problem?.contains("one per tier") == true)
    parameters = CloudGenerator.Parameters()
    parameters.cycleRate = 2
    #expect(parameters.problem?.contains("between 0 and 1") == true)
  }

  // MARK: - R-MAT

  @Test("R-MAT graph is deterministic and matches its edge list")
  func rmatDeterministic() throws {
    let generator = RMATGenerator(scale: 10, edgeFactor: 8, seed: 2)
    let parallel = try generator.makeGraph(parallel: true)
    let single = try generator.makeGraph(parallel: false)
    #expect(digest(parallel) == digest(single))
    #expect(parallel.nodeCount == 1024)
    #expect(parallel.edgeCount <= 8 * 1024)
    #expect(parallel.edgeCount > 6 * 1024)

    let path = temporaryPath("rmat.txt")
    try generator.writeEdgeList(to: path)
    let outputDigest = try fileDigest(path)
    #expect(outputDigest == 15_460_782_802_920_046_668, "digest \(outputDigest)")
    let loaded = try EdgeListReader.load(path: path)
    #expect(digest(loaded) == digest(parallel))

    let other = try RMATGenerator(scale: 10, edgeFactor: 8, seed: 3).makeGraph()
    #expect(digest(other) != digest(parallel))
  }

  @Test("Large R-MAT build matches naive edges")
  func rmatLargeBuild() throws {
    // Over 2^16 edges, so that construction sorts and transposes on several processors.
    let generator = RMATGenerator(scale: 12, edgeFactor: 24, seed: 6)
    let graph = try generator.makeGraph()
    #expect(graph.edgeCount > 1 << 16)
    var pairs: [UInt64] = []
    generator.forEachEdge { pairs.append(UInt64($0) << 32 | UInt64($1)) }
    let expected = Array(Set(pairs)).sorted()
    var actual: [UInt64] = []
    actual.reserveCapacity(expected.count)
    graph.withAdjacency(.forward) { adjacency in
      for source in 0..<adjacency.nodeCount {
        for index in adjacency.range(of: NodeID(source)) {
          actual.append(UInt64(source) << 32 | UInt64(Adjacency.node(adjacency.entries[index])))
        }
      }
    }
    #expect(actual == expected)
    let path = temporaryPath("large.x1601")
    try BinaryGraphWriter.write(graph, to: path)
    // Full verification checks that every slice is sorted and that reverse is the exact
    // transpose of forward.
    _ = try BinaryGraphReader.load(path: path, verification: .full)
  }

  @Test("Symmetric R-MAT stores both directions")
  func rmatSymmetric() throws {
    let graph = try RMATGenerator(scale: 9, edgeFactor: 4, seed: 1, symmetric: true).makeGraph()
    let forward = graph.withAdjacency(.forward) { (Array($0.offsets), Array($0.entries)) }
    let reverse = graph.withAdjacency(.reverse) { (Array($0.offsets), Array($0.entries)) }
    #expect(forward.0 == reverse.0)
    #expect(forward.1 == reverse.1)
  }

  @Test("R-MAT degrees are skewed as the parameters set")
  func rmatSkew() throws {
    // With a = 0.57 and b = c = 0.19, a source bit is 0 with probability a + b = 0.76 at each
    // level, so the expected number of 1 bits in a source id is 0.24 × scale before
    // scrambling. Unscrambled ids are not exposed, so check the degree skew instead: the top
    // 1 % of nodes hold far more than 1 % of the edges.
    let generator = RMATGenerator(scale: 14, edgeFactor: 16, seed: 4)
    let graph = try generator.makeGraph()
    let degrees = (0..<graph.nodeCount).map { graph.degree(of: NodeID($0), .forward) }
      .sorted(by: >)
    let top = degrees.prefix(graph.nodeCount / 100).reduce(0, +)
    let share = Double(top) / Double(graph.edgeCount)
    #expect(share > 0.15, "top 1 % share \(share)")
    #expect(share < 0.5, "top 1 % share \(share)")
    // The uniform Erdős–Rényi share would be about 2 %.
  }
}

/// The share of a tier's dependency draws that must name older nodes of the tier.
private func olderOnlyShare(_ generator: CloudGenerator, _ tier: CloudGenerator.Tier) -> Double {
  var previous = 0.0
  var share = 0.0
  for target in generator.samplers.dependencyTargets[tier.rawValue] {
    if target.olderOnly { share += target.cumulative - previous }
    previous = target.cumulative
  }
  return share
}

/// Whether the dependency edges contain a cycle, by Kahn's algorithm.
private func dependencyCycleExists(_ graph: Graph) -> Bool {
  var remaining = (0..<graph.nodeCount).map {
    graph.neighbors(of: NodeID($0), .forward, kind: .dependsOn).count
  }
  var ready = (0..<graph.nodeCount).filter { remaining[$0] == 0 }.map { NodeID($0) }
  var removed = 0
  while let node = ready.popLast() {
    removed += 1
    for dependent in graph.neighbors(of: node, .reverse, kind: .dependsOn) {
      remaining[Int(dependent)] -= 1
      if remaining[Int(dependent)] == 0 { ready.append(dependent) }
    }
  }
  return removed < graph.nodeCount
}
