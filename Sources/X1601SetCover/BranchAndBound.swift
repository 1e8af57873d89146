/// Depth-first branch and bound with a Lagrangian bound at every node.
///
/// A node fixes some columns in and some out. Its bound is the Lagrangian bound of the uncovered
/// rows over the free columns, after a few subgradient steps warm-started from the parent's
/// multipliers. Free columns whose reduced cost lifts the bound to the incumbent are fixed out.
/// Branching picks the uncovered row with the fewest free columns and tries each of them in turn,
/// fixing the earlier ones out, so the children partition the covers of the node.
struct BranchAndBound {
  let instance: SetCoverInstance
  let stopwatch: Stopwatch
  let nodeLimit: Int
  /// The amount a cover must improve on the incumbent by: just under 1 for whole-number costs.
  let improvement: Double

  private(set) var incumbent: [Int32]
  private(set) var incumbentCost: Double
  private(set) var nodes = 0
  /// Whether the whole tree was searched, which proves the incumbent optimal.
  private(set) var isComplete = false

  private var status: [Int8]  // 0 free, 1 in, -1 out
  private var coverCount: [Int32]
  private var greedy: LagrangianGreedy

  init(
    instance: SetCoverInstance, incumbent: [Int32], incumbentCost: Double, stopwatch: Stopwatch,
    nodeLimit: Int
  ) {
    self.instance = instance
    self.incumbent = incumbent
    self.incumbentCost = incumbentCost
    self.stopwatch = stopwatch
    self.nodeLimit = nodeLimit
    improvement = instance.hasIntegralCosts ? 1 - 1e-6 : 1e-9
    status = [Int8](repeating: 0, count: instance.columnCount)
    coverCount = [Int32](repeating: 0, count: instance.rowCount)
    greedy = LagrangianGreedy(rowCount: instance.rowCount, columnCount: instance.columnCount)
  }

  /// Searches the tree from `multipliers`; afterwards `isComplete` records whether it finished.
  mutating func run(multipliers: [Double]) {
    var u = multipliers
    let finished = explore(fixedCost: 0, multipliers: &u, depth: 0)
    isComplete = finished
  }

  /// Returns `false` when the search stopped at a limit.
  private mutating func explore(fixedCost: Double, multipliers: inout [Double], depth: Int) -> Bool
  {
    nodes += 1
    if nodes > nodeLimit || (nodes % 64 == 0 && stopwatch.isExpired) { return false }
    let cutoff = incumbentCost - improvement
    if fixedCost > cutoff { return true }

    // Uncovered rows; a row with no free column makes the node infeasible.
    var uncovered: [Int32] = []
    for i in 0..<instance.rowCount where coverCount[i] == 0 {
      var hasFree = false
      for column in instance.columns(ofRow: i) where status[Int(column)] == 0 {
        hasFree = true
        break
      }
      if !hasFree { return true }
      uncovered.append(Int32(i))
    }
    if uncovered.isEmpty {
      var cover: [Int32] = []
      for j in 0..<instance.columnCount where status[j] == 1 { cover.append(Int32(j)) }
      incumbent = cover
      incumbentCost = fixedCost
      return true
    }

    let target = cutoff - fixedCost
    let bound = boundNode(uncovered: uncovered, multipliers: &multipliers, target: target)
    if bound.value > target { return true }

    // Reduced-cost fixing: a free column whose reduced cost lifts the bound past the cutoff is out.
    var fixedOut: [Int32] = []
    for j in 0..<instance.columnCount where status[j] == 0 {
      if bound.value + max(bound.reducedCosts[j], 0) > target {
        status[j] = -1
        fixedOut.append(Int32(j))
      }
    }
    defer { for column in fixedOut { status[Int(column)] = 0 } }

    // Try a cover from the node's multipliers.
    tryGreedy(multipliers: multipliers, fixedCost: fixedCost)

    // Branch on the uncovered row with the fewest free columns.
    var branchRow = -1
    var fewest = Int.max
    for row in uncovered {
      var count = 0
      for column in instance.columns(ofRow: Int(row)) where status[Int(column)] == 0 { count += 1 }
      if count < fewest {
        fewest = count
        branchRow = Int(row)
      }
    }
    if fewest == 0 { return true }
    var choices: [Int32] = []
    for column in instance.columns(ofRow: branchRow) where status[Int(column)] == 0 {
      choices.append(Int32(column))
    }
    choices.sort {
      bound.reducedCosts[Int($0)] < bound.reducedCosts[Int($1)]
        || (bound.reducedCosts[Int($0)] == bound.reducedCosts[Int($1)] && $0 < $1)
    }
    var excluded: [Int32] = []
    defer { for column in excluded { status[Int(column)] = 0 } }
    for column in choices {
      let j = Int(column)
      status[j] = 1
      for row in instance.rows(ofColumn: j) { coverCount[Int(row)] += 1 }
      var childMultipliers = multipliers
      let finished = explore(
        fixedCost: fixedCost + instance.costs[j], multipliers: &childMultipliers, depth: depth + 1)
      for row in instance.rows(ofColumn: j) { coverCount[Int(row)] -= 1 }
      status[j] = -1
      excluded.append(column)
      if !finished { return false }
    }
    return true
  }

