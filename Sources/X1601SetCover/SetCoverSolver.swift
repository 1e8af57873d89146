/// The search effort of `SetCoverSolver.solve`.
public enum SetCoverMode: String, Sendable, CaseIterable {
  /// Lagrangian heuristic and local search: a near-optimal cover and a lower bound, fast.
  case heuristic
  /// Heuristic, then branch and bound (or CBC for larger residual problems) until the optimum is
  /// proven or the time limit is reached.
  case exact
}

/// A snapshot of the search, passed to the progress callback.
public struct SetCoverProgress: Sendable {
  /// Seconds since `solve` started.
  public let seconds: Double
  /// Cost of the best cover so far, or infinity before the first one.
  public let bestCost: Double
  /// The best proven lower bound so far.
  public let lowerBound: Double
}

/// Settings for `SetCoverSolver.solve`.
public struct SetCoverOptions: Sendable {
  /// Heuristic or exact search. The heuristic stops when its cover is proven optimal, after
  /// Lagrangian rounds without improvement followed by a local search that ends when it stops
  /// improving, or at `timeLimit`, whichever comes first.
  public var mode: SetCoverMode
  /// Wall-clock limit in seconds for the whole solve.
  public var timeLimit: Double
  /// Seed of the pseudo-random perturbations; equal seeds give equal results on equal input
  /// unless the time limit cuts the search at a different point.
  public var seed: UInt64
  /// Whether to apply the optimum-preserving reductions first.
  public var appliesReductions: Bool
  /// Called from the solving thread whenever the best cover or bound improves.
  public var progress: (@Sendable (SetCoverProgress) -> Void)?

  public init(
    mode: SetCoverMode = .heuristic, timeLimit: Double = 60, seed: UInt64 = 1,
    appliesReductions: Bool = true, progress: (@Sendable (SetCoverProgress) -> Void)? = nil
  ) {
    self.mode = mode
    self.timeLimit = timeLimit
    self.seed = seed
    self.appliesReductions = appliesReductions
    self.progress = progress
  }
}

/// A cover with its cost, a lower bound on the optimum and the time taken.
public struct SetCoverSolution: Sendable, Equatable {
  /// The chosen columns, sorted ascending.
  public let columns: [UInt32]
  /// The total cost of `columns`.
  public let cost: Double
  /// A proven lower bound on the optimal cost (rounded up when all costs are whole numbers).
  public let lowerBound: Double
  /// Whether `cost` is proven optimal.
  public let isProvenOptimal: Bool
  /// Wall-clock seconds spent.
  public let seconds: Double
  /// The method that produced the proof or the cover.
  public let method: String

  /// The relative gap `(cost - lowerBound) / cost`, 0 for a proven optimum or a zero cost.
  public var gap: Double {
    guard !isProvenOptimal, cost > 0 else { return 0 }
    return max(0, (cost - lowerBound) / cost)
  }
}

