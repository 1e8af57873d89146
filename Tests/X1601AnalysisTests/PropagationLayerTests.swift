import Testing
import X1601Graph
import X1601TestSupport

@testable import X1601Analysis

/// The layer directions and thread counts of the deterministic engine, compared with each other
/// and with the naive synchronous rounds.
@Suite("Propagation layers")
struct PropagationLayerTests {
  /// Pushes every layer, pulls every layer, or lets the frontier size choose.
  static let pullDivisors: [Int?] = [nil, 0, 2, 16]
  static let depths: [Int?] = [nil, 0, 1, 2, 4]

  /// Runs the engine with the given direction and thread count, splitting every layer into
  /// node ranges when `threads` is above 1, even on small graphs.
  static func run(
    _ random: RandomChain, maxDepth: Int?, pullDivisor: Int?, threads: Int
  ) -> PropagationResult {
    var engine = LayeredPropagation(
      chain: random.chain, rules: random.rules, addressing: random.addressing, threads: threads)
    engine.pullDivisor = pullDivisor
    engine.parallelNodeCount = 0
    engine.parallelPushEdgeCount = 0
    return engine.run(origins: random.origins, maxDepth: maxDepth)
  }

  /// Returns the affected nodes of a naive run: reached, neither origin nor group, by depth
  /// then id.
  static func expectedAffected(
    _ random: RandomChain, naive: (items: [UInt32], depth: [UInt32])
  ) -> [NodeID] {
    let reached = (0..<random.chain.graph.nodeCount).filter { node in
      naive.items[node] != 0 && !random.chain.isAnyOfGroup[node]
        && !random.origins.contains { $0.node == NodeID(node) && $0.items != 0 }
    }
    return reached.sorted { (naive.depth[$0], $0) < (naive.depth[$1], $1) }.map { NodeID($0) }
  }

  @Test("directions and threads match naive rounds", arguments: 0..<200)
  func matchesNaive(seed: Int) {
    let random = RandomChain(seed: UInt64(seed) &+ 40_000, nodeCount: 3 + seed % 30)
    for maxDepth in Self.depths {
      let naive = random.naivePropagation(maxDepth: maxDepth)
      let affected = Self.expectedAffected(random, naive: naive)
      for pullDivisor in Self.pullDivisors {
        for threads in [1, 2, 3] {
          let result = Self.run(
            random, maxDepth: maxDepth, pullDivisor: pullDivisor, threads: threads)
          let label =
            "seed \(seed), depth \(String(describing: maxDepth)), "
            + "divisor \(String(describing: pullDivisor)), threads \(threads)"
          #expect(result.items == naive.items, "\(label)")
          #expect(result.depth == naive.depth, "\(label)")
          #expect(result.affected == affected, "\(label)")
        }
      }
    }
  }

  @Test("threads agree on larger chains", arguments: 0..<8)
  func threadsAgree(seed: Int) {
    let random = RandomChain(seed: UInt64(seed) &+ 50_000, nodeCount: 400 + 150 * seed)
    for maxDepth in Self.depths {
      let serial = Self.run(random, maxDepth: maxDepth, pullDivisor: nil, threads: 1)
      for pullDivisor in Self.pullDivisors {
        for threads in [1, 2, 4] {
          let result = Self.run(
            random, maxDepth: maxDepth, pullDivisor: pullDivisor, threads: threads)
          let label =
            "seed \(seed), depth \(String(describing: maxDepth)), "
            + "divisor \(String(describing: pullDivisor)), threads \(threads)"
          // The first differing node keeps failure messages short on these sizes.
          #expect(Self.firstDifference(result.items, serial.items) == nil, "items, \(label)")
          #expect(Self.firstDifference(result.depth, serial.depth) == nil, "depth, \(label)")
          #expect(result.affected.count == serial.affected.count, "\(label)")
          #expect(
            Self.firstDifference(result.affected, serial.affected) == nil, "affected, \(label)")
        }
      }
    }
  }

  /// Returns the first index where `left` and `right` differ, or `nil` when they are equal.
  static func firstDifference(_ left: [UInt32], _ right: [UInt32]) -> Int? {
    if left.count != right.count { return min(left.count, right.count) }
    return left.indices.first { left[$0] != right[$0] }
  }

  @Test("public run ignores thread count", arguments: 0..<20)
  func publicThreads(seed: Int) {
    let random = RandomChain(seed: UInt64(seed) &+ 60_000, nodeCount: 40 + seed)
    var options = random.options
    options.threads = 1
    let serial = Propagation.run(random.chain, options)
    let naive = random.naivePropagation(maxDepth: nil)
    #expect(serial.items == naive.items)
    #expect(serial.depth == naive.depth)
    for threads in [nil, 2, 8] as [Int?] {
      options.threads = threads
      let result = Propagation.run(random.chain, options)
      #expect(result.items == serial.items, "threads \(String(describing: threads))")
      #expect(result.depth == serial.depth, "threads \(String(describing: threads))")
      #expect(result.affected == serial.affected, "threads \(String(describing: threads))")
    }
  }

  @Test("origin without known items is not affected")
  func originOutsideItems() throws {
    var builder = GraphBuilder()
    let a = builder.addNode("a", kind: .service)
    let b = builder.addNode("b", kind: .service)
    let c = builder.addNode("c", kind: .service)
    builder.addEdge(from: b, to: a, kind: .dependsOn)
    builder.addEdge(from: c, to: b, kind: .dependsOn)
    let chain = SupplyChain(graph: try builder.build())
    let outage = try #require(SupplyChainItems.itemIndex(clause: "8.1.5"))
    let options = PropagationOptions(
      origins: [
        PropagationOrigin(node: a, items: 1 << UInt32(outage)),
        PropagationOrigin(node: c, items: 1 << 30),
      ])
    let result = Propagation.run(chain, options)
    #expect(result.affected == [b])
    #expect(result.depth[Int(c)] == 2)
    #expect(result.isReached(c))
  }

  @Test("balanced ranges cover every node once")
  func balancedRanges() throws {
    let random = RandomChain(seed: 7, nodeCount: 300)
    for threads in [2, 3, 8] {
      var engine = LayeredPropagation(
        chain: random.chain, rules: random.rules, addressing: random.addressing,
        threads: threads)
      engine.parallelNodeCount = 0
      let ranges = engine.balancedRanges(count: threads * LayeredPropagation.chunksPerThread)
      #expect(ranges.count == threads * LayeredPropagation.chunksPerThread)
      #expect(ranges.first?.lowerBound == 0)
      #expect(ranges.last?.upperBound == 300)
      for (range, following) in zip(ranges, ranges.dropFirst()) {
        #expect(range.upperBound == following.lowerBound)
      }
    }
  }
}
