import Foundation
import X1601SetCover

/// Exact budgeted maximum coverage by branch and bound: columns of total cost at most a budget
/// that cover the most rows.
///
/// Columns are decided in order of rows per unit cost, include first. A branch is pruned when
/// the rows covered so far plus the fractional knapsack of the undecided columns' new rows
/// within the remaining budget cannot beat the incumbent. Coverage is submodular: the new rows
/// of a set of columns are at most the sum of their new rows one by one, so the bound is valid.
/// The search starts from the greedy solution and stops at a time limit.
struct BudgetedCoverageSearch {
  let instance: SetCoverInstance
  let budget: Double
  let deadline: ContinuousClock.Instant
  let clock = ContinuousClock()

  /// The maximum number of columns for the search, which recurses once per column.
  static let columnLimit = 10_000

  /// Columns in the order they are decided.
  private(set) var order: [Int] = []
  /// How many chosen columns cover each row.
  private var coverCount: [Int32]
  private var chosen: [Int] = []
  private var spent = 0.0
  private var value = 0
  private(set) var bestColumns: [Int] = []
  private(set) var bestValue = 0
  /// The bound at the root: no solution covers more rows.
  private(set) var rootBound = 0.0
  /// Whether the search finished, so that `bestValue` is the optimum.
  private(set) var isComplete = false
  private var visited = 0

  init(instance: SetCoverInstance, budget: Double, seconds: Double) {
    self.instance = instance
    self.budget = budget
    deadline = ContinuousClock().now + .milliseconds(Int64(max(0, seconds) * 1000))
    coverCount = [Int32](repeating: 0, count: instance.rowCount)
  }

  /// The number of rows that column `column` would add.
  private func gain(_ column: Int) -> Int {
    var count = 0
    for row in instance.rows(ofColumn: column) where coverCount[Int(row)] == 0 { count += 1 }
    return count
  }

  private mutating func take(_ column: Int) {
    chosen.append(column)
    spent += instance.costs[column]
    for row in instance.rows(ofColumn: column) {
      if coverCount[Int(row)] == 0 { value += 1 }
      coverCount[Int(row)] += 1
    }
  }

  private mutating func drop(_ column: Int) {
    chosen.removeLast()
    spent -= instance.costs[column]
    for row in instance.rows(ofColumn: column) {
      coverCount[Int(row)] -= 1
      if coverCount[Int(row)] == 0 { value -= 1 }
    }
  }

  /// The covered rows plus the fractional knapsack of the new rows of the columns from
  /// position `from` of `order` within the remaining budget.
  private func bound(from position: Int) -> Double {
    var candidates: [(ratio: Double, gain: Double, cost: Double)] = []
    var free = 0.0
    for index in position..<order.count {
      let column = order[index]
      let rows = Double(gain(column))
      guard rows > 0 else { continue }
      let cost = instance.costs[column]
      if cost <= 0 {
        free += rows
      } else if cost <= budget - spent + 1e-9 {
        candidates.append((rows / cost, rows, cost))
      }
    }
    candidates.sort { $0.ratio > $1.ratio }
    var capacity = budget - spent
    var total = Double(value) + free
    for candidate in candidates {
      if candidate.cost <= capacity {
        total += candidate.gain
        capacity -= candidate.cost
      } else {
        total += candidate.gain * max(0, capacity) / candidate.cost
        break
      }
    }
    return total
  }

  /// Takes columns greedily by new rows per unit cost, free columns first, and keeps the better
  /// of that and the best single affordable column.
  mutating func runGreedy() {
    var taken = [Bool](repeating: false, count: instance.columnCount)
    while true {
      var best = -1
      var bestRatio = 0.0
      for column in 0..<instance.columnCount where !taken[column] {
        let cost = instance.costs[column]
        guard spent + cost <= budget + 1e-9 else { continue }
        let rows = gain(column)
        guard rows > 0 else { continue }
        let ratio = cost <= 0 ? Double.infinity : Double(rows) / cost
        if best < 0 || ratio > bestRatio {
          best = column
          bestRatio = ratio
        }
      }
      guard best >= 0 else { break }
      taken[best] = true
      take(best)
    }
    bestColumns = chosen
    bestValue = value
    while let last = chosen.last { drop(last) }

    var single = -1
    var singleRows = 0
    for column in 0..<instance.columnCount where instance.costs[column] <= budget + 1e-9 {
      let rows = instance.rows(ofColumn: column).count
      if rows > singleRows {
        single = column
        singleRows = rows
      }
    }
    if single >= 0 && singleRows > bestValue {
      bestColumns = [single]
      bestValue = singleRows
    }
  }

  /// Runs the greedy start and then, when `exact`, the branch and bound.
  mutating func run(exact: Bool) {
    let instance = self.instance
    var order = (0..<instance.columnCount).filter { instance.costs[$0] <= budget + 1e-9 }
    order.sort { lhs, rhs in
      let left = Double(instance.rows(ofColumn: lhs).count) / max(instance.costs[lhs], 1e-12)
      let right = Double(instance.rows(ofColumn: rhs).count) / max(instance.costs[rhs], 1e-12)
      return (left, rhs) > (right, lhs)
    }
    self.order = order
    runGreedy()
    rootBound = min(Double(instance.rowCount), bound(from: 0))
    if Double(bestValue) >= rootBound - 1e-9 {
      isComplete = true
      return
    }
    guard exact else { return }
    isComplete = search(0)
  }

  /// Depth-first search over the columns from `position`; returns false when the time runs
  /// out.
  private mutating func search(_ position: Int) -> Bool {
    visited += 1
    if visited & 255 == 0 && clock.now >= deadline { return false }
    if value > bestValue {
      bestValue = value
      bestColumns = chosen
    }
    guard position < order.count, bestValue < instance.rowCount else { return true }
    guard bound(from: position) > Double(bestValue) + 1e-9 else { return true }
    let column = order[position]
    if spent + instance.costs[column] <= budget + 1e-9 && gain(column) > 0 {
      take(column)
      let finished = search(position + 1)
      drop(column)
      if !finished { return false }
    }
    return search(position + 1)
  }
}
