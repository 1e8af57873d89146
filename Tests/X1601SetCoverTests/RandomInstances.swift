@testable import X1601SetCover

/// Seeded random instances and an exhaustive solver to check the engine against.
enum RandomInstances {
  /// A random instance with up to `maximumRows` rows and `maximumColumns` columns; with
  /// `allowsUncoverable`, some instances have a row no column covers.
  static func make(
    _ random: inout SplitMix64, maximumRows: Int = 9, maximumColumns: Int = 12,
    unicost: Bool = false, allowsUncoverable: Bool = false
  ) -> SetCoverInstance {
    let rowCount = 1 + random.next(below: maximumRows)
    let columnCount = 1 + random.next(below: maximumColumns)
    let density = 0.15 + 0.5 * random.nextUnit()
    var columns: [[UInt32]] = []
    var costs: [Double] = []
    let skippedRow =
      allowsUncoverable && random.next(below: 3) == 0
      ? random.next(below: rowCount) : -1
    for _ in 0..<columnCount {
      var rows: [UInt32] = []
      for i in 0..<rowCount where i != skippedRow && random.nextUnit() < density {
        rows.append(UInt32(i))
      }
      columns.append(rows)
      costs.append(unicost ? 1 : Double(1 + random.next(below: 20)))
    }
    if !allowsUncoverable {
      // Give every row at least one column.
      for i in 0..<rowCount where !columns.contains(where: { $0.contains(UInt32(i)) }) {
        columns[random.next(below: columnCount)].append(UInt32(i))
      }
    }
    // The initialiser sorts rows within columns.
    return try! SetCoverInstance(rowCount: rowCount, costs: costs, columns: columns)
  }

  /// The optimal cost by enumerating all column subsets, or `nil` when no cover exists.
  static func bruteForceOptimum(_ instance: SetCoverInstance) -> Double? {
    precondition(instance.columnCount <= 20, "brute force is limited to 20 columns")
    var masks = [UInt64](repeating: 0, count: instance.columnCount)
    for j in 0..<instance.columnCount {
      for row in instance.rows(ofColumn: j) { masks[j] |= 1 << UInt64(row) }
    }
    let all: UInt64 = instance.rowCount == 64 ? ~0 : (1 << UInt64(instance.rowCount)) - 1
    var best: Double? = nil
    for subset in 0..<(1 << instance.columnCount) {
      var covered: UInt64 = 0
      var cost = 0.0
      for j in 0..<instance.columnCount where subset & (1 << j) != 0 {
        covered |= masks[j]
        cost += instance.costs[j]
      }
      if covered == all && (best == nil || cost < best!) { best = cost }
    }
    return best
  }
}
