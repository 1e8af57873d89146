import Testing
import X1601Analysis
import X1601Graph
import X1601TestSupport

/// A small seeded supply chain for placement: services and components with exposures, costs
/// and a capability mapping over a few items.
struct PlacementChain {
  var chain: SupplyChain
  var addressing: CapabilityAddressing
  var rules: TransferRules

  /// The items the chain uses.
  static let items = [0, 9, 19]

  /// Builds a chain. With `forest`, each node depends on at most one earlier node and items
  /// keep their identity on every edge, the case in which single cuts are exact; otherwise
  /// dependencies form a random graph with cycles, suppliers and random transfer rules.
  init(seed: UInt64, nodeCount: Int, forest: Bool) {
    var random = SplitMix64(seed: seed)
    func roll(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    var builder = GraphBuilder()
    var kinds: [NodeKind] = []
    for index in 0..<nodeCount {
      let kind: NodeKind
      if forest {
        kind = roll(3) == 0 ? .component : .service
      } else {
        kind = index == 0 ? .party : roll(3) == 0 ? .component : .service
      }
      kinds.append(kind)
      builder.addNode("n\(index)", kind: kind)
    }
    for index in 1..<nodeCount where kinds[index] != .party {
      if forest {
        if roll(4) != 0 {
          builder.addEdge(from: NodeID(index), to: NodeID(roll(index)), kind: .dependsOn)
        }
        continue
      }
      for _ in 0..<roll(3) {
        let other = 1 + roll(nodeCount - 1)
        builder.addEdge(from: NodeID(index), to: NodeID(other), kind: .dependsOn)
      }
      if roll(4) == 0 {
        builder.addEdge(from: NodeID(index), to: NodeID(0), kind: .suppliedBy)
      }
    }
    let graph = try! builder.build()

    func randomItems() -> UInt32 {
      var mask: UInt32 = 0
      for item in PlacementChain.items where roll(2) == 0 { mask |= 1 << UInt32(item) }
      return mask
    }
    var exposures = [UInt32](repeating: 0, count: nodeCount)
    var implemented = [UInt16](repeating: 0, count: nodeCount)
    var costs: [SupplyChain.Placement: Double] = [:]
    for index in 0..<nodeCount {
      if roll(3) == 0 { exposures[index] = randomItems() }
      if roll(5) == 0 { implemented[index] = UInt16(1) << UInt16(roll(4)) }
      for capability in 0..<4 {
        costs[SupplyChain.Placement(node: NodeID(index), capability: capability)] =
          Double(1 + roll(5))
      }
    }
    var byCapability = [UInt32](repeating: 0, count: SupplyChainItems.capabilityCount)
    for capability in 0..<4 { byCapability[capability] = randomItems() }
    addressing = CapabilityAddressing(itemsByCapability: byCapability)

    var ruleList: [TransferRule] = []
    for channel in TransferChannel.allCases {
      for item in PlacementChain.items {
        let downstream = forest ? UInt32(1) << UInt32(item) : randomItems()
        ruleList.append(
          TransferRule(channel: channel, upstream: item, downstream: downstream, rationale: ""))
      }
    }
    rules = TransferRules(rules: ruleList)
    chain = SupplyChain(
      graph: graph, implemented: implemented, exposures: exposures, costs: costs)
  }

  var options: PlacementOptions { PlacementOptions(addressing: addressing, rules: rules) }
}

/// Brute force over every subset of the placements that can remove anything: placements of a
/// capability at a node that initially holds an item the capability addresses.
struct PlacementBruteForce {
  let problem: PlacementProblem
  let universe: [PlacementChoice]

  init(_ problem: PlacementProblem) {
    self.problem = problem
    var universe: [PlacementChoice] = []
    let chain = problem.chain
    for node in 0..<chain.graph.nodeCount where !chain.isAnyOfGroup[node] {
      let held = problem.initial.items[node]
      for capability in 0..<SupplyChainItems.capabilityCount
      where problem.options.addressing.itemsByCapability[capability] & held != 0 {
        universe.append(
          PlacementChoice(
            node: NodeID(node), capability: capability,
            cost: chain.cost(of: capability, at: NodeID(node))))
      }
    }
    self.universe = universe
  }

