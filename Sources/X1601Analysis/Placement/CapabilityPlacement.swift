import X1601Graph
import X1601SetCover

/// The effort of the placement search.
public enum PlacementMode: String, Sendable, CaseIterable {
  /// The set-cover engine's heuristic with its Lagrangian bound, or greedy budgeted coverage.
  case heuristic
  /// The engine's exact stage, or branch and bound for the budgeted variant, until the optimum
  /// is proven or the time runs out.
  case exact
}

/// The search settings of a placement.
public struct PlacementSearch: Sendable {
  public var mode: PlacementMode
  /// Wall-clock limit in seconds for the solve. Without a budget, the single-cut set cover gets
  /// at most half of it and route generation the rest. Building the problem and verifying the
  /// result are not counted.
  public var timeLimit: Double
  /// The budget: when set, the placement addresses as many elements as it can at a total cost
  /// of at most this value instead of addressing all of them at least cost.
  public var budget: Double?
  /// Seed of the engine's perturbations.
  public var seed: UInt64

  public init(
    mode: PlacementMode = .exact, timeLimit: Double = 60, budget: Double? = nil, seed: UInt64 = 1
  ) {
    self.mode = mode
    self.timeLimit = timeLimit
    self.budget = budget
    self.seed = seed
  }
}

/// A chosen placement with its cost.
public struct PlacementChoice: Sendable, Hashable {
  public var node: NodeID
  /// Bit position of the capability; 0 is clause 9.1.
  public var capability: Int
  public var cost: Double

  public init(node: NodeID, capability: Int, cost: Double) {
    self.node = node
    self.capability = capability
    self.cost = cost
  }
}

/// The result of re-running the propagation with the placements implemented.
public struct PlacementVerification: Sendable {
  /// The number of customer-facing nodes checked.
  public let targetCount: Int
  /// The number of customer-facing nodes left with no item.
  public let clearTargetCount: Int
  /// Every (target, item) pair that the re-run still finds, sorted.
  public let remaining: [PlacementElement]
  /// The pairs in `remaining` that the placement claims to address; empty when the placement
  /// is correct.
  public let contradictions: [PlacementElement]

  /// Whether no element that the placement claims to address is left.
  public var isVerified: Bool { contradictions.isEmpty }
}

/// A placement: what to implement where, its cost, how close to optimal it is and its check.
public struct PlacementSolution: Sendable {
  /// The placements, sorted by node and capability.
  public let placements: [PlacementChoice]
  /// Their total cost.
  public let cost: Double
  /// Without a budget, a proven lower bound on the cost of every placement made of single cuts
  /// (the set-cover formulation); with a budget, 0.
  public let lowerBound: Double
  /// A lower bound on the cost of every placement that addresses all elements, with single
  /// cuts or not, from the upstream relaxation; `nil` with a budget or when the relaxation is
  /// too large to build.
  public let anyPlacementLowerBound: Double?
  /// Whether the single-cut formulation offers every placement that could address each
  /// element, so that its optimum is the true optimum; `nil` when not determined.
  public let isFormulationExact: Bool?
  /// Whether the solution is proven optimal: least cost over all placements when
  /// `anyPlacementLowerBound` reaches the cost or the formulation is exact, or with a budget
  /// most elements addressed by single cuts.
  public let isProvenOptimal: Bool
  /// The method that produced the solution or its proof.
  public let method: String
  /// Wall-clock seconds of the solve, the verification excluded.
  public let seconds: Double
  /// The budget, when one was given.
  public let budget: Double?
  /// The number of elements the placements address.
  public let addressedCount: Int
  /// With a budget, a proven upper bound on the number of elements any placement within it
  /// addresses; without one, the number of coverable elements.
  public let addressedUpperBound: Double
  /// The coverable elements the placements leave unaddressed, sorted; empty without a budget.
  public let unaddressed: [PlacementElement]
  public let verification: PlacementVerification

