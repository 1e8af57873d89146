import X1601Graph
import X1601SetCover

extension CapabilityPlacement {
  /// The outcome of route generation.
  struct RouteGeneration {
    /// A placement that addresses every element, checked by propagation, or `nil` when none
    /// was found in time.
    var placements: [PlacementChoice]?
    var cost: Double
    /// A lower bound on the cost of every placement that addresses all elements.
    var lowerBound: Double
  }

  /// Solves the route relaxation, propagates with its solution and adds a route for each element
  /// still reached, until the solution addresses every element.
  ///
  /// Every route is a constraint of the true problem, so each relaxation's lower bound bounds
  /// the true optimum. A solution that leaves an element reached misses some route of it, which
  /// the next round adds, so rounds never repeat a solution. When the rounds end with a checked
  /// solution from an exact solve, that solution is optimal over all placements.
  ///
  /// - Complexity: at most `maximumRounds` set-cover solves and propagations. Rounds start
  ///   only before `deadline` and their set-cover solves end by it.
  /// NOTE: The propagation and route search of the last round can overrun `deadline`: on a
  /// generated cloud model of 10^6 edges, a 10 s limit ended the whole solve after about 13 s.
  static func generateRoutes(
    _ problem: PlacementProblem, start: PlacementRelaxation, incumbentCost: Double,
    search: PlacementSearch, deadline: ContinuousClock.Instant, maximumRounds: Int = 40
  ) -> RouteGeneration {
    let clock = ContinuousClock()
    var relaxation = start
    var bound = 0.0
    let capabilityCount = UInt32(SupplyChainItems.capabilityCount)
    for _ in 0..<maximumRounds {
      let remaining = (deadline - clock.now) / .seconds(1)
      guard remaining > 0.01, let built = relaxation.instance(chain: problem.chain) else { break }
      let options = SetCoverOptions(
        mode: search.mode == .exact ? .exact : .heuristic, timeLimit: remaining,
        seed: search.seed)
      guard let solution = try? SetCoverSolver.solve(built.instance, options: options) else {
        break
      }
      bound = max(bound, solution.lowerBound)
      if bound >= incumbentCost - 1e-9 { break }

      var placements: [PlacementChoice] = []
      for column in solution.columns {
        let key = built.keys[Int(column)]
        let node = NodeID(key / capabilityCount)
        let capability = Int(key % capabilityCount)
        placements.append(
          PlacementChoice(
            node: node, capability: capability,
            cost: problem.chain.cost(of: capability, at: node)))
      }
      placements.sort { ($0.node, $0.capability) < ($1.node, $1.capability) }

      // Add a route for each element the solution leaves in place.
      let placed = propagate(problem, placements: placements)
      let states = PlacementStateGraph(
        chain: placed.chain, result: placed.result, origins: placed.origins,
        rules: problem.options.rules)
      var routeSearch = RouteSearch(
        states: states, chain: placed.chain, addressing: problem.options.addressing)
      var added = 0
      for element in problem.elements
      where placed.result.items[Int(element.target)] & (1 << UInt32(element.item)) != 0 {
        if added & 255 == 255 && clock.now >= deadline { break }
        let state = states.state(element.target, element.item)
        guard
          let found = routeSearch.routes(
            to: state, limit: 1, remainingWork: .max, countsPlacements: false)
        else { continue }
        relaxation.routes.append(contentsOf: found.routes)
        added += found.routes.count
      }
      if added == 0 {
        return RouteGeneration(placements: placements, cost: solution.cost, lowerBound: bound)
      }
    }
    return RouteGeneration(placements: nil, cost: .infinity, lowerBound: bound)
  }
}