  /// Runs subgradient steps on the node and returns its best Lagrangian bound (without the fixed
  /// cost) and the reduced costs at the multipliers that gave it.
  private func boundNode(
    uncovered: [Int32], multipliers: inout [Double], target: Double
  )
    -> (value: Double, reducedCosts: [Double])
  {
    let columnCount = instance.columnCount
    var reduced = [Double](repeating: 0, count: columnCount)
    var bestReduced = reduced
    var best = -Double.infinity
    var subgradient = [Double](repeating: 0, count: instance.rowCount)
    var active = [Bool](repeating: false, count: instance.rowCount)
    for row in uncovered { active[Int(row)] = true }
    for i in 0..<instance.rowCount where !active[i] { multipliers[i] = 0 }
    var stepScale = 1.0
    var sinceImprovement = 0
    for _ in 0..<60 {
      var value = 0.0
      for row in uncovered {
        value += multipliers[Int(row)]
        subgradient[Int(row)] = 1
      }
      for j in 0..<columnCount where status[j] == 0 {
        var r = instance.costs[j]
        let rows = instance.rows(ofColumn: j)
        for row in rows where active[Int(row)] { r -= multipliers[Int(row)] }
        reduced[j] = r
        if r < 0 {
          value += r
          for row in rows where active[Int(row)] { subgradient[Int(row)] -= 1 }
        }
      }
      if value > best + 1e-12 {
        best = value
        bestReduced = reduced
        sinceImprovement = 0
      } else {
        sinceImprovement += 1
        if sinceImprovement % 5 == 0 { stepScale *= 0.5 }
      }
      if best > target { break }
      var norm = 0.0
      for row in uncovered {
        let i = Int(row)
        if multipliers[i] == 0 && subgradient[i] < 0 { subgradient[i] = 0 }
        norm += subgradient[i] * subgradient[i]
      }
      if norm == 0 || stepScale < 1e-4 { break }
      let step = stepScale * max(target - value, 1e-6 * max(abs(target), 1)) / norm
      for row in uncovered {
        let i = Int(row)
        multipliers[i] = max(0, multipliers[i] + step * subgradient[i])
      }
    }
    return (best, bestReduced)
  }

  private mutating func tryGreedy(multipliers: [Double], fixedCost: Double) {
    var candidates: [Int32] = []
    var rowStart = [Int](repeating: 0, count: instance.rowCount + 1)
    for j in 0..<instance.columnCount where status[j] == 0 {
      candidates.append(Int32(j))
      for row in instance.rows(ofColumn: j) { rowStart[Int(row) + 1] += 1 }
    }
    for i in 0..<instance.rowCount { rowStart[i + 1] += rowStart[i] }
    var cursor = rowStart
    var rowColumns = [Int32](repeating: 0, count: rowStart[instance.rowCount])
    for column in candidates {
      for row in instance.rows(ofColumn: Int(column)) {
        rowColumns[cursor[Int(row)]] = column
        cursor[Int(row)] += 1
      }
    }
    let rowActive = coverCount.map { $0 == 0 }
    let chosen = greedy.run(
      instance: instance, multipliers: multipliers, rowActive: rowActive, candidates: candidates,
      rowStart: rowStart, rowColumns: rowColumns)
    var cover = chosen
    for j in 0..<instance.columnCount where status[j] == 1 { cover.append(Int32(j)) }
    guard instance.isCover(cover.map { UInt32($0) }) else { return }
    removeRedundantColumns(&cover, instance: instance)
    let cost = cover.reduce(0.0) { $0 + instance.costs[Int($1)] }
    if cost < incumbentCost - 1e-9 {
      incumbent = cover
      incumbentCost = cost
    }
  }
}
