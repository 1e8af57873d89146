/// Row-weighting local search for set cover, extended to weighted costs by ranking columns by
/// score per unit cost.
///
/// Every row has a weight, raised by 1 each step it stays uncovered. A column outside the cover
/// scores the weight of the uncovered rows it would cover. A column in the cover scores minus the
/// weight of the rows only it covers. While the cover is complete the search records it and drops
/// the column of best score per cost. Otherwise it swaps: drop the best-scoring column (not the
/// one just added), then add the best column of a random uncovered row among those whose
/// neighbourhood changed since they were dropped (configuration checking).
struct RowWeightingSearch {
  let instance: SetCoverInstance
  var random: SplitMix64

  private var inCover: [Bool]
  private var score: [Double]
  private var weight: [Double]
  private var coverCount: [Int32]
  /// Sum of the ids of the cover's columns covering each row; equals the column when one does.
  private var coveringSum: [Int]
  private var canAdd: [Bool]
  private var timestamp: [Int]
  private var cover: [Int32] = []
  private var positionInCover: [Int32]
  private var uncovered: [Int32] = []
  private var positionInUncovered: [Int32]
  private var cost = 0.0

  private(set) var bestCover: [Int32]
  private(set) var bestCost: Double

  init(instance: SetCoverInstance, start: [Int32], seed: UInt64) {
    self.instance = instance
    random = SplitMix64(seed: seed ^ 0x5EED_0F_5EA_2C4)
    let rowCount = instance.rowCount
    let columnCount = instance.columnCount
    inCover = [Bool](repeating: false, count: columnCount)
    score = [Double](repeating: 0, count: columnCount)
    weight = [Double](repeating: 1, count: rowCount)
    coverCount = [Int32](repeating: 0, count: rowCount)
    coveringSum = [Int](repeating: 0, count: rowCount)
    canAdd = [Bool](repeating: true, count: columnCount)
    timestamp = [Int](repeating: 0, count: columnCount)
    positionInCover = [Int32](repeating: -1, count: columnCount)
    positionInUncovered = [Int32](repeating: -1, count: rowCount)
    bestCover = start
    bestCost = start.reduce(0.0) { $0 + instance.costs[Int($1)] }

    for column in start {
      inCover[Int(column)] = true
      positionInCover[Int(column)] = Int32(cover.count)
      cover.append(column)
      cost += instance.costs[Int(column)]
      for row in instance.rows(ofColumn: Int(column)) {
        coverCount[Int(row)] += 1
        coveringSum[Int(row)] += Int(column)
      }
    }
    for i in 0..<rowCount where coverCount[i] == 0 {
      positionInUncovered[i] = Int32(uncovered.count)
      uncovered.append(Int32(i))
    }
    for j in 0..<columnCount {
      score[j] = computeScore(j)
    }
  }

  private func computeScore(_ j: Int) -> Double {
    var total = 0.0
    if inCover[j] {
      for row in instance.rows(ofColumn: j) where coverCount[Int(row)] == 1 {
        total -= weight[Int(row)]
      }
    } else {
      for row in instance.rows(ofColumn: j) where coverCount[Int(row)] == 0 {
        total += weight[Int(row)]
      }
    }
    return total
  }

  /// Score per unit cost; zero-cost columns rank by score alone, ahead of all others.
  @inline(__always)
  private func ratio(_ j: Int) -> Double {
    let c = instance.costs[j]
    return c > 0 ? score[j] / c : score[j] * 1e12
  }

  private mutating func add(_ j: Int, step: Int) {
    inCover[j] = true
    positionInCover[j] = Int32(cover.count)
    cover.append(Int32(j))
    cost += instance.costs[j]
    timestamp[j] = step
    for row in instance.rows(ofColumn: j) {
      let i = Int(row)
      let count = coverCount[i]
      if count == 0 {
        for other in instance.columns(ofRow: i) where Int(other) != j {
          score[Int(other)] -= weight[i]
        }
        removeUncovered(i)
      } else if count == 1 {
        let only = coveringSum[i]
        score[only] += weight[i]
      }
      coverCount[i] = count + 1
      coveringSum[i] += j
    }
    score[j] = computeScore(j)
  }

