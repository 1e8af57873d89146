import Foundation

/// A monotonic deadline measured from creation.
struct Stopwatch: Sendable {
  let start = DispatchTime.now().uptimeNanoseconds
  let limit: Double

  var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds &- start) * 1e-9 }
  var isExpired: Bool { seconds >= limit }
}

/// Lagrangian heuristic for set cover after Caprara, Fischetti and Toth (1999): subgradient
/// optimisation of row multipliers on a core of low reduced-cost columns with periodic pricing,
/// greedy covering on Lagrangian costs, column fixing, and refinement around the best cover.
///
/// All state is for one instance; `run` may be called once.
final class LagrangianHeuristic {
  let instance: SetCoverInstance
  let rowCount: Int
  let columnCount: Int
  let costs: [Double]
  let stopwatch: Stopwatch
  var random: SplitMix64
  let report: (Double, Double) -> Void
  /// The maximum number of subgradient iterations before the first column fixing.
  var firstPhaseLimit = Int.max
  /// Each column-fixing step fixes one column per this many rows left uncovered. Instances with
  /// at least 20 columns per row, such as the rail crew-scheduling ones, fix more slowly,
  /// because on rail507 fixing per 200 rows reached 174 to 175 against 176 to 177 per 50 rows.
  private let fixingDivisor: Int

  /// The best cover found, as column ids of `instance`.
  private(set) var bestCover: [Int32] = []
  private(set) var bestCost = Double.infinity
  /// A valid lower bound on the optimum of `instance`.
  private(set) var lowerBound = 0.0
  /// Multipliers that gave `lowerBound`.
  private(set) var bestMultipliers: [Double]

  // Columns fixed to 1 by the current column-fixing step and the rows they cover.
  private var fixed: [Bool]
  private var fixedList: [Int32] = []
  private var fixedCost = 0.0
  private var rowActive: [Bool]
  private var activeRowCount: Int

  // The core: candidate columns and, per row, the core columns covering it.
  private var core: [Int32] = []
  private var coreRowStart: [Int]
  private var coreRowColumns: [Int32] = []

  private var reducedCost: [Double]
  private var pricingPeriod = 10
  private var inCore: [Bool]
  private var subgradient: [Double]
  private var greedy: LagrangianGreedy
  private let minimumPositiveCost: Double

  init(
    instance: SetCoverInstance, seed: UInt64, stopwatch: Stopwatch,
    report: @escaping (Double, Double) -> Void
  ) {
    self.instance = instance
    rowCount = instance.rowCount
    columnCount = instance.columnCount
    costs = instance.costs
    self.stopwatch = stopwatch
    random = SplitMix64(seed: seed)
    self.report = report
    bestMultipliers = [Double](repeating: 0, count: instance.rowCount)
    fixed = [Bool](repeating: false, count: instance.columnCount)
    rowActive = [Bool](repeating: true, count: instance.rowCount)
    activeRowCount = instance.rowCount
    coreRowStart = [Int](repeating: 0, count: instance.rowCount + 1)
    reducedCost = [Double](repeating: 0, count: instance.columnCount)
    inCore = [Bool](repeating: false, count: instance.columnCount)
    subgradient = [Double](repeating: 0, count: instance.rowCount)
    greedy = LagrangianGreedy(rowCount: instance.rowCount, columnCount: instance.columnCount)
    minimumPositiveCost = instance.costs.filter { $0 > 0 }.min() ?? 1
    fixingDivisor = instance.columnCount >= 20 * max(instance.rowCount, 1) ? 200 : 50
  }

  /// The smallest cost a cover can have given `lowerBound`.
  var provenBound: Double {
    instance.hasIntegralCosts ? (lowerBound - 1e-6).rounded(.up) : lowerBound
  }

  var isProvenOptimal: Bool { bestCost <= provenBound + 1e-9 }

