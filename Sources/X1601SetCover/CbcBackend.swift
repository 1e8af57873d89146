import CCbc

/// Solves a set-cover instance as a 0-1 program with CBC through its C interface.
///
/// The model is `min c·x` subject to `A x >= 1`, `x` binary. CBC's log is switched off, so
/// nothing is printed.
enum CbcBackend {
  struct Outcome {
    /// The best cover CBC found, empty when it found none below the cutoff.
    var cover: [Int32]
    var cost: Double
    /// CBC's best possible objective value.
    var bound: Double
    var isProvenOptimal: Bool
    /// Whether CBC proved that no cover costs less than the cutoff.
    var isProvenInfeasible: Bool
  }

  /// Solves `instance` restricted to `columns`, accepting only covers that cost less than
  /// `cutoff`, within `seconds`.
  static func solve(
    _ instance: SetCoverInstance, columns: [Int32], cutoff: Double, seconds: Double
  ) -> Outcome {
    guard let model = Cbc_newModel() else {
      return Outcome(
        cover: [], cost: .infinity, bound: -.infinity, isProvenOptimal: false,
        isProvenInfeasible: false)
    }
    defer { Cbc_deleteModel(model) }

    var start: [CoinBigIndex] = [0]
    var index: [Int32] = []
    var objective: [Double] = []
    for column in columns {
      for row in instance.rows(ofColumn: Int(column)) { index.append(Int32(row)) }
      start.append(CoinBigIndex(index.count))
      objective.append(instance.costs[Int(column)])
    }
    let values = [Double](repeating: 1, count: index.count)
    let lower = [Double](repeating: 0, count: columns.count)
    let upper = [Double](repeating: 1, count: columns.count)
    let rowLower = [Double](repeating: 1, count: instance.rowCount)
    Cbc_loadProblem(
      model, Int32(columns.count), Int32(instance.rowCount), start, index, values, lower, upper,
      objective, rowLower, nil)
    for j in 0..<columns.count { Cbc_setInteger(model, Int32(j)) }
    Cbc_setObjSense(model, 1)
    Cbc_setLogLevel(model, 0)
    Cbc_setParameter(model, "log", "0")
    Cbc_setParameter(model, "slog", "0")
    Cbc_setMaximumSeconds(model, max(seconds, 0.01))
    if cutoff.isFinite { Cbc_setCutoff(model, cutoff) }
    Cbc_solve(model)

    let infeasible = Cbc_isProvenInfeasible(model) != 0
    let optimal = Cbc_isProvenOptimal(model) != 0
    let bound = Cbc_getBestPossibleObjValue(model)
    var cover: [Int32] = []
    var cost = Double.infinity
    if let solution = Cbc_bestSolution(model) {
      var total = 0.0
      for k in 0..<columns.count where solution[k] > 0.5 {
        cover.append(columns[k])
        total += instance.costs[Int(columns[k])]
      }
      if instance.isCover(cover.map { UInt32($0) }) {
        cost = total
      } else {
        cover = []
      }
    }
    return Outcome(
      cover: cover, cost: cost, bound: bound, isProvenOptimal: optimal && !cover.isEmpty,
      isProvenInfeasible: infeasible)
  }
}
