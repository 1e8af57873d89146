import Foundation

/// Layouts of OR-Library set-cover files.
public enum ORLibraryFormat: String, Sendable, CaseIterable {
  /// Beasley's layout: `m n`, then `n` column costs, then for each row the number of columns
  /// covering it followed by those columns (1-based).
  case beasley
  /// The railway crew layout: `m n`, then for each column its cost, the number `k` of rows it
  /// covers and those `k` rows (1-based).
  case rail
}

/// Reads OR-Library set-cover files from bytes, without building strings per token.
public enum ORLibraryReader {
  /// Reads the instance in the file at `path`, detecting the layout when `format` is `nil`.
  ///
  /// - Throws: `SetCoverError.unreadableFile` or `.malformedFile` naming the line, the token
  ///   number, the value and the fix.
  /// - Complexity: O(*b* + *z* log *k*) for *b* bytes, *z* incidences and *k* rows per column.
  public static func read(path: String, format: ORLibraryFormat? = nil) throws -> SetCoverInstance {
    guard FileManager.default.fileExists(atPath: path) else {
      throw SetCoverError.unreadableFile(path: path, reason: "file not found")
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw SetCoverError.unreadableFile(path: path, reason: error.localizedDescription)
    }
    return try parse(bytes: [UInt8](data), name: path, format: format)
  }

  /// Parses an instance from `bytes`; `name` labels error messages.
  ///
  /// - Throws: `SetCoverError.malformedFile`.
  public static func parse(
    bytes: [UInt8], name: String, format: ORLibraryFormat? = nil
  ) throws
    -> SetCoverInstance
  {
    try bytes.withUnsafeBufferPointer { buffer in
      let resolved = try format ?? detectFormat(buffer, name: name)
      var parser = TokenParser(bytes: buffer, name: name)
      switch resolved {
      case .beasley: return try parser.parseBeasley()
      case .rail: return try parser.parseRail()
      }
    }
  }

  /// Returns the layout whose structure matches `bytes` exactly.
  ///
  /// Walks the counts of both layouts: the right one ends exactly at the last token. When both
  /// match, the error asks for the format explicitly. When neither matches, the file is parsed as
  /// Beasley's layout to report the precise error.
  static func detectFormat(
    _ bytes: UnsafeBufferPointer<UInt8>, name: String
  ) throws
    -> ORLibraryFormat
  {
    var header = TokenParser(bytes: bytes, name: name)
    let rowCount = try header.readCount("the number of rows")
    let columnCount = try header.readCount("the number of columns")
    let beasley = TokenParser.matchesBeasley(bytes, rowCount: rowCount, columnCount: columnCount)
    let rail = TokenParser.matchesRail(bytes, columnCount: columnCount)
    switch (beasley, rail) {
    case (true, false): return .beasley
    case (false, true): return .rail
    case (true, true):
      throw SetCoverError.malformedFile(
        path: name, line: 1, token: 1,
        message: "the file fits both the Beasley and the rail layout; pass the format explicitly")
    case (false, false):
      // Parsing as Beasley produces the precise error for the common layout.
      var parser = TokenParser(bytes: bytes, name: name)
      _ = try parser.parseBeasley()
      return .beasley
    }
  }
}

/// A cursor over white-space separated numbers that tracks line and token numbers.
struct TokenParser {
  let bytes: UnsafeBufferPointer<UInt8>
  let name: String
  var position = 0
  var line = 1
  /// The line of the current token, or of the last token once the bytes are used up.
  var tokenLine = 1
  var tokenNumber = 0
  var tokenStart = 0
  var tokenEnd = 0

  init(bytes: UnsafeBufferPointer<UInt8>, name: String) {
    self.bytes = bytes
    self.name = name
  }