  /// Runs the heuristic until the time limit, a proof of optimality, `maximumRounds` refinement
  /// rounds, or a run of rounds without improvement.
  ///
  /// The search stops after a number of rounds without improvement, called the patience. It is
  /// 12 on weighted instances with at least 40 000 incidences and at most 20 columns per row on
  /// average, 6 on other weighted instances with fewer than 20 columns per row, and 3 otherwise.
  /// On OR-Library, the dense scpnre and scpnrf classes keep improving in late rounds, and 6
  /// rounds reach the best known value on scpb3 and scpd4 where 3 end one above. On the
  /// many-column rail507 and on unicost instances extra rounds cost more than they find.
  /// Counting rounds instead of seconds keeps the result the same for a seed on any machine.
  func run(maximumRounds: Int = 60) {
    let weighted = costs.contains { $0 != costs.first }
    let dense =
      instance.nonzeroCount >= 40_000 && columnCount <= 20 * max(rowCount, 1)
    let manyColumns = columnCount >= 20 * max(rowCount, 1)
    let patience: Int
    if weighted && dense {
      patience = 12
    } else if weighted && !manyColumns {
      patience = 6
    } else {
      patience = 3
    }
    guard rowCount > 0 else {
      bestCover = []
      bestCost = 0
      return
    }
    var multipliers = initialMultipliers()
    var fraction = 0.3
    var round = 0
    var roundsWithoutImprovement = 0
    while round < maximumRounds && !stopwatch.isExpired && !isProvenOptimal {
      let costBefore = bestCost
      threePhase(start: multipliers, firstRound: round == 0)
      round += 1
      if isProvenOptimal || stopwatch.isExpired { break }
      if bestCost < costBefore - 1e-9 {
        roundsWithoutImprovement = 0
      } else {
        roundsWithoutImprovement += 1
      }
      // Refinement: fix the columns of the best cover that contribute least to its cost above the
      // lower bound until they cover `fraction` of the rows, then search around them.
      fixFromBestCover(fraction: fraction)
      fraction *= 1.1
      if fraction > 0.95 {
        fraction = 0.3
      }
      if roundsWithoutImprovement >= patience && round >= patience { break }
      multipliers = bestMultipliers
      for i in 0..<rowCount {
        multipliers[i] *= 0.9 + 0.2 * random.nextUnit()
      }
    }
  }

  private func initialMultipliers() -> [Double] {
    var multipliers = [Double](repeating: .infinity, count: rowCount)
    for j in 0..<columnCount {
      let rows = instance.rows(ofColumn: j)
      guard !rows.isEmpty else { continue }
      let share = costs[j] / Double(rows.count)
      for row in rows where share < multipliers[Int(row)] {
        multipliers[Int(row)] = share
      }
    }
    for i in 0..<rowCount where !multipliers[i].isFinite {
      multipliers[i] = 0
    }
    return multipliers
  }

  // MARK: - Fixing

  private func clearFixing() {
    for column in fixedList { fixed[Int(column)] = false }
    fixedList.removeAll()
    fixedCost = 0
    for i in 0..<rowCount { rowActive[i] = true }
    activeRowCount = rowCount
  }

  private func fix(_ column: Int32) {
    let j = Int(column)
    guard !fixed[j] else { return }
    fixed[j] = true
    fixedList.append(column)
    fixedCost += costs[j]
    for row in instance.rows(ofColumn: j) where rowActive[Int(row)] {
      rowActive[Int(row)] = false
      activeRowCount -= 1
    }
  }

  /// Fixes the columns of the best cover with the smallest Lagrangian contribution until they
  /// cover `fraction` of all rows.
  private func fixFromBestCover(fraction: Double) {
    clearFixing()
    guard !bestCover.isEmpty else { return }
    let multipliers = bestMultipliers
    var coverCount = [Int32](repeating: 0, count: rowCount)
    for column in bestCover {
      for row in instance.rows(ofColumn: Int(column)) { coverCount[Int(row)] += 1 }
    }
    var scored: [(Double, Int32)] = []
    for column in bestCover {
      var reduced = costs[Int(column)]
      var overlap = 0.0
      for row in instance.rows(ofColumn: Int(column)) {
        let u = multipliers[Int(row)]
        reduced -= u
        let count = Double(coverCount[Int(row)])
        overlap += u * (count - 1) / count
      }
      scored.append((max(reduced, 0) + overlap, column))
    }
    scored.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
    let target = Int(fraction * Double(rowCount))
    for (_, column) in scored {
      if rowCount - activeRowCount >= target { break }
      fix(column)
    }
  }

  // MARK: - Core and pricing