  /// The number of coverable elements that `placements` leave at the targets.
  func remainingCoverable(_ placements: [PlacementChoice]) -> Int {
    let claimed = [Bool](repeating: false, count: problem.elements.count)
    let check = CapabilityPlacement.verify(problem, placements: placements, claimed: claimed)
    let infeasible = Set(problem.infeasible)
    return check.remaining.filter { !infeasible.contains($0) }.count
  }

  /// Calls `body` with every subset and its cost.
  func forEachSubset(_ body: ([PlacementChoice], Double) -> Void) {
    for mask in 0..<(1 << universe.count) {
      var subset: [PlacementChoice] = []
      var cost = 0.0
      for (index, choice) in universe.enumerated() where mask & (1 << index) != 0 {
        subset.append(choice)
        cost += choice.cost
      }
      body(subset, cost)
    }
  }

  /// The least cost of a subset that leaves no coverable element.
  func minimumCost() -> Double {
    var best = Double.infinity
    forEachSubset { subset, cost in
      if cost < best && remainingCoverable(subset) == 0 { best = cost }
    }
    return best
  }

  /// The maximum number of coverable elements that a subset within `budget` removes.
  func maximumAddressed(budget: Double) -> Int {
    var best = 0
    let total = problem.elements.count
    forEachSubset { subset, cost in
      guard cost <= budget + 1e-9 else { return }
      best = max(best, total - remainingCoverable(subset))
    }
    return best
  }
}

@Suite("Capability placement")
struct PlacementTests {
  /// Seeds whose chains have a small brute-force universe.
  static func seeds(forest: Bool, nodeCount: Int, limit: Int) -> [UInt64] {
    var chosen: [UInt64] = []
    var seed: UInt64 = 1
    while chosen.count < 12 && seed < 400 {
      let built = PlacementChain(seed: seed, nodeCount: nodeCount, forest: forest)
      if let problem = try? PlacementProblem(chain: built.chain, options: built.options) {
        let size = PlacementBruteForce(problem).universe.count
        if size >= 3 && size <= limit { chosen.append(seed) }
      }
      seed += 1
    }
    return chosen
  }

  @Test("least cost equals brute force on forests")
  func minimumCostOnForests() throws {
    let seeds = Self.seeds(forest: true, nodeCount: 8, limit: 12)
    #expect(seeds.count >= 10)
    for seed in seeds {
      let built = PlacementChain(seed: seed, nodeCount: 8, forest: true)
      let problem = try PlacementProblem(chain: built.chain, options: built.options)
      let solution = try CapabilityPlacement.solve(
        problem, search: PlacementSearch(mode: .exact, timeLimit: 10))
      let brute = PlacementBruteForce(problem).minimumCost()
      #expect(abs(solution.cost - brute) < 1e-9, "seed \(seed)")
      let anyBound = try #require(solution.anyPlacementLowerBound, "seed \(seed)")
      #expect(anyBound <= brute + 1e-9, "seed \(seed)")
      #expect(solution.isProvenOptimal, "seed \(seed)")
      #expect(solution.lowerBound <= solution.cost + 1e-9, "seed \(seed)")
      #expect(solution.verification.isVerified, "seed \(seed)")
      #expect(Set(solution.verification.remaining) == Set(problem.infeasible), "seed \(seed)")
    }
  }

