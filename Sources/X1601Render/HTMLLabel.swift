/// An HTML-like Graphviz label (`label=<...>`), built only from escaped text and a few
/// well-formed elements, so its markup is always balanced and cannot end the label early.
public struct HTMLLabel: Sendable, Equatable {
  /// The label's markup, without the enclosing `<` and `>`.
  public private(set) var markup: String

  private init(markup: String) {
    self.markup = markup
  }

  /// Creates a label that shows `text` as given. Newlines become line breaks.
  public init(text: String) {
    self.markup = HTMLEscaping.labelText(text)
  }

  /// A label that shows `text` as given. Newlines become line breaks.
  public static func text(_ text: String) -> HTMLLabel {
    HTMLLabel(text: text)
  }

  /// An empty label.
  public static let empty = HTMLLabel(markup: "")

  /// A line break (`<BR/>`).
  public static let lineBreak = HTMLLabel(markup: "<BR/>")

  /// `content` in bold.
  public static func bold(_ content: HTMLLabel) -> HTMLLabel {
    HTMLLabel(markup: "<B>\(content.markup)</B>")
  }

  /// `content` in italics.
  public static func italic(_ content: HTMLLabel) -> HTMLLabel {
    HTMLLabel(markup: "<I>\(content.markup)</I>")
  }

  /// `content` in another colour or size. `color` is a Graphviz colour name or `#rrggbb`;
  /// `pointSize` is in points.
  public static func font(
    _ content: HTMLLabel, color: String? = nil, pointSize: Double? = nil
  ) -> HTMLLabel {
    var attributes = ""
    if let color {
      attributes += " COLOR=\"\(HTMLEscaping.attributeValue(color))\""
    }
    if let pointSize {
      attributes += " POINT-SIZE=\"\(HTMLEscaping.number(pointSize))\""
    }
    return HTMLLabel(markup: "<FONT\(attributes)>\(content.markup)</FONT>")
  }

  /// The labels one after another.
  public static func concatenation(_ parts: [HTMLLabel]) -> HTMLLabel {
    HTMLLabel(markup: parts.map(\.markup).joined())
  }

  /// `lhs` followed by `rhs`.
  public static func + (lhs: HTMLLabel, rhs: HTMLLabel) -> HTMLLabel {
    HTMLLabel(markup: lhs.markup + rhs.markup)
  }

  /// A table with one row per element of `rows`.
  ///
  /// - Parameters:
  ///   - border: the width of the table's outer border, in points.
  ///   - cellBorder: the width of each cell's border, in points.
  ///   - cellSpacing: the space between cells, in points.
  ///   - cellPadding: the space between a cell's border and its content, in points.
  public static func table(
    _ rows: [[HTMLTableCell]], border: Int = 0, cellBorder: Int = 1, cellSpacing: Int = 0,
    cellPadding: Int = 4
  ) -> HTMLLabel {
    var markup =
      "<TABLE BORDER=\"\(max(0, border))\" CELLBORDER=\"\(max(0, cellBorder))\""
      + " CELLSPACING=\"\(max(0, cellSpacing))\" CELLPADDING=\"\(max(0, cellPadding))\">"
    for row in rows where !row.isEmpty {
      markup += "<TR>"
      for cell in row {
        markup += cell.markup
      }
      markup += "</TR>"
    }
    markup += "</TABLE>"
    return HTMLLabel(markup: markup)
  }
}

/// One cell of an ``HTMLLabel/table(_:border:cellBorder:cellSpacing:cellPadding:)``.
public struct HTMLTableCell: Sendable, Equatable {
  /// Horizontal alignment of a cell's content.
  public enum Alignment: String, Sendable {
    case left = "LEFT"
    case center = "CENTER"
    case right = "RIGHT"
  }

  /// The cell's content.
  public var content: HTMLLabel
  /// The fill colour, a Graphviz colour name or `#rrggbb`.
  public var backgroundColor: String?
  /// The horizontal alignment.
  public var alignment: Alignment
  /// The number of columns the cell spans, at least 1.
  public var columnSpan: Int

  /// Creates a cell.
  public init(
    _ content: HTMLLabel, backgroundColor: String? = nil, alignment: Alignment = .center,
    columnSpan: Int = 1
  ) {
    self.content = content
    self.backgroundColor = backgroundColor
    self.alignment = alignment
    self.columnSpan = columnSpan
  }

  fileprivate var markup: String {
    var attributes = ""
    if let backgroundColor {
      attributes += " BGCOLOR=\"\(HTMLEscaping.attributeValue(backgroundColor))\""
    }
    if alignment != .center {
      attributes += " ALIGN=\"\(alignment.rawValue)\""
    }
    if columnSpan > 1 {
      attributes += " COLSPAN=\"\(columnSpan)\""
    }
    return "<TD\(attributes)>\(content.markup)</TD>"
  }
}

/// Escaping of text for HTML-like Graphviz labels and for HTML documents.
package enum HTMLEscaping {
  /// Escapes `text` for element content: `&`, `<`, `>`, `"` and `'` become entities, and each
  /// line break (LF, CR or CR LF) becomes `lineBreak`. Control characters that XML forbids become
  /// U+FFFD, so the SVG that Graphviz writes stays well-formed.
  package static func text(_ text: String, lineBreak: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    var previousWasCarriageReturn = false
    for scalar in text.unicodeScalars {
      if scalar == "\n" && previousWasCarriageReturn {
        previousWasCarriageReturn = false
        continue
      }
      previousWasCarriageReturn = scalar == "\r"
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\n", "\r": result += lineBreak
      case "\t": result.unicodeScalars.append(scalar)
      default:
        result.unicodeScalars.append(isForbiddenControl(scalar) ? "\u{FFFD}" : scalar)
      }
    }
    return result
  }

  /// Escapes `text` for an HTML-like Graphviz label, with `<BR/>` for line breaks.
  package static func labelText(_ text: String) -> String {
    self.text(text, lineBreak: "<BR/>")
  }

  /// Escapes `value` for a double-quoted attribute. Line breaks become spaces.
  package static func attributeValue(_ value: String) -> String {
    text(value, lineBreak: " ")
  }

  /// Formats a number without a trailing `.0` for whole values.
  package static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    if value == value.rounded(), abs(value) < 1e15 {
      return String(Int64(value))
    }
    return String(value)
  }

  /// Whether XML 1.0 forbids `scalar`: a C0 control character other than tab, LF and CR, or
  /// one of the noncharacters U+FFFE and U+FFFF.
  package static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D: return false
    case 0x00...0x1F: return true
    case 0xFFFE, 0xFFFF: return true
    default: return false
    }
  }
}
