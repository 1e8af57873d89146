/// An instance shrunk by reductions that keep its optimum, and the map back to the original.
///
/// The reductions are:
/// - forced columns: a row covered by exactly one column forces that column into every cover;
/// - dominated columns: a column whose rows another column covers at no greater cost
///   (ties broken by size, then id), or whose rows a strictly cheaper combination covers, taking
///   the cheapest other column of each of its rows;
/// - dominated rows: a row whose columns include all columns of another row is covered whenever
///   that row is;
/// - columns left with no rows.
///
/// An optimal cover of `instance` plus `fixedColumns` is an optimal cover of the original.
public struct SetCoverReduction: Sendable {
  /// The reduced instance with its own dense ids.
  public let instance: SetCoverInstance
  /// For each column of `instance`, its id in the original instance.
  public let originalColumn: [UInt32]
  /// For each row of `instance`, its id in the original instance.
  public let originalRow: [UInt32]
  /// Original columns that every optimal cover found by the reductions contains.
  public let fixedColumns: [UInt32]
  /// The total cost of `fixedColumns`.
  public let fixedCost: Double

  /// Reduces `original`.
  ///
  /// The subset tests stop after a work budget proportional to the number of incidences, so very
  /// large instances may keep some dominated rows and columns.
  /// - Throws: `SetCoverError.uncoverableRow` when a row has no column.
  /// - Complexity: O(*p* · *z*) for *z* incidences and at most 8 passes *p*, plus the budgeted
  ///   subset tests.
  public init(_ original: SetCoverInstance) throws {
    let uncoverable = original.uncoverableRows()
    if let first = uncoverable.first {
      throw SetCoverError.uncoverableRow(row: first, count: uncoverable.count)
    }
    var state = ReductionState(original)
    var changed = true
    var pass = 0
    while changed && pass < 8 {
      pass += 1
      changed = state.fixForcedColumns()
      changed = state.removeColumnsCoveredMoreCheaply() || changed
      changed = state.removeDominatedColumns() || changed
      changed = state.removeDominatedRows() || changed
    }
    let compact = state.compact()
    instance = compact.instance
    originalColumn = compact.columns
    originalRow = compact.rows
    fixedColumns = state.fixed.sorted()
    fixedCost = original.cost(of: state.fixed)
  }

  /// Wraps `original` without reducing it.
  init(identity original: SetCoverInstance) {
    instance = original
    originalColumn = (0..<original.columnCount).map { UInt32($0) }
    originalRow = (0..<original.rowCount).map { UInt32($0) }
    fixedColumns = []
    fixedCost = 0
  }

  /// Maps a cover of `instance` to a cover of the original, adding the fixed columns.
  public func originalCover(of reducedCover: [UInt32]) -> [UInt32] {
    var cover = fixedColumns
    for column in reducedCover {
      cover.append(originalColumn[Int(column)])
    }
    cover.sort()
    return cover
  }
}

/// Active flags and live sizes while reductions run.
private struct ReductionState {
  let original: SetCoverInstance
  var rowActive: [Bool]
  var columnActive: [Bool]
  /// Active columns in each active row.
  var rowSize: [Int32]
  /// Active rows in each active column.
  var columnSize: [Int32]
  var fixed: [UInt32] = []
  var stamp: [UInt32]
  var stampValue: UInt32 = 0
  var workBudget: Int

  init(_ original: SetCoverInstance) {
    self.original = original
    rowActive = [Bool](repeating: true, count: original.rowCount)
    columnActive = [Bool](repeating: true, count: original.columnCount)
    rowSize = (0..<original.rowCount).map {
      Int32(original.rowStart[$0 + 1] - original.rowStart[$0])
    }
    columnSize = (0..<original.columnCount).map {
      Int32(original.columnStart[$0 + 1] - original.columnStart[$0])
    }
    stamp = [UInt32](repeating: 0, count: max(original.rowCount, original.columnCount))
    workBudget = 40 * original.nonzeroCount + 1_000_000
  }

  mutating func nextStamp() -> UInt32 {
    stampValue &+= 1
    if stampValue == 0 {
      for k in stamp.indices { stamp[k] = 0 }
      stampValue = 1
    }
    return stampValue
  }

  mutating func deactivateColumn(_ j: Int) {
    columnActive[j] = false
    for row in original.rows(ofColumn: j) where rowActive[Int(row)] {
      rowSize[Int(row)] -= 1
    }
  }

  mutating func deactivateRow(_ i: Int) {
    rowActive[i] = false
    for column in original.columns(ofRow: i) where columnActive[Int(column)] {
      columnSize[Int(column)] -= 1
    }
  }

  mutating func fixForcedColumns() -> Bool {
    var changed = false
    for i in 0..<original.rowCount where rowActive[i] && rowSize[i] == 1 {
      guard let column = original.columns(ofRow: i).first(where: { columnActive[Int($0)] }) else {
        continue
      }
      let j = Int(column)
      fixed.append(column)
      for row in original.rows(ofColumn: j) where rowActive[Int(row)] {
        deactivateRow(Int(row))
      }
      deactivateColumn(j)
      changed = true
    }
    for j in 0..<original.columnCount where columnActive[j] && columnSize[j] == 0 {
      deactivateColumn(j)
      changed = true
    }
    return changed
  }