  @Test("budgeted coverage equals brute force on forests")
  func budgetedOnForests() throws {
    let seeds = Self.seeds(forest: true, nodeCount: 8, limit: 12)
    for seed in seeds {
      let built = PlacementChain(seed: seed, nodeCount: 8, forest: true)
      let problem = try PlacementProblem(chain: built.chain, options: built.options)
      let brute = PlacementBruteForce(problem)
      for budget in [0.0, 2, 4, 7] {
        let solution = try CapabilityPlacement.solve(
          problem, search: PlacementSearch(mode: .exact, timeLimit: 10, budget: budget))
        #expect(solution.cost <= budget + 1e-9, "seed \(seed) budget \(budget)")
        #expect(
          solution.addressedCount == brute.maximumAddressed(budget: budget),
          "seed \(seed) budget \(budget)")
        #expect(solution.isProvenOptimal, "seed \(seed) budget \(budget)")
        let greedy = try CapabilityPlacement.solve(
          problem, search: PlacementSearch(mode: .heuristic, timeLimit: 10, budget: budget))
        #expect(greedy.cost <= budget + 1e-9, "seed \(seed) budget \(budget)")
        #expect(greedy.addressedCount <= solution.addressedCount, "seed \(seed) budget \(budget)")
        #expect(
          greedy.addressedUpperBound >= Double(solution.addressedCount) - 1e-9,
          "seed \(seed) budget \(budget)")
        #expect(greedy.verification.isVerified, "seed \(seed) budget \(budget)")
        #expect(solution.verification.isVerified, "seed \(seed) budget \(budget)")
        #expect(
          solution.addressedCount + solution.unaddressed.count == problem.elements.count,
          "seed \(seed) budget \(budget)")
      }
    }
  }

  @Test("general chains: verified upper bound on brute force")
  func generalChains() throws {
    let seeds = Self.seeds(forest: false, nodeCount: 7, limit: 11)
    #expect(seeds.count >= 6)
    for seed in seeds {
      let built = PlacementChain(seed: seed, nodeCount: 7, forest: false)
      let problem = try PlacementProblem(chain: built.chain, options: built.options)
      let solution = try CapabilityPlacement.solve(
        problem, search: PlacementSearch(mode: .exact, timeLimit: 10))
      let brute = PlacementBruteForce(problem)
      let optimum = brute.minimumCost()
      #expect(solution.cost >= optimum - 1e-9, "seed \(seed)")
      let anyBound = try #require(solution.anyPlacementLowerBound, "seed \(seed)")
      #expect(anyBound <= optimum + 1e-9, "seed \(seed)")
      if solution.isFormulationExact == true {
        #expect(abs(solution.cost - optimum) < 1e-9, "seed \(seed)")
      }
      #expect(solution.verification.isVerified, "seed \(seed)")
      #expect(brute.remainingCoverable(solution.placements) == 0, "seed \(seed)")
      for budget in [1.0, 3] {
        let budgeted = try CapabilityPlacement.solve(
          problem, search: PlacementSearch(mode: .exact, timeLimit: 10, budget: budget))
        #expect(budgeted.verification.isVerified, "seed \(seed) budget \(budget)")
        #expect(
          budgeted.addressedCount <= brute.maximumAddressed(budget: budget),
          "seed \(seed) budget \(budget)")
      }
    }
  }

  @Test("single cuts match propagation", arguments: [true, false])
  func singleCuts(forest: Bool) throws {
    for seed: UInt64 in 1...40 {
      let built = PlacementChain(seed: seed, nodeCount: 9, forest: forest)
      let problem = try PlacementProblem(chain: built.chain, options: built.options)
      let brute = PlacementBruteForce(problem)
      var columnOf: [SupplyChain.Placement: Int] = [:]
      for (column, candidate) in problem.candidates.enumerated() { columnOf[candidate] = column }
      let claimed = [Bool](repeating: false, count: problem.elements.count)
      for choice in brute.universe {
        let check = CapabilityPlacement.verify(problem, placements: [choice], claimed: claimed)
        let left = Set(check.remaining)
        var removed: Set<Int> = []
        for (row, element) in problem.elements.enumerated() where !left.contains(element) {
          removed.insert(row)
        }
        let key = SupplyChain.Placement(node: choice.node, capability: choice.capability)
        var hits: Set<Int> = []
        if let column = columnOf[key] {
          hits = Set(problem.instance.rows(ofColumn: column).map { Int($0) })
        }
        #expect(hits.isSubset(of: removed), "seed \(seed) placement \(key)")
        if forest {
          #expect(hits == removed, "seed \(seed) placement \(key)")
        }
      }
    }
  }

  @Test("heuristic mode covers every element")
  func heuristicCovers() throws {
    for seed: UInt64 in 1...20 {
      let built = PlacementChain(seed: seed, nodeCount: 30, forest: seed % 2 == 0)
      let problem = try PlacementProblem(chain: built.chain, options: built.options)
      let solution = try CapabilityPlacement.solve(
        problem, search: PlacementSearch(mode: .heuristic, timeLimit: 5))
      #expect(solution.verification.isVerified, "seed \(seed)")
      #expect(solution.unaddressed.isEmpty, "seed \(seed)")
      let anyBound = try #require(solution.anyPlacementLowerBound, "seed \(seed)")
      #expect(anyBound <= solution.cost + 1e-9, "seed \(seed)")
      #expect(Set(solution.verification.remaining) == Set(problem.infeasible), "seed \(seed)")
    }
  }

  @Test("unaddressable items are reported")
  func infeasibleElements() throws {
    var builder = GraphBuilder()
    let database = builder.addNode("database", kind: .component)
    let api = builder.addNode("api", kind: .service)
    builder.addEdge(from: api, to: database, kind: .dependsOn)
    let graph = try builder.build()
    var byCapability = [UInt32](repeating: 0, count: SupplyChainItems.capabilityCount)
    byCapability[3] = 1 << 9
    let chain = SupplyChain(graph: graph, exposures: [(1 << 9) | (1 << 19), 0])
    let rules = TransferRules(rules: [
      TransferRule(channel: .dependency, upstream: 9, downstream: 1 << 9, rationale: ""),
      TransferRule(channel: .dependency, upstream: 19, downstream: 1 << 19, rationale: ""),
    ])
    let options = PlacementOptions(
      addressing: CapabilityAddressing(itemsByCapability: byCapability), rules: rules)
    let problem = try PlacementProblem(chain: chain, options: options)
    #expect(problem.infeasible == [PlacementElement(target: api, item: 19)])
    #expect(problem.elements == [PlacementElement(target: api, item: 9)])
    let solution = try CapabilityPlacement.solve(problem)
    #expect(solution.cost == 1)
    #expect(solution.placements.map(\.capability) == [3])
    #expect(solution.verification.isVerified)
    #expect(solution.verification.remaining == [PlacementElement(target: api, item: 19)])
  }

  @Test("upstream placement cuts every route")
  func upstreamCut() throws {
    // storage -> compute -> {web, mail}: one capability at compute is cheaper than two at the
    // services, and one at storage cheaper still.
    var builder = GraphBuilder()
    let storage = builder.addNode("storage", kind: .service)
    let compute = builder.addNode("compute", kind: .service)
    let web = builder.addNode("web", kind: .service)
    let mail = builder.addNode("mail", kind: .service)
    builder.addEdge(from: compute, to: storage, kind: .dependsOn)
    builder.addEdge(from: web, to: compute, kind: .dependsOn)
    builder.addEdge(from: mail, to: compute, kind: .dependsOn)
    let graph = try builder.build()
    var byCapability = [UInt32](repeating: 0, count: SupplyChainItems.capabilityCount)
    byCapability[0] = 1 << 9
    let costs: [SupplyChain.Placement: Double] = [
      .init(node: storage, capability: 0): 5, .init(node: compute, capability: 0): 3,
    ]
    let chain = SupplyChain(graph: graph, exposures: [1 << 9, 0, 0, 0], costs: costs)
    let rules = TransferRules(rules: [
      TransferRule(channel: .dependency, upstream: 9, downstream: 1 << 9, rationale: "")
    ])
    let options = PlacementOptions(
      addressing: CapabilityAddressing(itemsByCapability: byCapability), rules: rules)
    let problem = try PlacementProblem(chain: chain, options: options)
    #expect(problem.elements.count == 4)
    let solution = try CapabilityPlacement.solve(problem)
    // storage (5) alone versus compute (3) + storage's own exposure at storage (5): storage wins.
    #expect(solution.placements.map(\.node) == [storage])
    #expect(solution.cost == 5)
    #expect(solution.isProvenOptimal)
    let budgeted = try CapabilityPlacement.solve(problem, search: PlacementSearch(budget: 3))
    #expect(budgeted.placements.map(\.node) == [compute])
    #expect(budgeted.addressedCount == 3)
    #expect(budgeted.unaddressed == [PlacementElement(target: storage, item: 9)])
  }
}