  /// The relative gap to the best bound: `(cost - bound) / cost` without a budget, where the
  /// bound is `anyPlacementLowerBound` when known and `lowerBound` otherwise, and
  /// `(upperBound - addressed) / upperBound` with a budget; 0 when proven optimal.
  public var gap: Double {
    guard !isProvenOptimal else { return 0 }
    if budget != nil {
      guard addressedUpperBound > 0 else { return 0 }
      return max(0, (addressedUpperBound - Double(addressedCount)) / addressedUpperBound)
    }
    guard cost > 0 else { return 0 }
    return max(0, (cost - (anyPlacementLowerBound ?? lowerBound)) / cost)
  }
}

/// Placement of capabilities across a supply chain so that no customer-facing node keeps an
/// item that a capability could address, at least cost or within a budget.
public enum CapabilityPlacement {
  /// Solves `problem` with the set-cover engine and verifies the solution by propagation.
  ///
  /// - Throws: `PlacementError.invalidBudget` for a negative or non-finite budget.
  /// - Complexity: bounded by `search.timeLimit` for the solve, plus one propagation.
  public static func solve(
    _ problem: PlacementProblem, search: PlacementSearch = .init()
  ) throws(PlacementError) -> PlacementSolution {
    let clock = ContinuousClock()
    let start = clock.now
    let instance = problem.instance
    var columns: [Int]
    var lowerBound = 0.0
    var proven: Bool
    var method: String
    var upperBound = Double(instance.rowCount)

    if let budget = search.budget {
      guard budget.isFinite, budget >= 0 else { throw .invalidBudget(budget) }
      // The engine greedy solution and its submodular bound, then branch and bound for a proof.
      guard let greedy = try? MaximumCoverage.solve(instance, budget: budget) else {
        throw .invalidBudget(budget)
      }
      columns = greedy.columns.map { Int($0) }
      var covered = Int(greedy.coveredWeight.rounded())
      upperBound = greedy.upperBound
      method = "greedy"
      if search.mode == .exact && instance.columnCount <= BudgetedCoverageSearch.columnLimit {
        var searcher = BudgetedCoverageSearch(
          instance: instance, budget: budget, seconds: search.timeLimit)
        searcher.run(exact: true)
        method = "branch-and-bound"
        if searcher.bestValue > covered {
          columns = searcher.bestColumns.sorted()
          covered = searcher.bestValue
        }
        upperBound = min(upperBound, searcher.isComplete ? Double(covered) : searcher.rootBound)
      }
      proven = Double(covered) >= upperBound - 1e-9
    } else if instance.rowCount == 0 {
      columns = []
      proven = true
      method = "none needed"
    } else {
      // Route generation may follow, so the single-cut solve leaves it half of the time.
      let options = SetCoverOptions(
        mode: search.mode == .exact ? .exact : .heuristic, timeLimit: search.timeLimit / 2,
        seed: search.seed)
      // Every element has at least the placement at its target, so no row is uncoverable.
      guard let solution = try? SetCoverSolver.solve(instance, options: options) else {
        throw .engineFailed(rows: instance.rowCount, columns: instance.columnCount)
      }
      columns = solution.columns.map { Int($0) }
      lowerBound = solution.lowerBound
      proven = solution.isProvenOptimal
      method = solution.method
    }
    var placements: [PlacementChoice] = []
    var cost = 0.0
    for column in columns {
      let placement = problem.candidates[column]
      let choice = PlacementChoice(
        node: placement.node, capability: placement.capability, cost: instance.costs[column])
      placements.append(choice)
      cost += choice.cost
    }
    var hit = [Bool](repeating: false, count: instance.rowCount)
    for column in columns {
      for row in instance.rows(ofColumn: column) { hit[Int(row)] = true }
    }

    // Without a budget, bound every placement, single cuts or not, and look for a cheaper one
    // by route generation.
    var anyBound: Double? = nil
    var exactFormulation: Bool? = nil
    if search.budget == nil, let relaxation = problem.relaxation() {
      exactFormulation = relaxation.matchesFormulation
      if relaxation.matchesFormulation {
        anyBound = lowerBound
      } else {
        let generated = generateRoutes(
          problem, start: relaxation, incumbentCost: cost, search: search,
          deadline: start + .milliseconds(Int64(search.timeLimit * 1000)))
        anyBound = generated.lowerBound
        if let better = generated.placements, generated.cost < cost - 1e-9 {
          placements = better
          cost = generated.cost
          method = "route generation"
          hit = [Bool](repeating: true, count: instance.rowCount)
        }
      }
      if let bound = anyBound {
        anyBound = min(bound, cost)
        if cost <= bound + 1e-9 { proven = true }
      }
      if exactFormulation == false && anyBound.map({ cost > $0 + 1e-9 }) ?? true {
        proven = false
      }
    }
    let seconds = (clock.now - start) / .seconds(1)

    var unaddressed: [PlacementElement] = []
    for (row, element) in problem.elements.enumerated() where !hit[row] {
      unaddressed.append(element)
    }
    let verification = verify(problem, placements: placements, claimed: hit)
    return PlacementSolution(
      placements: placements, cost: cost, lowerBound: lowerBound,
      anyPlacementLowerBound: anyBound, isFormulationExact: exactFormulation,
      isProvenOptimal: proven, method: method, seconds: seconds, budget: search.budget,
      addressedCount: instance.rowCount - unaddressed.count,
      addressedUpperBound: max(upperBound, Double(instance.rowCount - unaddressed.count)),
      unaddressed: unaddressed, verification: verification)
  }