  /// Recomputes reduced costs of all free columns and returns the Lagrangian bound of the problem
  /// left after fixing; rebuilds the core from those reduced costs.
  @discardableResult
  private func price(_ multipliers: [Double]) -> Double {
    var bound = 0.0
    for i in 0..<rowCount where rowActive[i] {
      bound += multipliers[i]
    }
    var unused: [Double] = []
    bound += Self.updateReducedCosts(
      of: nil, instance: instance, multipliers: multipliers, rowActive: rowActive, fixed: fixed,
      reducedCost: &reducedCost, subgradient: &unused)
    buildCore()
    return bound
  }

  /// Stores the reduced cost over active rows of each column in `columns` (all columns not
  /// `fixed` when `columns` is nil) and returns the sum of the negative ones. When `subgradient`
  /// is not empty, subtracts 1 from it at every row of a column with negative reduced cost.
  ///
  /// Works on raw buffers because this loop dominates the running time.
  private static func updateReducedCosts(
    of columns: [Int32]?, instance: SetCoverInstance, multipliers: [Double], rowActive: [Bool],
    fixed: [Bool]?, reducedCost: inout [Double], subgradient: inout [Double]
  ) -> Double {
    let tracksSubgradient = !subgradient.isEmpty
    var negativeSum = 0.0
    instance.columnStart.withUnsafeBufferPointer { start in
      instance.columnRows.withUnsafeBufferPointer { rows in
        instance.costs.withUnsafeBufferPointer { costs in
          multipliers.withUnsafeBufferPointer { u in
            rowActive.withUnsafeBufferPointer { active in
              reducedCost.withUnsafeMutableBufferPointer { reduced in
                subgradient.withUnsafeMutableBufferPointer { g in
                  func visit(_ j: Int) {
                    var value = costs[j]
                    let lower = start[j]
                    let upper = start[j + 1]
                    for k in lower..<upper {
                      let row = Int(rows[k])
                      if active[row] { value -= u[row] }
                    }
                    reduced[j] = value
                    if value < 0 {
                      negativeSum += value
                      if tracksSubgradient {
                        for k in lower..<upper { g[Int(rows[k])] -= 1 }
                      }
                    }
                  }
                  if let columns {
                    for column in columns { visit(Int(column)) }
                  } else if let fixed {
                    for j in 0..<costs.count where !fixed[j] { visit(j) }
                  }
                }
              }
            }
          }
        }
      }
    }
    return negativeSum
  }

  /// Keeps columns with a reduced cost below a tenth of the smallest positive cost (at most five
  /// per row overall, lowest first) plus the five lowest of every row.
  private func buildCore() {
    for column in core { inCore[Int(column)] = false }
    var members: [Int32] = []
    let threshold = 0.1 * minimumPositiveCost
    var cheap: [Int32] = []
    for j in 0..<columnCount where !fixed[j] && reducedCost[j] < threshold {
      cheap.append(Int32(j))
    }
    let cap = 5 * activeRowCount
    if cheap.count > cap {
      cheap.sort {
        reducedCost[Int($0)] < reducedCost[Int($1)]
          || (reducedCost[Int($0)] == reducedCost[Int($1)] && $0 < $1)
      }
      cheap.removeLast(cheap.count - cap)
    }
    for column in cheap {
      inCore[Int(column)] = true
      members.append(column)
    }
    var best: [Int32] = []
    for i in 0..<rowCount where rowActive[i] {
      best.removeAll(keepingCapacity: true)
      for rawColumn in instance.columns(ofRow: i) where !fixed[Int(rawColumn)] {
        let column = Int32(rawColumn)
        // Insertion into a short list of the five lowest reduced costs.
        let r = reducedCost[Int(column)]
        if best.count < 5 || r < reducedCost[Int(best[best.count - 1])] {
          var position = best.count
          while position > 0 && reducedCost[Int(best[position - 1])] > r { position -= 1 }
          best.insert(column, at: position)
          if best.count > 5 { best.removeLast() }
        }
      }
      for column in best where !inCore[Int(column)] {
        inCore[Int(column)] = true
        members.append(column)
      }
    }
    members.sort()
    core = members

    for i in 0...rowCount { coreRowStart[i] = 0 }
    for column in core {
      for row in instance.rows(ofColumn: Int(column)) where rowActive[Int(row)] {
        coreRowStart[Int(row) + 1] += 1
      }
    }
    for i in 0..<rowCount { coreRowStart[i + 1] += coreRowStart[i] }
    var cursor = coreRowStart
    coreRowColumns = [Int32](repeating: 0, count: coreRowStart[rowCount])
    for column in core {
      for row in instance.rows(ofColumn: Int(column)) where rowActive[Int(row)] {
        coreRowColumns[cursor[Int(row)]] = column
        cursor[Int(row)] += 1
      }
    }
  }

