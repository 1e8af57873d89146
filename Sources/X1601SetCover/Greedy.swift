/// A binary min-heap of `(score, column)` pairs for lazy greedy selection.
///
/// Sifting moves a hole instead of swapping pairs and works on raw buffers, because popping took
/// about a fifth of the heuristic's processor time on rail507.
struct ScoreHeap {
  private struct Entry {
    var score: Double
    var column: Int32
  }

  private var entries: [Entry] = []

  var isEmpty: Bool { entries.isEmpty }

  mutating func removeAll() {
    entries.removeAll(keepingCapacity: true)
  }

  /// Orders by score, then by column id so that ties break the same way on every run.
  @inline(__always)
  private static func less(_ a: Entry, _ b: Entry) -> Bool {
    a.score < b.score || (a.score == b.score && a.column < b.column)
  }

  mutating func push(_ score: Double, _ column: Int32) {
    let entry = Entry(score: score, column: column)
    entries.append(entry)
    entries.withUnsafeMutableBufferPointer { heap in
      var child = heap.count - 1
      while child > 0 {
        let parent = (child - 1) / 2
        guard Self.less(entry, heap[parent]) else { break }
        heap[child] = heap[parent]
        child = parent
      }
      heap[child] = entry
    }
  }

  mutating func popMinimum() -> (score: Double, column: Int32) {
    let top = entries[0]
    let last = entries.removeLast()
    if !entries.isEmpty {
      entries.withUnsafeMutableBufferPointer { heap in
        let count = heap.count
        var parent = 0
        while true {
          let left = 2 * parent + 1
          guard left < count else { break }
          var smallest = left
          if left + 1 < count && Self.less(heap[left + 1], heap[left]) { smallest = left + 1 }
          guard Self.less(heap[smallest], last) else { break }
          heap[parent] = heap[smallest]
          parent = smallest
        }
        heap[parent] = last
      }
    }
    return (top.score, top.column)
  }
}

/// Greedy covering on Lagrangian costs, reusable across calls on one instance.
///
/// A column's score is `γ/μ` when `γ > 0` and `γ·μ` otherwise, where `μ` counts the uncovered
/// rows it covers and `γ` is its cost minus the multipliers of those rows (Caprara, Fischetti
/// and Toth 1999). With all multipliers 0 this is Chvátal's cost-per-new-row greedy. Covering a
/// row only raises scores, so a lazy heap picks the true minimum.
struct LagrangianGreedy {
  var gamma: [Double]
  var uncoveredCount: [Int32]
  var covered: [Bool]
  var heap = ScoreHeap()

  init(rowCount: Int, columnCount: Int) {
    gamma = [Double](repeating: 0, count: columnCount)
    uncoveredCount = [Int32](repeating: 0, count: columnCount)
    covered = [Bool](repeating: false, count: rowCount)
  }

  @inline(__always)
  static func score(_ gamma: Double, _ count: Int32) -> Double {
    gamma > 0 ? gamma / Double(count) : gamma * Double(count)
  }

  /// Covers the rows with `rowActive[i]` using `candidates`, and returns the chosen columns in
  /// the order they were picked; `limit` stops after that many picks.
  ///
  /// `rowColumns` lists, for each row, the candidate columns covering it (a restriction of the
  /// instance's rows). Rows no candidate covers stay uncovered.
  /// - Complexity: O(*z* log *n*) for *z* incidences among the candidates.
  mutating func run(
    instance: SetCoverInstance, multipliers: [Double], rowActive: [Bool], candidates: [Int32],
    rowStart: [Int], rowColumns: [Int32], limit: Int = Int.max
  ) -> [Int32] {
    heap.removeAll()
    var remaining = 0
    for i in 0..<instance.rowCount {
      covered[i] = !rowActive[i]
      if rowActive[i] { remaining += 1 }
    }
    for column in candidates {
      let j = Int(column)
      var g = instance.costs[j]
      var count: Int32 = 0
      for row in instance.rows(ofColumn: j) where !covered[Int(row)] {
        g -= multipliers[Int(row)]
        count += 1
      }
      gamma[j] = g
      uncoveredCount[j] = count
      if count > 0 {
        heap.push(Self.score(g, count), column)
      }
    }
    var chosen: [Int32] = []
    while remaining > 0 && !heap.isEmpty && chosen.count < limit {
      let (score, column) = heap.popMinimum()
      let j = Int(column)
      let count = uncoveredCount[j]
      guard count > 0 else { continue }
      let current = Self.score(gamma[j], count)
      if current > score {
        heap.push(current, column)
        continue
      }
      chosen.append(column)
      for row in instance.rows(ofColumn: j) where !covered[Int(row)] {
        let i = Int(row)
        covered[i] = true
        remaining -= 1
        let u = multipliers[i]
        for k in rowStart[i]..<rowStart[i + 1] {
          let other = Int(rowColumns[k])
          gamma[other] += u
          uncoveredCount[other] -= 1
        }
      }
    }
    return chosen
  }
}

/// Drops redundant columns from a cover, the most expensive first.
///
/// A column is redundant when every row it covers is covered at least twice.
/// - Complexity: O(*s* log *s* + *z*) for *s* columns in `cover` with *z* incidences.
func removeRedundantColumns(_ cover: inout [Int32], instance: SetCoverInstance) {
  var coverCount = [Int32](repeating: 0, count: instance.rowCount)
  for column in cover {
    for row in instance.rows(ofColumn: Int(column)) {
      coverCount[Int(row)] += 1
    }
  }
  let costs = instance.costs
  cover.sort { costs[Int($0)] > costs[Int($1)] || (costs[Int($0)] == costs[Int($1)] && $0 > $1) }
  var kept: [Int32] = []
  kept.reserveCapacity(cover.count)
  for column in cover {
    let rows = instance.rows(ofColumn: Int(column))
    if rows.allSatisfy({ coverCount[Int($0)] >= 2 }) {
      for row in rows {
        coverCount[Int(row)] -= 1
      }
    } else {
      kept.append(column)
    }
  }
  cover = kept
}
