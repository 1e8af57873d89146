/// Errors raised while building, reading or solving a set-cover instance.
///
/// Each description names the offending value and what to change.
public enum SetCoverError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A row that no column covers, so no cover exists. `count` is the number of such rows.
  case uncoverableRow(row: UInt32, count: Int)
  /// A column cost that is negative, infinite or not a number.
  case invalidCost(column: UInt32, cost: Double)
  /// A row index in a column's list that is not below the row count.
  case rowOutOfRange(column: UInt32, row: UInt32, rowCount: Int)
  /// Column offsets that are not a non-decreasing sequence ending at the number of entries.
  case malformedOffsets(detail: String)
  /// A problem in a set-cover file, at a line and token (both 1-based).
  case malformedFile(path: String, line: Int, token: Int, message: String)
  /// A file that could not be opened or read.
  case unreadableFile(path: String, reason: String)
  /// A budget for maximum coverage that is negative or not a number.
  case invalidBudget(Double)

  public var description: String {
    switch self {
    case .uncoverableRow(let row, let count):
      let others = count > 1 ? " (and \(count - 1) other rows)" : ""
      return "row \(row)\(others) is covered by no column, so no cover exists; "
        + "add a column that covers it or remove the row"
    case .invalidCost(let column, let cost):
      return "column \(column) has cost \(cost); costs must be finite and at least 0"
    case .rowOutOfRange(let column, let row, let rowCount):
      return "column \(column) lists row \(row), but the instance has \(rowCount) rows "
        + "(valid rows are 0..<\(rowCount)); fix the row index or raise the row count"
    case .malformedOffsets(let detail):
      return "invalid column offsets: \(detail)"
    case .malformedFile(let path, let line, let token, let message):
      return "\(path):\(line): token \(token): \(message)"
    case .unreadableFile(let path, let reason):
      return "cannot read \(path): \(reason)"
    case .invalidBudget(let budget):
      return "budget \(budget) is invalid; give a finite budget of at least 0"
    }
  }
}