  // MARK: - Subgradient optimisation

  /// Runs subgradient steps on the core from `multipliers`, pricing all columns periodically.
  ///
  /// Returns the best full Lagrangian bound of the problem left after fixing and the multipliers
  /// that gave it. With `greedyEvery` set, covers are built from the current multipliers every
  /// that many iterations, and the core is not priced: the call then returns minus infinity and
  /// the multipliers of the best core bound.
  private func optimiseMultipliers(
    _ multipliers: inout [Double], maximumIterations: Int, greedyEvery: Int?
  ) -> (bound: Double, multipliers: [Double]) {
    let prices = greedyEvery == nil
    var stepScale = 0.1
    // After a fixing step the core stays valid, because its fixed columns and covered rows drop
    // out of the sums, so pricing keeps its schedule instead of starting with a full pass.
    let keepsSchedule = prices && !fixedList.isEmpty
    var nextPricing = keepsSchedule ? pricingPeriod : 0
    var bestFull = -Double.infinity
    var bestFullMultipliers = multipliers
    var windowBest = -Double.infinity
    var windowWorst = Double.infinity
    var bestCore = -Double.infinity
    var bestCoreMultipliers = multipliers
    var coreSincePricing = -Double.infinity
    var bestCoreAtCheck = -Double.infinity
    let upperTarget = bestCost - fixedCost

    func priceAndRecord(_ candidate: [Double]) -> Double {
      let full = price(candidate)
      if full > bestFull {
        bestFull = full
        bestFullMultipliers = candidate
        if fixedList.isEmpty && full > lowerBound {
          lowerBound = full
          bestMultipliers = candidate
          report(bestCost, lowerBound)
        }
      }
      return full
    }

    for iteration in 0..<maximumIterations {
      if iteration == nextPricing && prices {
        let full = priceAndRecord(multipliers)
        if fixedList.isEmpty && isProvenOptimal { break }
        if fixedCost > 0 && fixedCost + bestFull >= bestCost - 1e-9 { break }
        let coreGap = (coreSincePricing - full) / max(abs(upperTarget), 1)
        if coreSincePricing == -Double.infinity {
          if !keepsSchedule { pricingPeriod = 10 }
        } else if coreGap <= 1e-6 {
          pricingPeriod = min(pricingPeriod * 10, 1000)
        } else if coreGap <= 0.02 {
          pricingPeriod = min(pricingPeriod * 5, 1000)
        } else if coreGap <= 0.2 {
          pricingPeriod = min(pricingPeriod * 2, 1000)
        } else {
          pricingPeriod = 10
        }
        nextPricing = iteration + pricingPeriod
        coreSincePricing = -Double.infinity
        if stopwatch.isExpired { break }
      }

      // Lagrangian bound on the core and its subgradient.
      var bound = 0.0
      for i in 0..<rowCount {
        if rowActive[i] {
          bound += multipliers[i]
          subgradient[i] = 1
        } else {
          subgradient[i] = 0
        }
      }
      bound += Self.updateReducedCosts(
        of: core, instance: instance, multipliers: multipliers, rowActive: rowActive,
        fixed: nil, reducedCost: &reducedCost, subgradient: &subgradient)
      coreSincePricing = max(coreSincePricing, bound)
      if bound > bestCore {
        bestCore = bound
        bestCoreMultipliers = multipliers
      }
      windowBest = max(windowBest, bound)
      windowWorst = min(windowWorst, bound)

      var norm = 0.0
      for i in 0..<rowCount where rowActive[i] {
        if multipliers[i] == 0 && subgradient[i] < 0 { subgradient[i] = 0 }
        norm += subgradient[i] * subgradient[i]
      }
      if let every = greedyEvery, iteration % every == 0 {
        buildCover(multipliers)
      }
      if norm == 0 {
        // The core solution covers every row once; pricing decides whether it is optimal.
        if iteration + 1 < nextPricing { nextPricing = iteration + 1 }
        continue
      }
      let gap = max(upperTarget - bound, 1e-3 * minimumPositiveCost)
      let step = stepScale * gap / norm
      for i in 0..<rowCount where rowActive[i] {
        let value = multipliers[i] + step * subgradient[i]
        multipliers[i] = value > 0 ? value : 0
      }

      if (iteration + 1) % 20 == 0 {
        let spread = (windowBest - windowWorst) / max(abs(windowBest), 1e-9)
        if spread > 0.1 {
          stepScale *= 0.5
        } else if spread < 0.001 {
          stepScale = min(stepScale * 1.5, 10)
        }
        windowBest = -Double.infinity
        windowWorst = Double.infinity
        if stepScale < 1e-5 { break }
      }
      if greedyEvery == nil && (iteration + 1) % 300 == 0 {
        if bestCore - bestCoreAtCheck < 1e-3 * max(abs(bestCore), 1e-9) { break }
        bestCoreAtCheck = bestCore
      }
    }
    guard prices else { return (-Double.infinity, bestCoreMultipliers) }
    _ = priceAndRecord(bestCoreMultipliers)
    return (bestFull, bestFullMultipliers)
  }

