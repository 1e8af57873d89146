import Foundation

/// Formats rows of cells as aligned plain text, a Markdown table, or CSV.
public struct TextTable {
  public var header: [String]
  public var rows: [[String]]

  public init(header: [String], rows: [[String]] = []) {
    self.header = header
    self.rows = rows
  }

  /// Columns padded to their widest cell and separated by two spaces, with a dashed rule under
  /// the header.
  public func plainText() -> String {
    var widths = header.map(\.count)
    for row in rows {
      for (column, cell) in row.enumerated() where column < widths.count {
        widths[column] = max(widths[column], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (column, cell) in cells.enumerated() {
        let isLast = column == cells.count - 1
        parts.append(
          isLast ? cell : cell + String(repeating: " ", count: widths[column] - cell.count))
      }
      var text = parts.joined(separator: "  ")
      while text.hasSuffix(" ") { text.removeLast() }
      return text + "\n"
    }
    var text = line(header)
    text += line(widths.map { String(repeating: "-", count: $0) })
    for row in rows { text += line(row) }
    return text
  }

  /// A GitHub-flavoured Markdown table; `|` in cells is escaped and a line break becomes
  /// `<br>`, because a table row has to stay on one line.
  public func markdown() -> String {
    func line(_ cells: [String]) -> String {
      "| " + cells.map(TextTable.markdownCell).joined(separator: " | ") + " |\n"
    }
    var text = line(header)
    text += "|" + String(repeating: "---|", count: header.count) + "\n"
    for row in rows { text += line(row) }
    return text
  }

  /// Escapes one Markdown table cell: `|` becomes `\|`, and CR LF, CR or LF become `<br>`.
  public static func markdownCell(_ value: String) -> String {
    value.replacingOccurrences(of: "|", with: "\\|")
      .replacingOccurrences(of: "\r\n", with: "<br>")
      .replacingOccurrences(of: "\n", with: "<br>")
      .replacingOccurrences(of: "\r", with: "<br>")
  }

  /// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted.
  public func csv() -> String {
    var text = header.map(TextTable.csvField).joined(separator: ",") + "\n"
    for row in rows {
      text += row.map(TextTable.csvField).joined(separator: ",") + "\n"
    }
    return text
  }

  /// One CSV field, quoted when needed.
  public static func csvField(_ value: String) -> String {
    if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return value
  }
}
