/// A self-contained HTML report: headings, paragraphs, tables and inline SVG pictures, with
/// its style sheet inline and no scripts or external resources, so it opens offline.
///
/// Every text is escaped. Pictures are SVG documents that ``GraphvizRenderer`` wrote from an
/// escaped DOT graph; their XML prologue and document type are removed before they are inlined.
public struct HTMLReport: Sendable, Equatable {
  /// A table with a header row.
  public struct Table: Sendable, Equatable {
    /// The caption shown above the table.
    public var caption: String
    /// The column headings.
    public var headers: [String]
    /// The rows, each with one cell per heading.
    public var rows: [[String]]
    /// A CSS class per row (such as `uncovered`), or `nil`, parallel to `rows`.
    public var rowClasses: [String?]

    /// Creates a table.
    public init(
      caption: String, headers: [String], rows: [[String]], rowClasses: [String?] = []
    ) {
      self.caption = caption
      self.headers = headers
      self.rows = rows
      self.rowClasses = rowClasses
    }
  }

  /// A section of the report.
  public struct Section: Sendable, Equatable {
    /// The section heading.
    public var heading: String
    /// Paragraphs of plain text.
    public var paragraphs: [String]
    /// Tables, after the paragraphs.
    public var tables: [Table]
    /// An SVG picture, after the tables.
    public var svg: String?

    /// Creates a section.
    public init(
      heading: String, paragraphs: [String] = [], tables: [Table] = [], svg: String? = nil
    ) {
      self.heading = heading
      self.paragraphs = paragraphs
      self.tables = tables
      self.svg = svg
    }
  }

  /// The document title, shown as the main heading.
  public var title: String
  /// The sections, in order.
  public var sections: [Section]

  /// Creates a report.
  public init(title: String, sections: [Section]) {
    self.title = title
    self.sections = sections
  }

  /// Returns the report as one HTML5 document.
  ///
  /// - Complexity: O(total length of texts and pictures).
  public func html() -> String {
    var output = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(HTMLEscaping.attributeValue(title))</title>
      <style>\(Self.styleSheet)</style>
      </head>
      <body>
      <h1>\(escape(title))</h1>

      """
    for section in sections {
      output += "<section>\n<h2>\(escape(section.heading))</h2>\n"
      for paragraph in section.paragraphs {
        output += "<p>\(escape(paragraph))</p>\n"
      }
      for table in section.tables {
        output += tableHTML(table)
      }
      if let svg = section.svg {
        output += "<figure>\n\(Self.inlineSVG(svg))\n</figure>\n"
      }
      output += "</section>\n"
    }
    output += "</body>\n</html>\n"
    return output
  }

  private func escape(_ text: String) -> String {
    HTMLEscaping.text(text, lineBreak: "<br>")
  }

  private func tableHTML(_ table: Table) -> String {
    var output = "<table>\n<caption>\(escape(table.caption))</caption>\n<thead><tr>"
    for header in table.headers {
      output += "<th>\(escape(header))</th>"
    }
    output += "</tr></thead>\n<tbody>\n"
    for (index, row) in table.rows.enumerated() {
      let rowClass = index < table.rowClasses.count ? table.rowClasses[index] : nil
      output += rowClass.map { "<tr class=\"\(HTMLEscaping.attributeValue($0))\">" } ?? "<tr>"
      for cell in row {
        output += "<td>\(escape(cell))</td>"
      }
      output += "</tr>\n"
    }
    output += "</tbody>\n</table>\n"
    return output
  }

  /// `svg` without what precedes its `<svg` element: the XML declaration, the document type
  /// and Graphviz's generator comment.
  static func inlineSVG(_ svg: String) -> String {
    guard let start = svg.range(of: "<svg") else {
      return ""
    }
    return String(svg[start.lowerBound...]).trimmingTrailingNewlines()
  }

  static let styleSheet = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;\
    margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222;line-height:1.45}
    h1{font-size:1.6rem;margin-bottom:.5rem}h2{font-size:1.25rem;margin-top:2rem;\
    border-bottom:1px solid #ddd;padding-bottom:.2rem}
    table{border-collapse:collapse;margin:1rem 0;font-size:.9rem;width:100%}
    caption{text-align:left;font-weight:600;padding:.3rem 0}
    th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
    th{background:#f2f2f2}
    tr.uncovered td{background:#f4cccc}tr.cover td{background:#fff2cc}
    tr.not-applicable td{color:#888}tr.source td{background:#e06666;color:#fff}
    figure{margin:1rem 0;overflow-x:auto;border:1px solid #ddd;padding:.5rem}
    figure svg{max-width:100%;height:auto}
    """
}

extension String {
  fileprivate func trimmingTrailingNewlines() -> String {
    var result = self
    while result.last == "\n" {
      result.removeLast()
    }
    return result
  }
}