  // MARK: - Covers

  /// Builds a cover greedily from `multipliers`, completes it with the fixed columns, removes
  /// redundant columns and keeps it when it is the best so far.
  @discardableResult
  private func buildCover(_ multipliers: [Double], limit: Int = Int.max) -> [Int32] {
    let chosen = greedy.run(
      instance: instance, multipliers: multipliers, rowActive: rowActive, candidates: core,
      rowStart: coreRowStart, rowColumns: coreRowColumns, limit: limit)
    guard limit == Int.max else { return chosen }
    var cover = fixedList + chosen
    guard instance.isCover(cover.map { UInt32($0) }) else { return chosen }
    removeRedundantColumns(&cover, instance: instance)
    var cost = 0.0
    for column in cover { cost += costs[Int(column)] }
    if cost < bestCost - 1e-9 {
      bestCost = cost
      bestCover = cover
      report(bestCost, lowerBound)
    }
    return chosen
  }

  /// Repeats the three phases (subgradient, heuristic, column fixing) until the rows left after
  /// fixing are covered or cannot lead to a better cover.
  private func threePhase(start: [Double], firstRound: Bool) {
    var multipliers = start
    for i in 0..<rowCount where !rowActive[i] { multipliers[i] = 0 }
    price(multipliers)
    buildCover(multipliers)
    while activeRowCount > 0 && !stopwatch.isExpired {
      let length =
        firstRound && fixedList.isEmpty ? min(10 * rowCount + 1000, firstPhaseLimit) : 100
      let phase = optimiseMultipliers(
        &multipliers, maximumIterations: length, greedyEvery: nil)
      if isProvenOptimal || stopwatch.isExpired { return }
      if fixedCost + phase.bound >= bestCost - 1e-9 { return }
      multipliers = phase.multipliers
      var heuristicMultipliers = multipliers
      _ = optimiseMultipliers(&heuristicMultipliers, maximumIterations: 50, greedyEvery: 2)
      if isProvenOptimal || stopwatch.isExpired { return }

      // Column fixing: keep the first columns greedy picks from the best multipliers.
      // The core priced at the end of the subgradient phase serves the fixing step too.
      let count = max(1, activeRowCount / fixingDivisor)
      let picks = buildCover(multipliers, limit: count)
      if picks.isEmpty { return }
      for column in picks { fix(column) }
      for i in 0..<rowCount where !rowActive[i] { multipliers[i] = 0 }
    }
    if activeRowCount == 0 {
      var cover = fixedList
      removeRedundantColumns(&cover, instance: instance)
      let cost = cover.reduce(0.0) { $0 + costs[Int($1)] }
      if cost < bestCost - 1e-9 {
        bestCost = cost
        bestCover = cover
        report(bestCost, lowerBound)
      }
    }
  }
}
