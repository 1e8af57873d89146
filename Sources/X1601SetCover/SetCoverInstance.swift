/// A weighted set-cover instance: choose columns of least total cost so that every row is in at
/// least one chosen column.
///
/// Incidence is stored compressed both ways: for each column the sorted rows it covers, and for
/// each row the sorted columns that cover it. Ids are dense `UInt32` values from 0.
public struct SetCoverInstance: Sendable {
  /// The number of rows (elements to cover).
  public let rowCount: Int
  /// The cost of each column, finite and at least 0.
  public let costs: [Double]
  /// Offsets into `columnRows`: column `j` covers `columnRows[columnStart[j] ..< columnStart[j+1]]`.
  public let columnStart: [Int]
  /// Rows of every column, concatenated and sorted within each column.
  public let columnRows: [UInt32]
  /// Offsets into `rowColumns`: row `i` is covered by `rowColumns[rowStart[i] ..< rowStart[i+1]]`.
  public let rowStart: [Int]
  /// Columns of every row, concatenated and sorted within each row.
  public let rowColumns: [UInt32]
  /// Whether every cost is a whole number, so any cover's cost is too and bounds round up.
  public let hasIntegralCosts: Bool

  /// The number of columns (candidate sets).
  public var columnCount: Int { costs.count }

  /// The number of row-column incidences.
  public var nonzeroCount: Int { columnRows.count }

  /// Creates an instance from compressed columns.
  ///
  /// Rows within a column may come in any order; duplicates are dropped.
  /// - Throws: `SetCoverError.invalidCost`, `.rowOutOfRange` or `.malformedOffsets`.
  /// - Complexity: O(*z* log *k*) for *z* incidences and at most *k* rows per column.
  public init(rowCount: Int, costs: [Double], columnStart: [Int], columnRows: [UInt32]) throws {
    precondition(rowCount >= 0 && rowCount <= Int(UInt32.max), "row count out of range")
    let columnCount = costs.count
    guard columnStart.count == columnCount + 1 else {
      throw SetCoverError.malformedOffsets(
        detail:
          "\(columnStart.count) offsets for \(columnCount) columns; expected \(columnCount + 1)")
    }
    guard columnStart.first == 0, columnStart.last == columnRows.count else {
      throw SetCoverError.malformedOffsets(
        detail: "offsets must start at 0 and end at \(columnRows.count), the number of entries")
    }
    var sortedRows = columnRows
    var compactStart = [Int](repeating: 0, count: columnCount + 1)
    var write = 0
    for j in 0..<columnCount {
      let cost = costs[j]
      guard cost.isFinite, cost >= 0 else {
        throw SetCoverError.invalidCost(column: UInt32(j), cost: cost)
      }
      let lower = columnStart[j]
      let upper = columnStart[j + 1]
      guard lower <= upper else {
        throw SetCoverError.malformedOffsets(detail: "offsets decrease at column \(j)")
      }
      sortedRows[lower..<upper].sort()
      var previous: UInt32? = nil
      for k in lower..<upper {
        let row = sortedRows[k]
        guard Int(row) < rowCount else {
          throw SetCoverError.rowOutOfRange(column: UInt32(j), row: row, rowCount: rowCount)
        }
        if row != previous {
          sortedRows[write] = row
          write += 1
          previous = row
        }
      }
      compactStart[j + 1] = write
    }
    sortedRows.removeLast(sortedRows.count - write)
    self.init(
      trustedRowCount: rowCount, costs: costs, columnStart: compactStart, columnRows: sortedRows)
  }

  /// Creates an instance from a list of rows per column.
  ///
  /// - Throws: `SetCoverError.invalidCost` or `.rowOutOfRange`.
  public init(rowCount: Int, costs: [Double], columns: [[UInt32]]) throws {
    precondition(costs.count == columns.count, "one cost per column is required")
    var start = [0]
    start.reserveCapacity(columns.count + 1)
    var rows: [UInt32] = []
    for column in columns {
      rows.append(contentsOf: column)
      start.append(rows.count)
    }
    try self.init(rowCount: rowCount, costs: costs, columnStart: start, columnRows: rows)
  }

  /// Creates an instance from validated columns whose rows are sorted, distinct and in range.
  package init(
    trustedRowCount rowCount: Int, costs: [Double], columnStart: [Int], columnRows: [UInt32]
  ) {
    self.rowCount = rowCount
    self.costs = costs
    self.columnStart = columnStart
    self.columnRows = columnRows
    var integral = true
    for cost in costs where cost != cost.rounded() {
      integral = false
      break
    }
    hasIntegralCosts = integral

    var start = [Int](repeating: 0, count: rowCount + 1)
    for row in columnRows {
      start[Int(row) + 1] += 1
    }
    for i in 0..<rowCount {
      start[i + 1] += start[i]
    }
    var cursor = start
    var columnsOfRows = [UInt32](repeating: 0, count: columnRows.count)
    for j in 0..<costs.count {
      for k in columnStart[j]..<columnStart[j + 1] {
        let row = Int(columnRows[k])
        columnsOfRows[cursor[row]] = UInt32(j)
        cursor[row] += 1
      }
    }
    rowStart = start
    rowColumns = columnsOfRows
  }
}

// MARK: - Queries

extension SetCoverInstance {
  /// Returns the rows that column `column` covers, sorted.
  @inlinable
  public func rows(ofColumn column: Int) -> ArraySlice<UInt32> {
    columnRows[columnStart[column]..<columnStart[column + 1]]
  }

  /// Returns the columns that cover row `row`, sorted.
  @inlinable
  public func columns(ofRow row: Int) -> ArraySlice<UInt32> {
    rowColumns[rowStart[row]..<rowStart[row + 1]]
  }

  /// Returns the rows that no column covers, sorted.
  ///
  /// - Complexity: O(*m*) for *m* rows.
  public func uncoverableRows() -> [UInt32] {
    var result: [UInt32] = []
    for i in 0..<rowCount where rowStart[i] == rowStart[i + 1] {
      result.append(UInt32(i))
    }
    return result
  }

  /// Returns whether `columns` covers every row.
  ///
  /// - Complexity: O(*m* + total rows of `columns`).
  public func isCover(_ columns: [UInt32]) -> Bool {
    var covered = [Bool](repeating: false, count: rowCount)
    var remaining = rowCount
    for column in columns {
      for row in rows(ofColumn: Int(column)) where !covered[Int(row)] {
        covered[Int(row)] = true
        remaining -= 1
      }
    }
    return remaining == 0
  }

  /// Returns the total cost of `columns`.
  public func cost(of columns: [UInt32]) -> Double {
    var total = 0.0
    for column in columns {
      total += costs[Int(column)]
    }
    return total
  }

  /// Returns a copy with every cost set to 1 (the unicost variant).
  public func unicost() -> SetCoverInstance {
    SetCoverInstance(
      trustedRowCount: rowCount, costs: [Double](repeating: 1, count: columnCount),
      columnStart: columnStart, columnRows: columnRows)
  }
}