  /// Removes columns whose cost is strictly above the sum, over their rows, of the cheapest other
  /// column of the row. A strict inequality keeps every row's cheapest column.
  mutating func removeColumnsCoveredMoreCheaply() -> Bool {
    let costs = original.costs
    var cheapest = [Double](repeating: .infinity, count: original.rowCount)
    var cheapestColumn = [Int32](repeating: -1, count: original.rowCount)
    var second = [Double](repeating: .infinity, count: original.rowCount)
    for i in 0..<original.rowCount where rowActive[i] {
      for column in original.columns(ofRow: i) where columnActive[Int(column)] {
        let cost = costs[Int(column)]
        if cost < cheapest[i] {
          second[i] = cheapest[i]
          cheapest[i] = cost
          cheapestColumn[i] = Int32(column)
        } else if cost < second[i] {
          second[i] = cost
        }
      }
    }
    var removed: [Int] = []
    for j in 0..<original.columnCount where columnActive[j] {
      var sum = 0.0
      for row in original.rows(ofColumn: j) where rowActive[Int(row)] {
        let i = Int(row)
        sum += cheapestColumn[i] == Int32(j) ? second[i] : cheapest[i]
        if sum >= costs[j] { break }
      }
      if sum < costs[j] {
        removed.append(j)
      }
    }
    for j in removed {
      deactivateColumn(j)
    }
    return !removed.isEmpty
  }

  /// Removes a column when another active column covers all its active rows and precedes it in
  /// the order (cost ascending, size descending, id ascending), which is acyclic.
  mutating func removeDominatedColumns() -> Bool {
    let costs = original.costs
    var changed = false
    for j in 0..<original.columnCount where columnActive[j] {
      guard workBudget > 0 else { break }
      let mark = nextStamp()
      var pivot = -1
      var pivotSize = Int32.max
      for row in original.rows(ofColumn: j) where rowActive[Int(row)] {
        stamp[Int(row)] = mark
        if rowSize[Int(row)] < pivotSize {
          pivotSize = rowSize[Int(row)]
          pivot = Int(row)
        }
      }
      guard pivot >= 0 else { continue }
      let size = columnSize[j]
      for candidate in original.columns(ofRow: pivot) {
        let k = Int(candidate)
        guard k != j, columnActive[k], costs[k] <= costs[j], columnSize[k] >= size else {
          continue
        }
        if costs[k] == costs[j] && columnSize[k] == size && k > j { continue }
        var found: Int32 = 0
        let rows = original.rows(ofColumn: k)
        workBudget -= rows.count
        for row in rows where stamp[Int(row)] == mark && rowActive[Int(row)] {
          found += 1
        }
        if found == size {
          deactivateColumn(j)
          changed = true
          break
        }
      }
    }
    return changed
  }

  /// Removes a row when its active columns include all active columns of another row. Of two
  /// rows with equal column sets, the one with the larger id is removed.
  mutating func removeDominatedRows() -> Bool {
    var changed = false
    for l in 0..<original.rowCount where rowActive[l] {
      guard workBudget > 0 else { break }
      let mark = nextStamp()
      var pivot = -1
      var pivotSize = Int32.max
      for column in original.columns(ofRow: l) where columnActive[Int(column)] {
        stamp[Int(column)] = mark
        if columnSize[Int(column)] < pivotSize {
          pivotSize = columnSize[Int(column)]
          pivot = Int(column)
        }
      }
      guard pivot >= 0 else { continue }
      let size = rowSize[l]
      for candidate in original.rows(ofColumn: pivot) {
        let i = Int(candidate)
        guard i != l, rowActive[i], rowSize[i] >= size else { continue }
        if rowSize[i] == size && i < l { continue }
        var found: Int32 = 0
        let columns = original.columns(ofRow: i)
        workBudget -= columns.count
        for column in columns where stamp[Int(column)] == mark && columnActive[Int(column)] {
          found += 1
        }
        if found == size {
          deactivateRow(i)
          changed = true
        }
      }
    }
    return changed
  }

  func compact() -> (instance: SetCoverInstance, columns: [UInt32], rows: [UInt32]) {
    var newRow = [UInt32](repeating: UInt32.max, count: original.rowCount)
    var rows: [UInt32] = []
    for i in 0..<original.rowCount where rowActive[i] {
      newRow[i] = UInt32(rows.count)
      rows.append(UInt32(i))
    }
    var columns: [UInt32] = []
    var costs: [Double] = []
    var start = [0]
    var entries: [UInt32] = []
    for j in 0..<original.columnCount where columnActive[j] && columnSize[j] > 0 {
      columns.append(UInt32(j))
      costs.append(original.costs[j])
      for row in original.rows(ofColumn: j) where rowActive[Int(row)] {
        entries.append(newRow[Int(row)])
      }
      start.append(entries.count)
    }
    let instance = SetCoverInstance(
      trustedRowCount: rows.count, costs: costs, columnStart: start, columnRows: entries)
    return (instance, columns, rows)
  }
}