  private mutating func remove(_ j: Int, step: Int) {
    inCover[j] = false
    let position = Int(positionInCover[j])
    let last = cover.removeLast()
    if Int(last) != j {
      cover[position] = last
      positionInCover[Int(last)] = Int32(position)
    }
    positionInCover[j] = -1
    cost -= instance.costs[j]
    timestamp[j] = step
    canAdd[j] = false
    for row in instance.rows(ofColumn: j) {
      let i = Int(row)
      coverCount[i] -= 1
      coveringSum[i] -= j
      let count = coverCount[i]
      if count == 0 {
        for other in instance.columns(ofRow: i) where Int(other) != j {
          score[Int(other)] += weight[i]
        }
        positionInUncovered[i] = Int32(uncovered.count)
        uncovered.append(Int32(i))
      } else if count == 1 {
        score[coveringSum[i]] -= weight[i]
      }
    }
    score[j] = computeScore(j)
    canAdd[j] = false
  }

  private mutating func removeUncovered(_ i: Int) {
    let position = Int(positionInUncovered[i])
    let last = uncovered.removeLast()
    if Int(last) != i {
      uncovered[position] = last
      positionInUncovered[Int(last)] = Int32(position)
    }
    positionInUncovered[i] = -1
  }

  /// Returns the cover column with the best score per cost, oldest first on ties, skipping
  /// `excluded`. Samples 1000 random columns of larger covers.
  private mutating func columnToRemove(excluding excluded: Int) -> Int {
    var best = -1
    var bestRatio = -Double.infinity
    let sampleSize = 1000
    let sampled = cover.count > sampleSize
    let count = sampled ? sampleSize : cover.count
    for k in 0..<count {
      let j = Int(sampled ? cover[random.next(below: cover.count)] : cover[k])
      if j == excluded { continue }
      let r = ratio(j)
      if r > bestRatio || (r == bestRatio && timestamp[j] < timestamp[best]) {
        best = j
        bestRatio = r
      }
    }
    return best
  }

  /// Runs at most `steps` swap steps, and stops early after `stallSteps` steps in a row without
  /// a cheaper cover or when `shouldStop` returns true (checked every 256 steps).
  mutating func run(steps: Int, stallSteps: Int = Int.max, shouldStop: () -> Bool) {
    var justAdded = -1
    var lastImprovement = 0
    for step in 1...max(steps, 1) {
      if step & 255 == 0 && shouldStop() { break }
      if step - lastImprovement > stallSteps { break }
      while uncovered.isEmpty {
        if cost < bestCost - 1e-9 {
          bestCost = cost
          bestCover = cover
          lastImprovement = step
        }
        let j = columnToRemove(excluding: -1)
        guard j >= 0 else { return }
        remove(j, step: step)
      }
      let dropped = columnToRemove(excluding: justAdded)
      if dropped >= 0 {
        remove(dropped, step: step)
      }

      // Add the best column of a random uncovered row.
      let row = Int(uncovered[random.next(below: uncovered.count)])
      var best = -1
      var bestRatio = -Double.infinity
      for column in instance.columns(ofRow: row) {
        let j = Int(column)
        guard canAdd[j] else { continue }
        let r = ratio(j)
        if r > bestRatio || (r == bestRatio && timestamp[j] < timestamp[best]) {
          best = j
          bestRatio = r
        }
      }
      if best < 0 {
        // Every column of the row was dropped since its neighbourhood last changed.
        for column in instance.columns(ofRow: row) {
          best = Int(column)
          break
        }
      }
      add(best, step: step)
      justAdded = best

      // Raise the weights of rows still uncovered.
      for raw in uncovered {
        let i = Int(raw)
        weight[i] += 1
        for column in instance.columns(ofRow: i) {
          score[Int(column)] += 1
        }
      }

      // Drop columns that became redundant.
      var k = 0
      while k < cover.count {
        let j = Int(cover[k])
        if score[j] == 0 && j != best {
          remove(j, step: step)
        } else {
          k += 1
        }
      }
    }
    if uncovered.isEmpty && cost < bestCost - 1e-9 {
      bestCost = cost
      bestCover = cover
    }
  }
}
