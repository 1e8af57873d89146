/// Exact stage: proves the heuristic's cover optimal or finds the optimum.
///
/// Columns that cannot be in a cheaper cover, judged by the Lagrangian bound plus their reduced
/// cost, are dropped first. Small residual problems go to branch and bound on the Lagrangian
/// bound. Larger ones, and those branch and bound cannot close within its node limit, go to CBC.
struct ExactSolver {
  let instance: SetCoverInstance
  let incumbent: [UInt32]
  let incumbentCost: Double
  let lowerBound: Double
  let multipliers: [Double]
  let stopwatch: Stopwatch
  let report: (Double, Double) -> Void

  /// Free columns above which branch and bound is not tried.
  static let branchAndBoundColumnLimit = 400

  func solve() -> (cover: [UInt32], cost: Double, lowerBound: Double, method: String) {
    let improvement = instance.hasIntegralCosts ? 1 - 1e-6 : 1e-9
    let cutoff = incumbentCost - improvement

    // Lagrangian bound and reduced costs at the heuristic's best multipliers.
    var bound = 0.0
    for u in multipliers { bound += u }
    var reduced = instance.costs
    for j in 0..<instance.columnCount {
      for row in instance.rows(ofColumn: j) { reduced[j] -= multipliers[Int(row)] }
      if reduced[j] < 0 { bound += reduced[j] }
    }
    var kept: [Int32] = []
    for j in 0..<instance.columnCount where bound + max(reduced[j], 0) <= cutoff {
      kept.append(Int32(j))
    }
    let keptInstance = restricted(to: kept)
    if keptInstance.instance.uncoverableRows().first != nil {
      // No cheaper cover can cover every row, so the incumbent is optimal.
      return (incumbent, incumbentCost, incumbentCost, "lagrangian-fixing")
    }

    if kept.count <= Self.branchAndBoundColumnLimit {
      let local = keptInstance.instance
      var search = BranchAndBound(
        instance: local, incumbent: [], incumbentCost: incumbentCost, stopwatch: stopwatch,
        nodeLimit: 200_000)
      search.run(multipliers: multipliers)
      if search.isComplete {
        if search.incumbent.isEmpty {
          return (incumbent, incumbentCost, incumbentCost, "branch-and-bound")
        }
        let cover = search.incumbent.map { keptInstance.columns[Int($0)] }
        report(search.incumbentCost, search.incumbentCost)
        return (cover, search.incumbentCost, search.incumbentCost, "branch-and-bound")
      }
    }

    guard !stopwatch.isExpired else {
      return (incumbent, incumbentCost, lowerBound, "lagrangian")
    }
    let outcome = CbcBackend.solve(
      instance, columns: kept, cutoff: cutoff + 1e-7,
      seconds: stopwatch.limit - stopwatch.seconds)
    if outcome.isProvenInfeasible && outcome.cover.isEmpty {
      return (incumbent, incumbentCost, incumbentCost, "cbc")
    }
    if !outcome.cover.isEmpty && outcome.cost < incumbentCost {
      let cover = outcome.cover.map { UInt32($0) }
      let proven = outcome.isProvenOptimal
      let best = proven ? outcome.cost : max(lowerBound, min(outcome.bound, outcome.cost))
      report(outcome.cost, best)
      return (cover, outcome.cost, best, "cbc")
    }
    let cbcBound = outcome.bound.isFinite ? min(outcome.bound, incumbentCost) : lowerBound
    return (incumbent, incumbentCost, max(lowerBound, cbcBound), "cbc")
  }

  /// `instance` restricted to `columns`, with the map back to its column ids.
  private func restricted(to columns: [Int32]) -> (instance: SetCoverInstance, columns: [UInt32]) {
    var start = [0]
    var rows: [UInt32] = []
    for column in columns {
      rows.append(contentsOf: instance.rows(ofColumn: Int(column)))
      start.append(rows.count)
    }
    let local = SetCoverInstance(
      trustedRowCount: instance.rowCount, costs: columns.map { instance.costs[Int($0)] },
      columnStart: start, columnRows: rows)
    return (local, columns.map { UInt32($0) })
  }
}
