import Foundation

// A mapping file is a CSV grid, one row per threat or challenge:
//
//   item,9.1,9.2,9.3,9.4,9.5,9.6,9.7,9.8,9.9,9.10,9.11,9.12,9.13,9.14,provenance
//   7.1.1,Y,Y,,,Y,,Y,,,,Y,,,,constrained
//
// The header's first field is `item`; the other fields name each of the 14 capabilities once,
// by clause number or title, in any order. An optional last column `provenance` holds
// published, constrained, derived or supplied (empty means supplied). Each following line names
// a threat or challenge by clause number (or an unambiguous title) and marks cells with Y
// (either case) or leaves them empty. Every one of the 26 items needs a row, so that an item
// left out by mistake is reported instead of silently counting as unaddressed. Blank lines and
// lines starting with # are skipped. Fields may be quoted with double quotes.

extension Mapping {
  /// The name of the optional provenance column.
  public static let provenanceColumn = "provenance"

  /// Reads a mapping file.
  ///
  /// - Parameter displayName: the name used in error messages; defaults to `path`.
  /// - Throws: `CatalogError.invalidMapping` naming the file, line, column, value and fix.
  public static func load(
    path: String, displayName: String? = nil, catalog: Catalog = .standard
  ) throws(CatalogError) -> Mapping {
    let name = displayName ?? path
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .invalidMapping(
        MappingIssue(
          file: name, line: nil, column: nil, value: path,
          problem: "cannot read mapping file: \(readFailureReason(path: path))",
          fix: "give the path of a readable CSV file"))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .invalidMapping(
        MappingIssue(
          file: name, line: nil, column: nil, value: path, problem: "mapping file is not UTF-8",
          fix: "save the file as UTF-8 text"))
    }
    return try parseCSV(text, file: name, catalog: catalog)
  }

  /// Parses the text of a mapping file; `file` names it in error messages.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  public static func parseCSV(
    _ text: String, file: String, catalog: Catalog = .standard
  ) throws(CatalogError) -> Mapping {
    func issue(
      _ line: Int?, _ column: Int?, _ value: String, _ problem: String, _ fix: String
    ) -> CatalogError {
      .invalidMapping(
        MappingIssue(
          file: file, line: line, column: column, value: value, problem: problem, fix: fix))
    }

    // "\r\n" is a single Character in Swift, so it is matched as a separator of its own.
    let lines = text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    var header: [Int?]? = nil  // capability index per column; nil for item and provenance
    var provenanceIndex: Int? = nil
    var capabilitiesByItem = [CapabilitySet?](repeating: nil, count: catalog.items.count)
    var provenanceByItem = [MappingProvenance](
      repeating: .supplied, count: catalog.items.count)
    var lineOfItem = [Int](repeating: 0, count: catalog.items.count)

    for (offset, rawLine) in lines.enumerated() {
      let lineNumber = offset + 1
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if offset == 0, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }

      let fields: [String]
      do {
        fields = try splitCSVLine(line)
      } catch let failure {
        throw issue(
          lineNumber, failure.column, String(line), "unterminated quoted field in line",
          "close the double quote, or remove it")
      }

      guard let columns = header else {
        (header, provenanceIndex) = try parseHeader(
          fields, line: lineNumber, catalog: catalog, issue: issue)
        continue
      }

      if fields.count != columns.count {
        throw issue(
          lineNumber, nil, String(line),
          "expected \(columns.count) fields like the header, found \(fields.count) in line",
          "give one field per header column, leaving unmarked cells empty")
      }

      let itemName = fields[0].trimmingCharacters(in: .whitespaces)
      let item: Int
      do {
        item = try catalog.resolve(itemName, in: .item)
      } catch let failure {
        throw issue(lineNumber, 1, itemName, "unknown item", failure.fix)
      }
      if capabilitiesByItem[item] != nil {
        throw issue(
          lineNumber, 1, itemName, "duplicate row for item",
          "keep one row per item (the first is on line \(lineOfItem[item]))")
      }

      var capabilities = CapabilitySet.empty
      for (column, capability) in columns.enumerated() where column > 0 {
        let cell = fields[column].trimmingCharacters(in: .whitespaces)
        if column == provenanceIndex {
          if cell.isEmpty {
            provenanceByItem[item] = .supplied
          } else if let provenance = MappingProvenance(rawValue: cell.lowercased()) {
            provenanceByItem[item] = provenance
          } else {
            throw issue(
              lineNumber, column + 1, cell, "invalid provenance",
              "use published, constrained, derived, supplied or leave it empty")
          }
          continue
        }
        guard let capability else { continue }
        switch cell {
        case "Y", "y": capabilities.insert(capability)
        case "": break
        default:
          throw issue(
            lineNumber, column + 1, cell,
            "invalid cell value in column \(catalog.capabilities[capability].clause)",
            "write Y where the capability addresses the item and leave other cells empty")
        }
      }
      let clauses = capabilities.indices.map { catalog.capabilities[$0].clause }
      if let provenanceIndex, provenanceByItem[item] != .supplied,
        let shipped = shippedRow(for: catalog.items[item].clause),
        shipped.clauses != clauses || shipped.provenance != provenanceByItem[item]
      {
        // Reports explain published, constrained and derived cells as those of the shipped
        // Table I.1, so an edited row keeping such a label would be described wrongly.
        throw issue(
          lineNumber, provenanceIndex + 1, provenanceByItem[item].rawValue,
          "row \(catalog.items[item].clause) differs from the shipped Table I.1 row but keeps its "
            + "provenance",
          "write supplied (or leave the cell empty) in an edited row; the shipped row is "
            + "\(shipped.provenance.rawValue) with "
            + (shipped.clauses.isEmpty ? "no Y" : shipped.clauses.joined(separator: " ")))
      }
      capabilitiesByItem[item] = capabilities
      lineOfItem[item] = lineNumber
    }

    if header == nil {
      throw issue(
        nil, nil, "", "mapping file has no header line",
        "start the file with item,9.1,9.2,...,9.14")
    }
    let missing = catalog.items.indices.filter { capabilitiesByItem[$0] == nil }
    if !missing.isEmpty {
      let clauses = missing.map { catalog.items[$0].clause }.joined(separator: " ")
      throw issue(
        nil, nil, clauses, "mapping file has no row for",
        "add a row for every threat and challenge, with empty cells where no capability "
          + "addresses it")
    }

    let rows = catalog.items.indices.map { index in
      MappingRow(
        item: catalog.items[index].clause, capabilities: capabilitiesByItem[index] ?? .empty,
        provenance: provenanceByItem[index])
    }
    return Mapping(rows: rows, source: file)
  }

  /// Returns the provenance and the marked capability clauses, in clause order, of the shipped
  /// Table I.1 row for the item `clause`, when it has one.
  private static func shippedRow(
    for clause: String
  ) -> (provenance: MappingProvenance, clauses: [String])? {
    guard let row = tableI1.rows.first(where: { $0.item == clause }) else { return nil }
    let clauses = row.capabilities.indices.map { Catalog.standard.capabilities[$0].clause }
    return (row.provenance, clauses)
  }

  private static func parseHeader(
    _ fields: [String], line: Int, catalog: Catalog,
    issue: (Int?, Int?, String, String, String) -> CatalogError
  ) throws(CatalogError) -> ([Int?], Int?) {
    let first = fields[0].trimmingCharacters(in: .whitespaces)
    if first.lowercased() != "item" {
      throw issue(
        line, 1, first, "first header field must be item, found",
        "start the header with item,9.1,9.2,...,9.14")
    }
    var columns: [Int?] = [nil]
    var provenanceIndex: Int? = nil
    var seen = CapabilitySet.empty
    for (position, field) in fields.enumerated().dropFirst() {
      let name = field.trimmingCharacters(in: .whitespaces)
      if name.lowercased() == provenanceColumn, position == fields.count - 1 {
        provenanceIndex = position
        columns.append(nil)
        continue
      }
      let capability: Int
      do {
        capability = try catalog.resolve(name, in: .capability)
      } catch {
        throw issue(
          line, position + 1, name, "unknown capability column",
          "name each column by a capability clause from 9.1 to 9.14; "
            + "an optional last column may be provenance")
      }
      if seen.contains(capability) {
        throw issue(
          line, position + 1, name, "duplicate capability column",
          "list each capability from 9.1 to 9.14 once")
      }
      seen.insert(capability)
      columns.append(capability)
    }
    if seen != .all {
      let missing = (0..<catalog.capabilities.count).filter { !seen.contains($0) }
      throw issue(
        line, nil, missing.map { catalog.capabilities[$0].clause }.joined(separator: " "),
        "header has no column for capability",
        "list every capability from 9.1 to 9.14 once")
    }
    return (columns, provenanceIndex)
  }

  /// Writes the mapping as a CSV grid that `parseCSV` reads back.
  ///
  /// - Parameter provenance: whether to add the provenance column.
  public func csv(provenance: Bool = true, catalog: Catalog = .standard) -> String {
    var header = ["item"] + catalog.capabilities.map(\.clause)
    if provenance { header.append(Mapping.provenanceColumn) }
    var text = header.joined(separator: ",") + "\n"
    for row in rows {
      var fields = [row.item]
      for capability in 0..<catalog.capabilities.count {
        fields.append(row.capabilities.contains(capability) ? "Y" : "")
      }
      if provenance { fields.append(row.provenance.rawValue) }
      text += fields.joined(separator: ",") + "\n"
    }
    return text
  }
}