  /// Advances to the next token; returns `false` at the end of the bytes.
  mutating func advance() -> Bool {
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\n") {
        line += 1
      } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t")
        && byte != UInt8(ascii: "\r")
      {
        break
      }
      position += 1
    }
    guard position < bytes.count else { return false }
    tokenLine = line
    tokenStart = position
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
        || byte == UInt8(ascii: "\r")
      {
        break
      }
      position += 1
    }
    tokenEnd = position
    tokenNumber += 1
    return true
  }

  var tokenText: String {
    let length = min(tokenEnd - tokenStart, 40)
    return String(
      decoding: UnsafeBufferPointer(rebasing: bytes[tokenStart..<tokenStart + length]),
      as: UTF8.self)
  }

  func error(_ message: String) -> SetCoverError {
    .malformedFile(path: name, line: tokenLine, token: tokenNumber, message: message)
  }

  /// Returns the current token as a whole number, or `nil` when it is not one (or exceeds 10^15).
  func tokenInteger() -> Int? {
    var value = 0
    guard tokenEnd > tokenStart, tokenEnd - tokenStart <= 15 else { return nil }
    var index = tokenStart
    if bytes[index] == UInt8(ascii: "+") {
      index += 1
      guard index < tokenEnd else { return nil }
    }
    while index < tokenEnd {
      let digit = Int(bytes[index]) &- 48
      guard digit >= 0 && digit <= 9 else { return nil }
      value = value * 10 + digit
      index += 1
    }
    return value
  }

  /// Reads a count or index; `what` describes it in errors.
  mutating func readCount(_ what: @autoclosure () -> String) throws -> Int {
    guard advance() else {
      throw error("the file ends where \(what()) was expected; the file is truncated")
    }
    guard let value = tokenInteger() else {
      throw error(
        "expected a whole number for \(what()), found \"\(tokenText)\"; "
          + "the file must contain only numbers separated by white space")
    }
    return value
  }

  /// Reads a cost: a decimal number that must be at least 0.
  mutating func readCost(column: Int) throws -> Double {
    guard advance() else {
      throw error(
        "the file ends where the cost of column \(column) was expected; "
          + "the file is truncated")
    }
    if let whole = tokenInteger() {
      return Double(whole)
    }
    let text = tokenText
    guard let value = Double(text), value.isFinite else {
      throw error(
        "expected a number for the cost of column \(column), found \"\(text)\"; "
          + "the file must contain only numbers separated by white space")
    }
    guard value >= 0 else {
      throw error("the cost of column \(column) is \(text); costs must be at least 0")
    }
    return value
  }

  /// Counts the tokens left after the cursor without moving it.
  func remainingTokenCount() -> Int {
    var copy = self
    var count = 0
    while copy.advance() {
      count += 1
    }
    return count
  }

  mutating func expectEnd(after what: String) throws {
    if advance() {
      throw error(
        "unexpected \"\(tokenText)\" after \(what); the header counts do not match the data")
    }
  }

  /// Checks that the header's sizes can fit in the tokens that follow, before allocating.
  func checkDeclaredSizes(rowCount: Int, columnCount: Int, minimumTokens: Int) throws {
    let available = remainingTokenCount()
    guard rowCount <= Int(UInt32.max), columnCount <= Int(UInt32.max),
      minimumTokens <= available
    else {
      throw SetCoverError.malformedFile(
        path: name, line: 1, token: 2,
        message:
          "the header declares \(rowCount) rows and \(columnCount) columns, which needs at least "
          + "\(minimumTokens) numbers after it, but the file has \(available); "
          + "fix the header or supply the missing data")
    }
  }

  // MARK: - Layouts

  mutating func parseBeasley() throws -> SetCoverInstance {
    let rowCount = try readCount("the number of rows")
    let columnCount = try readCount("the number of columns")
    try checkDeclaredSizes(
      rowCount: rowCount, columnCount: columnCount, minimumTokens: columnCount + rowCount)

    var costs = [Double](repeating: 0, count: columnCount)
    for j in 0..<columnCount {
      costs[j] = try readCost(column: j + 1)
    }
    var rowStart = [Int](repeating: 0, count: rowCount + 1)
    var rowColumns: [UInt32] = []
    for i in 0..<rowCount {
      let count = try readCount("the number of columns covering row \(i + 1)")
      for k in 0..<count {
        guard advance() else {
          throw error(
            "the file ends inside the column list of row \(i + 1): \(count) columns declared, "
              + "\(k) found; the file is truncated or the count is wrong")
        }
        guard let column = tokenInteger() else {
          throw error(
            "expected a column number in the list of row \(i + 1), found \"\(tokenText)\"; "
              + "the file must contain only numbers separated by white space")
        }
        guard column >= 1 && column <= columnCount else {
          throw error(
            "column \(column) in the list of row \(i + 1) is out of range 1...\(columnCount) "
              + "(columns are numbered from 1); fix the index or the declared column count")
        }
        rowColumns.append(UInt32(column - 1))
      }
      rowStart[i + 1] = rowColumns.count
    }
    try expectEnd(after: "the last row's column list")

    // Transpose the row lists into column lists.
    var columnStart = [Int](repeating: 0, count: columnCount + 1)
    for column in rowColumns {
      columnStart[Int(column) + 1] += 1
    }
    for j in 0..<columnCount {
      columnStart[j + 1] += columnStart[j]
    }
    var cursor = columnStart
    var columnRows = [UInt32](repeating: 0, count: rowColumns.count)
    for i in 0..<rowCount {
      for k in rowStart[i]..<rowStart[i + 1] {
        let column = Int(rowColumns[k])
        columnRows[cursor[column]] = UInt32(i)
        cursor[column] += 1
      }
    }
    return try SetCoverInstance(
      rowCount: rowCount, costs: costs, columnStart: columnStart, columnRows: columnRows)
  }

  mutating func parseRail() throws -> SetCoverInstance {
    let rowCount = try readCount("the number of rows")
    let columnCount = try readCount("the number of columns")
    // Every row needs a column that covers it, so the row lists hold at least one number per
    // row; counting them keeps a short file from declaring billions of rows.
    try checkDeclaredSizes(
      rowCount: rowCount, columnCount: columnCount, minimumTokens: 2 * columnCount + rowCount)

    var costs = [Double](repeating: 0, count: columnCount)
    var columnStart = [Int](repeating: 0, count: columnCount + 1)
    var columnRows: [UInt32] = []
    for j in 0..<columnCount {
      costs[j] = try readCost(column: j + 1)
      let count = try readCount("the number of rows of column \(j + 1)")
      for k in 0..<count {
        guard advance() else {
          throw error(
            "the file ends inside the row list of column \(j + 1): \(count) rows declared, "
              + "\(k) found; the file is truncated or the count is wrong")
        }
        guard let row = tokenInteger() else {
          throw error(
            "expected a row number in the list of column \(j + 1), found \"\(tokenText)\"; "
              + "the file must contain only numbers separated by white space")
        }
        guard row >= 1 && row <= rowCount else {
          throw error(
            "row \(row) in the list of column \(j + 1) is out of range 1...\(rowCount) "
              + "(rows are numbered from 1); fix the index or the declared row count")
        }
        columnRows.append(UInt32(row - 1))
      }
      columnStart[j + 1] = columnRows.count
    }
    try expectEnd(after: "the last column's row list")
    return try SetCoverInstance(
      rowCount: rowCount, costs: costs, columnStart: columnStart, columnRows: columnRows)
  }

  // MARK: - Structure checks for format detection

  static func matchesBeasley(
    _ bytes: UnsafeBufferPointer<UInt8>, rowCount: Int, columnCount: Int
  )
    -> Bool
  {
    var parser = TokenParser(bytes: bytes, name: "")
    _ = parser.advance()
    _ = parser.advance()
    for _ in 0..<columnCount {
      guard parser.advance() else { return false }
    }
    for _ in 0..<rowCount {
      guard parser.advance(), let count = parser.tokenInteger() else { return false }
      for _ in 0..<count {
        guard parser.advance() else { return false }
      }
    }
    return !parser.advance()
  }

  static func matchesRail(_ bytes: UnsafeBufferPointer<UInt8>, columnCount: Int) -> Bool {
    var parser = TokenParser(bytes: bytes, name: "")
    _ = parser.advance()
    _ = parser.advance()
    for _ in 0..<columnCount {
      guard parser.advance(), parser.advance(), let count = parser.tokenInteger() else {
        return false
      }
      for _ in 0..<count {
        guard parser.advance() else { return false }
      }
    }
    return !parser.advance()
  }
}