/// Weighted set-cover solver: reductions, a Lagrangian heuristic with lower bound, and an exact
/// stage.
public enum SetCoverSolver {
  /// Finds a cover of `instance`.
  ///
  /// - Throws: `SetCoverError.uncoverableRow` when some row has no column.
  /// - Complexity: bounded by `options.timeLimit`; each subgradient iteration is O(*z*) for the
  ///   *z* incidences of the current core.
  public static func solve(
    _ instance: SetCoverInstance, options: SetCoverOptions = .init()
  ) throws
    -> SetCoverSolution
  {
    let stopwatch = Stopwatch(limit: options.timeLimit)
    let uncoverable = instance.uncoverableRows()
    if let first = uncoverable.first {
      throw SetCoverError.uncoverableRow(row: first, count: uncoverable.count)
    }
    let reduction: SetCoverReduction
    if options.appliesReductions {
      reduction = try SetCoverReduction(instance)
    } else {
      reduction = SetCoverReduction(identity: instance)
    }
    let reduced = reduction.instance
    let offset = reduction.fixedCost
    let progress = options.progress
    let report: (Double, Double) -> Void = { cost, bound in
      progress?(
        SetCoverProgress(
          seconds: stopwatch.seconds, bestCost: cost + offset, lowerBound: bound + offset))
    }

    let heuristicLimit: Double
    switch options.mode {
    case .heuristic: heuristicLimit = options.timeLimit
    case .exact: heuristicLimit = max(0.05, min(options.timeLimit * 0.2, 5))
    }
    let heuristic = LagrangianHeuristic(
      instance: reduced, seed: options.seed,
      stopwatch: Stopwatch(limit: heuristicLimit), report: report)
    if options.mode == .heuristic {
      heuristic.firstPhaseLimit = 3000
    }
    // Exact mode needs a good cover and multipliers, not the heuristic's best: one round gives
    // both, and the exact stage improves the cover itself.
    heuristic.run(maximumRounds: options.mode == .exact ? 1 : 60)

    var bestCover = heuristic.bestCover
    var bestCost = heuristic.bestCost
    if bestCost == .infinity {
      // The time limit ended the heuristic before its first cover.
      bestCover = try greedyCover(reduced).map { Int32($0) }
      bestCost = reduced.cost(of: bestCover.map { UInt32($0) })
    }
    // The row-weighting search pays off on unicost instances, where the multipliers barely
    // separate the columns; on weighted ones it gets a short run. Unicost runs stop after
    // 20 steps per row (at least 50 000) without a cheaper cover, or after 10^6 steps. On
    // scpclr and scpcyc, budgets of 10 to 50 steps per row gave equal covers, so the search
    // has stopped improving by then.
    let unicost = reduced.costs.allSatisfy { $0 == reduced.costs.first }
    let steps = unicost ? 1_000_000 : 10 * reduced.rowCount
    let stallSteps = unicost ? max(20 * reduced.rowCount, 50_000) : steps
    if !heuristic.isProvenOptimal && !stopwatch.isExpired {
      var search = RowWeightingSearch(instance: reduced, start: bestCover, seed: options.seed)
      search.run(steps: steps, stallSteps: stallSteps) { stopwatch.isExpired }
      if search.bestCost < bestCost - 1e-9 {
        bestCover = search.bestCover
        bestCost = search.bestCost
        report(bestCost, heuristic.lowerBound)
      }
    }
    var cover = bestCover.map { UInt32($0) }
    var cost = bestCost
    var bound = heuristic.provenBound
    var method = "lagrangian"
    if heuristic.isProvenOptimal {
      bound = cost
    } else if options.mode == .exact && !stopwatch.isExpired {
      let exact = ExactSolver(
        instance: reduced, incumbent: cover, incumbentCost: cost, lowerBound: bound,
        multipliers: heuristic.bestMultipliers, stopwatch: stopwatch, report: report)
      let outcome = exact.solve()
      cover = outcome.cover
      cost = outcome.cost
      bound = outcome.lowerBound
      method = outcome.method
    }
    if reduced.rowCount == 0 {
      cover = []
      cost = 0
      bound = 0
      method = "reductions"
    }
    let proven = cost <= bound + 1e-9
    let original = reduction.originalCover(of: cover)
    return SetCoverSolution(
      columns: original, cost: instance.cost(of: original),
      lowerBound: min(bound, cost) + offset, isProvenOptimal: proven, seconds: stopwatch.seconds,
      method: method)
  }

  /// Returns Chvátal's greedy cover (least cost per newly covered row) with redundant columns
  /// removed. Its cost is at most H(*k*) times the optimum for *k* rows in the largest column.
  ///
  /// - Throws: `SetCoverError.uncoverableRow` when some row has no column.
  /// - Complexity: O(*z* log *n*) for *z* incidences and *n* columns.
  public static func greedyCover(_ instance: SetCoverInstance) throws -> [UInt32] {
    let uncoverable = instance.uncoverableRows()
    if let first = uncoverable.first {
      throw SetCoverError.uncoverableRow(row: first, count: uncoverable.count)
    }
    var greedy = LagrangianGreedy(rowCount: instance.rowCount, columnCount: instance.columnCount)
    var cover = greedy.run(
      instance: instance, multipliers: [Double](repeating: 0, count: instance.rowCount),
      rowActive: [Bool](repeating: true, count: instance.rowCount),
      candidates: (0..<instance.columnCount).map { Int32($0) }, rowStart: instance.rowStart,
      rowColumns: instance.rowColumns.map { Int32($0) })
    removeRedundantColumns(&cover, instance: instance)
    return cover.map { UInt32($0) }.sorted()
  }
}
