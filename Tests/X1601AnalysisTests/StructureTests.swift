import Testing
import X1601Analysis
import X1601Graph
import X1601TestSupport

@Suite("Structure passes")
struct StructureTests {
  /// Upstream neighbours as `SinglePointsOfFailure` documents them.
  static func upstream(_ chain: SupplyChain, _ node: NodeID, target: NodeID) -> [NodeID] {
    let graph = chain.graph
    if graph.kind(of: node) == .party {
      guard node == target else { return [] }
      return Array(graph.neighbors(of: node, .forward, kind: .provides))
        + Array(graph.neighbors(of: node, .reverse, kind: .suppliedBy))
    }
    return Array(graph.neighbors(of: node, .forward, kind: .dependsOn))
      + Array(graph.neighbors(of: node, .forward, kind: .suppliedBy))
      + Array(graph.neighbors(of: node, .reverse, kind: .provides))
  }

  static func reachable(_ chain: SupplyChain, target: NodeID, removed: NodeID?) -> Set<NodeID> {
    var seen: Set<NodeID> = [target]
    var stack = [target]
    while let node = stack.popLast() {
      for next in upstream(chain, node, target: target)
      where next != removed && !seen.contains(next) {
        seen.insert(next)
        stack.append(next)
      }
    }
    return seen
  }

  @Test("single points of failure match removal", arguments: 0..<200)
  func singlePoints(seed: Int) {
    let random = RandomChain(seed: UInt64(seed) &+ 30_000, nodeCount: 3 + seed % 12)
    let chain = random.chain
    let count = chain.graph.nodeCount
    let target = NodeID(seed % count)
    let points = SinglePointsOfFailure(chain, target: target)
    let all = Self.reachable(chain, target: target, removed: nil)
    #expect(
      points.upstreamCount == all.filter { $0 != target && !chain.isAnyOfGroup[Int($0)] }.count)
    var expected: [NodeID: Int] = [:]
    for candidate in all where candidate != target {
      let without = Self.reachable(chain, target: target, removed: candidate)
      let cut = all.filter {
        $0 != candidate && !without.contains($0) && !chain.isAnyOfGroup[Int($0)]
      }.count
      if cut > 0 && !chain.isAnyOfGroup[Int(candidate)] { expected[candidate] = cut }
    }
    var found: [NodeID: Int] = [:]
    for entry in points.points { found[entry.node] = entry.dominated }
    #expect(found == expected, "seed \(seed) target \(target)")
    let dominated = points.points.map(\.dominated)
    #expect(dominated == dominated.sorted(by: >))
  }

  @Test("blast radius counts affected nodes")
  func blastRadius() throws {
    var builder = GraphBuilder()
    builder.addNode(
      "acme", kind: .party, attributes: NodeAttributes(role: .provider, jurisdiction: "US"))
    builder.addNode("db", kind: .service)
    builder.addNode("api", kind: .service, attributes: NodeAttributes(jurisdiction: "DE"))
    builder.addNode("lib", kind: .component)
    builder.addEdge(from: "acme", to: "db", kind: .provides)
    builder.addEdge(from: "api", to: "db", kind: .dependsOn)
    builder.addEdge(from: "lib", to: "api", kind: .dependsOn)
    let chain = SupplyChain(graph: try builder.build())
    let db = try #require(chain.graph.node(named: "db"))
    let result = Propagation.run(
      chain,
      PropagationOptions(origins: [PropagationOrigin(node: db, items: 1 << 9)]))
    let radius = BlastRadius(chain, result: result)
    #expect(radius.total == 2)
    #expect(
      radius.byKind == [.init(name: "service", count: 1), .init(name: "component", count: 1)])
    #expect(radius.byParty == [.init(name: "(none)", count: 2)])
    #expect(
      radius.byJurisdiction == [.init(name: "(none)", count: 1), .init(name: "DE", count: 1)])
    #expect(radius.byItem == [.init(name: "8.1.5", count: 2)])
    #expect(radius.maxDepth == 2)
    let path = [db, try #require(chain.graph.node(named: "api"))]
    let crossings = JurisdictionCrossings(chain, path: path)
    #expect(crossings.jurisdictions == ["US", "DE"])
    #expect(crossings.crossings == 1)
  }

  @Test("provider concentration and lock-in")
  func concentration() throws {
    var builder = GraphBuilder()
    builder.addNode("cloud", kind: .party, attributes: NodeAttributes(role: .provider))
    builder.addNode("cdn", kind: .party, attributes: NodeAttributes(role: .provider))
    builder.addNode("compute", kind: .service, attributes: NodeAttributes(category: .iaas))
    builder.addNode("storage", kind: .service, attributes: NodeAttributes(category: .iaas))
    builder.addNode("edge", kind: .service, attributes: NodeAttributes(category: .naas))
    builder.addNode("app", kind: .service, attributes: NodeAttributes(category: .saas))
    builder.addEdge(from: "cloud", to: "compute", kind: .provides)
    builder.addEdge(from: "cloud", to: "storage", kind: .provides)
    builder.addEdge(from: "cdn", to: "edge", kind: .provides)
    builder.addEdge(from: "storage", to: "compute", kind: .dependsOn)
    builder.addEdge(from: "app", to: "storage", kind: .dependsOn)
    builder.addEdge(from: "app", to: "edge", kind: .dependsOn)
    let chain = SupplyChain(graph: try builder.build())
    let graph = chain.graph
    let concentration = ProviderConcentration(chain)
    #expect(concentration.entries.map { graph.name(of: $0.party) } == ["cloud", "cdn"])
    #expect(concentration.entries.map(\.direct) == [2, 1])
    #expect(concentration.entries.map(\.downstream) == [3, 2])
    // IaaS and NaaS each have one provider; app has no dependents.
    #expect(
      concentration.lockIns.map { graph.name(of: $0.service) } == ["compute", "storage", "edge"])
  }
}