// MARK: - CSV fields

struct UnterminatedQuote: Error {
  /// 1-based field position of the quoted field.
  var column: Int
}

/// Splits one CSV line into fields, removing double quotes around quoted fields.
func splitCSVLine(_ line: Substring) throws(UnterminatedQuote) -> [String] {
  var fields: [String] = []
  var current = ""
  var inQuotes = false
  var index = line.startIndex
  while index < line.endIndex {
    let character = line[index]
    if inQuotes {
      if character == "\"" {
        let next = line.index(after: index)
        if next < line.endIndex, line[next] == "\"" {
          current.append("\"")
          index = next
        } else {
          inQuotes = false
        }
      } else {
        current.append(character)
      }
    } else if character == "\"" {
      inQuotes = true
    } else if character == "," {
      fields.append(current)
      current = ""
    } else {
      current.append(character)
    }
    index = line.index(after: index)
  }
  if inQuotes {
    throw UnterminatedQuote(column: fields.count + 1)
  }
  fields.append(current)
  return fields
}

/// Returns why the file at `path` could not be read: missing, a folder, or unreadable.
///
/// Called after a read failed; the file system may have changed since, so this is a best guess.
package func readFailureReason(path: String) -> String {
  var isFolder: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
    return "file not found"
  }
  if isFolder.boolValue {
    return "the path is a folder, not a file"
  }
  if !FileManager.default.isReadableFile(atPath: path) {
    return "permission denied"
  }
  return "the file cannot be read"
}