  /// Re-runs the propagation with `placements` implemented and lists what the targets keep.
  ///
  /// - Parameter claimed: for each element of `problem`, whether the placements address it.
  /// - Complexity: O(*n* + *k* · *m*), that of one propagation.
  public static func verify(
    _ problem: PlacementProblem, placements: [PlacementChoice], claimed: [Bool]
  ) -> PlacementVerification {
    let chain = problem.chain
    let result = propagate(problem, placements: placements).result

    var rowOf: [PlacementElement: Int] = [:]
    for (row, element) in problem.elements.enumerated() { rowOf[element] = row }
    var remaining: [PlacementElement] = []
    var contradictions: [PlacementElement] = []
    var clear = 0
    for target in problem.targets where !chain.isAnyOfGroup[Int(target)] {
      var rest = result.items[Int(target)]
      if rest == 0 { clear += 1 }
      while rest != 0 {
        let element = PlacementElement(target: target, item: rest.trailingZeroBitCount)
        rest &= rest - 1
        remaining.append(element)
        if let row = rowOf[element], claimed[row] { contradictions.append(element) }
      }
    }
    return PlacementVerification(
      targetCount: problem.targets.count, clearTargetCount: clear, remaining: remaining,
      contradictions: contradictions)
  }

  /// The propagation of `problem`'s exposures with `placements` implemented.
  static func propagate(
    _ problem: PlacementProblem, placements: [PlacementChoice]
  ) -> (chain: SupplyChain, origins: [PropagationOrigin], result: PropagationResult) {
    let chain = problem.chain
    var implemented = chain.implemented
    for placement in placements {
      implemented[Int(placement.node)] |= 1 << UInt16(placement.capability)
    }
    let placed = SupplyChain(
      graph: chain.graph, implemented: implemented, exposures: chain.exposures,
      isAnyOfGroup: chain.isAnyOfGroup, costs: chain.costs, transmission: chain.transmission)
    let addressing = problem.options.addressing
    let stopped = placed.stoppedItems(addressing)
    var origins: [PropagationOrigin] = []
    for node in 0..<chain.graph.nodeCount where placed.exposures[node] & ~stopped[node] != 0 {
      origins.append(
        PropagationOrigin(node: NodeID(node), items: placed.exposures[node] & ~stopped[node]))
    }
    let result = Propagation.run(
      placed,
      PropagationOptions(origins: origins, addressing: addressing, rules: problem.options.rules))
    return (placed, origins, result)
  }
}