@Suite("Gatekeepers")
struct StructureGatekeeperTests {
  @Test("match removal on the carrying graph", arguments: 0..<200)
  func matchesRemoval(seed: Int) {
    let random = RandomChain(seed: UInt64(seed) &+ 50_000, nodeCount: 3 + seed % 12)
    let chain = random.chain
    let options = random.options
    let result = Propagation.run(chain, options)
    let count = chain.graph.nodeCount
    let stop = (0..<count).map { random.addressing.stoppedItems(capabilities: chain.implemented[$0]) }
    let origins = Set(random.origins.filter { $0.items != 0 }.map(\.node))
    let carrying = random.links.filter { link in
      let (up, down, channel) = link
      guard result.items[Int(up)] != 0, result.items[Int(down)] != 0 else { return false }
      if chain.isAnyOfGroup[Int(down)] {
        return channel == .dependency && result.items[Int(up)] & result.items[Int(down)] != 0
      }
      return random.rules.transfer(result.items[Int(up)], through: channel) & ~stop[Int(down)] != 0
    }
    func reached(without removed: NodeID?) -> Set<NodeID> {
      var seen = Set(origins.filter { $0 != removed })
      var stack = Array(seen)
      while let node = stack.popLast() {
        for link in carrying where link.0 == node && link.1 != removed && !seen.contains(link.1) {
          seen.insert(link.1)
          stack.append(link.1)
        }
      }
      return seen
    }
    let all = reached(without: nil)
    var expected: [NodeID: Int] = [:]
    for candidate in all where !origins.contains(candidate) && !chain.isAnyOfGroup[Int(candidate)] {
      let without = reached(without: candidate)
      let cut = all.filter {
        $0 != candidate && !without.contains($0) && !chain.isAnyOfGroup[Int($0)]
          && !origins.contains($0)
      }.count
      if cut > 0 { expected[candidate] = cut }
    }
    let gatekeepers = Gatekeepers(chain, options, result: result)
    var found: [NodeID: Int] = [:]
    for entry in gatekeepers.entries { found[entry.node] = entry.dominated }
    #expect(found == expected, "seed \(seed)")
  }
}
