import Testing
import X1601Analysis
import X1601Graph
import X1601TestSupport

@Suite("Propagation")
struct PropagationTests {
  @Test("matches synchronous rounds on random chains", arguments: 0..<300)
  func matchesNaive(seed: Int) {
    let random = RandomChain(seed: UInt64(seed), nodeCount: 3 + seed % 14)
    for maxDepth in [nil, 0, 1, 2, 4] as [Int?] {
      var options = random.options
      options.maxDepth = maxDepth
      let fast = Propagation.run(random.chain, options)
      let naive = random.naivePropagation(maxDepth: maxDepth)
      #expect(fast.items == naive.items, "seed \(seed), depth \(String(describing: maxDepth))")
      #expect(fast.depth == naive.depth, "seed \(seed), depth \(String(describing: maxDepth))")
      let expectedAffected = (0..<random.chain.graph.nodeCount).filter { node in
        naive.items[node] != 0 && !random.chain.isAnyOfGroup[node]
          && !random.origins.contains { $0.node == NodeID(node) && $0.items != 0 }
      }
      #expect(fast.affected.map(Int.init).sorted() == expectedAffected)
    }
  }

  @Test("witness paths are shortest and valid", arguments: 0..<200)
  func witnessPaths(seed: Int) throws {
    let random = RandomChain(seed: UInt64(seed) &+ 10_000, nodeCount: 4 + seed % 10)
    let options = random.options
    let result = Propagation.run(random.chain, options)
    let distances = naiveStateDistances(random, result: result)
    for target in 0..<NodeID(random.chain.graph.nodeCount) where result.isReached(target) {
      for item in 0..<26 where result.items[Int(target)] & (1 << UInt32(item)) != 0 {
        let explanation = try #require(
          Propagation.explain(random.chain, options, result: result, target: target, item: item))
        let path = explanation.path
        let expected = try #require(distances[StateKey(node: target, item: item)])
        #expect(path.count == expected + 1, "seed \(seed) target \(target) item \(item)")
        #expect(path.last?.node == target)
        #expect(path.last?.item == item)
        let first = try #require(path.first)
        #expect(
          random.origins.contains {
            $0.node == first.node && $0.items & (1 << UInt32(first.item)) != 0
          })
        for (previous, step) in zip(path, path.dropFirst()) {
          #expect(distances[StateKey(node: step.node, item: step.item)] != nil)
          #expect(random.links.contains { $0.0 == previous.node && $0.1 == step.node })
        }
      }
    }
  }

  @Test("cut placements match exhaustive search", arguments: 0..<150)
  func cutPlacements(seed: Int) throws {
    let random = RandomChain(
      seed: UInt64(seed) &+ 20_000, nodeCount: 4 + seed % 8, withGroups: false)
    let options = random.options
    let result = Propagation.run(random.chain, options)
    let count = random.chain.graph.nodeCount
    for target in 0..<NodeID(count) where result.isReached(target) {
      guard !random.origins.contains(where: { $0.node == target }) else { continue }
      let item = (result.items[Int(target)]).trailingZeroBitCount
      let explanation = try #require(
        Propagation.explain(random.chain, options, result: result, target: target, item: item))
      let found = Set(
        explanation.placements.map { Placement(node: $0.node, capability: $0.capability) })
      var expected = Set<Placement>()
      for node in 0..<count where !random.chain.isAnyOfGroup[node] {
        for capability in 0..<14
        where random.chain.implemented[node] & (1 << UInt16(capability)) == 0
          && random.addressing.itemsByCapability[capability] != 0
        {
          var implemented = random.chain.implemented
          implemented[node] |= 1 << UInt16(capability)
          let rerun = random.naivePropagation(maxDepth: nil, implemented: implemented)
          if rerun.items[Int(target)] & (1 << UInt32(item)) == 0 {
            expected.insert(Placement(node: NodeID(node), capability: capability))
          }
        }
      }
      #expect(found == expected, "seed \(seed) target \(target) item \(item)")
      let costs = explanation.placements.map(\.cost)
      #expect(costs == costs.sorted())
    }
  }

  @Test("standard rules move an outage downstream")
  func standardOutage() throws {
    var builder = GraphBuilder()
    builder.addNode("cloud", kind: .party, attributes: NodeAttributes(role: .provider))
    builder.addNode("storage", kind: .service)
    builder.addNode("app", kind: .service)
    builder.addNode("portal", kind: .service)
    builder.addEdge(from: "cloud", to: "storage", kind: .provides)
    builder.addEdge(from: "app", to: "storage", kind: .dependsOn)
    builder.addEdge(from: "portal", to: "app", kind: .dependsOn)
    let graph = try builder.build()
    let chain = SupplyChain(graph: graph)
    let discontinuity = try #require(SupplyChainItems.itemIndex(clause: "8.2.7"))
    let unavailability = try #require(SupplyChainItems.itemIndex(clause: "8.1.5"))
    let cloud = try #require(graph.node(named: "cloud"))
    let portal = try #require(graph.node(named: "portal"))
    let options = PropagationOptions(
      origins: [PropagationOrigin(node: cloud, items: 1 << UInt32(discontinuity))])
    let result = Propagation.run(chain, options)
    #expect(result.affected.count == 3)
    #expect(result.items[Int(portal)] & (1 << UInt32(unavailability)) != 0)
    #expect(result.depth[Int(portal)] == 3)
    let explanation = try #require(
      Propagation.explain(chain, options, result: result, target: portal))
    #expect(
      explanation.path.map { graph.name(of: $0.node) } == ["cloud", "storage", "app", "portal"])
    #expect(explanation.path.first?.edge == nil)
    #expect(explanation.path[1].edge == .provides)
  }

  @Test("capability at a node stops the item there")
  func capabilityStops() throws {
    var builder = GraphBuilder()
    builder.addNode("db", kind: .service)
    builder.addNode("api", kind: .service)
    builder.addNode("web", kind: .service)
    builder.addEdge(from: "api", to: "db", kind: .dependsOn)
    builder.addEdge(from: "web", to: "api", kind: .dependsOn)
    let graph = try builder.build()
    let unavailability: UInt32 =
      1 << UInt32(try #require(SupplyChainItems.itemIndex(clause: "8.1.5")))
    var byCapability = [UInt32](repeating: 0, count: 14)
    byCapability[10] = unavailability  // clause 9.11, disaster recovery
    let addressing = CapabilityAddressing(itemsByCapability: byCapability)
    var implemented = [UInt16](repeating: 0, count: 3)
    implemented[Int(try #require(graph.node(named: "api")))] = 1 << 10
    let chain = SupplyChain(graph: graph, implemented: implemented)
    let db = try #require(graph.node(named: "db"))
    let options = PropagationOptions(
      origins: [PropagationOrigin(node: db, items: unavailability)], addressing: addressing)
    let result = Propagation.run(chain, options)
    #expect(result.affected.isEmpty)
  }
}

struct StateKey: Hashable {
  var node: NodeID
  var item: Int
}

struct Placement: Hashable {
  var node: NodeID
  var capability: Int
}

/// Breadth-first distances over (node, item) states, restricted to the states in `result`.
func naiveStateDistances(_ random: RandomChain, result: PropagationResult) -> [StateKey: Int] {
  var distance: [StateKey: Int] = [:]
  var queue: [StateKey] = []
  var stop = [UInt32](repeating: 0, count: random.chain.graph.nodeCount)
  for node in stop.indices {
    stop[node] = random.addressing.stoppedItems(capabilities: random.chain.implemented[node])
  }
  for origin in random.origins {
    for item in 0..<26 where origin.items & (1 << UInt32(item)) != 0 {
      let key = StateKey(node: origin.node, item: item)
      if distance[key] == nil {
        distance[key] = 0
        queue.append(key)
      }
    }
  }
  var head = 0
  while head < queue.count {
    let current = queue[head]
    head += 1
    for link in random.links where link.0 == current.node {
      let down = link.1
      let carried: UInt32
      if random.chain.isAnyOfGroup[Int(down)] {
        carried = link.2 == .dependency ? 1 << UInt32(current.item) : 0
      } else {
        carried =
          random.rules.transfer(1 << UInt32(current.item), through: link.2) & ~stop[Int(down)]
      }
      for item in 0..<26 where carried & result.items[Int(down)] & (1 << UInt32(item)) != 0 {
        let key = StateKey(node: down, item: item)
        if distance[key] == nil {
          distance[key] = distance[current]! + 1
          queue.append(key)
        }
      }
    }
  }
  return distance
}
