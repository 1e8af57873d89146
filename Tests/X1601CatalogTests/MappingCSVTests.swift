import Testing
import X1601Catalog

@Suite("Mapping CSV files")
struct MappingCSVTests {
  static let header = "item," + (1...14).map { "9.\($0)" }.joined(separator: ",")
  static let itemClauses = Catalog.standard.items.map(\.clause)

  /// A valid file with every row empty except `marks`.
  static func file(
    marks: [String: [Int]] = [:], extraLines: [String] = [], skip: String? = nil
  )
    -> String
  {
    var lines = [header]
    for clause in itemClauses where clause != skip {
      var cells = [String](repeating: "", count: 14)
      for column in marks[clause] ?? [] { cells[column] = "Y" }
      lines.append(([clause] + cells).joined(separator: ","))
    }
    return (lines + extraLines).joined(separator: "\n") + "\n"
  }

  func issue(_ text: String) -> MappingIssue? {
    do {
      _ = try Mapping.parseCSV(text, file: "grid.csv")
      return nil
    } catch {
      guard case .invalidMapping(let issue) = error else { return nil }
      return issue
    }
  }

  @Test("round trip of Table I.1")
  func roundTrip() throws {
    let parsed = try Mapping.parseCSV(Mapping.tableI1.csv(), file: "t.csv")
    #expect(parsed.rows.map(\.capabilities) == Mapping.tableI1.rows.map(\.capabilities))
    #expect(parsed.source == "t.csv")
  }

  @Test("rows without provenance are supplied")
  func suppliedProvenance() throws {
    let parsed = try Mapping.parseCSV(Self.file(marks: ["7.1.1": [0]]), file: "g.csv")
    #expect(parsed.rows.allSatisfy { $0.provenance == .supplied })
    #expect(parsed.rows[0].capabilities == CapabilitySet(indices: [0]))
  }

  @Test("columns in any order, by title, CRLF and comments")
  func flexibleLayout() throws {
    let titles = Catalog.standard.capabilities.map(\.clause).reversed().map { clause in
      clause == "9.9" ? "Operational security" : clause
    }
    var lines = ["# my mapping", "Item," + titles.joined(separator: ",")]
    for clause in Self.itemClauses {
      let cells = (0..<14).map { $0 == 0 && clause == "8.1.1" ? "y" : "" }  // column 0 is 9.14
      lines.append(([clause] + cells).joined(separator: ","))
    }
    let parsed = try Mapping.parseCSV(lines.joined(separator: "\r\n"), file: "g.csv")
    let row = try #require(Catalog.standard.itemIndex(clause: "8.1.1"))
    #expect(parsed.rows[row].capabilities == CapabilitySet(indices: [13]))
    #expect(parsed.markCount == 1)
  }

  @Test("unknown item names line and column")
  func unknownItem() throws {
    let found = try #require(
      issue(Self.file(extraLines: ["7.4.4" + String(repeating: ",", count: 14)])))
    #expect(found.line == 28)
    #expect(found.column == 1)
    #expect(found.value == "7.4.4")
    #expect(found.description.hasPrefix("grid.csv:28:1: unknown item \"7.4.4\""))
  }

  @Test("duplicate row names the first")
  func duplicateRow() throws {
    let found = try #require(
      issue(Self.file(extraLines: ["8.2.2" + String(repeating: ",", count: 14)])))
    #expect(found.problem == "duplicate row for item")
    #expect(found.line == 28)
    #expect(found.fix.contains("line 16"))
  }

  @Test("unknown capability column")
  func unknownColumn() throws {
    let text = Self.file().replacingOccurrences(of: ",9.14\n", with: ",9.15\n")
    let found = try #require(issue(text))
    #expect(found.line == 1)
    #expect(found.column == 15)
    #expect(found.value == "9.15")
    #expect(found.problem == "unknown capability column")
  }

  @Test("duplicate capability column")
  func duplicateColumn() throws {
    let text = Self.file().replacingOccurrences(of: ",9.14\n", with: ",9.13\n")
    let found = try #require(issue(text))
    #expect(found.problem == "duplicate capability column")
    #expect(found.column == 15)
  }

  @Test("missing capability column")
  func missingColumn() throws {
    var lines = Self.file().split(separator: "\n").map { String($0.dropLast(1)) }
    lines[0] = "item," + (1...13).map { "9.\($0)" }.joined(separator: ",")
    let found = try #require(issue(lines.joined(separator: "\n")))
    #expect(found.value == "9.14")
    #expect(found.problem == "header has no column for capability")
  }

  @Test("bad cell value")
  func badCell() throws {
    let text = Self.file().replacingOccurrences(
      of: "\n7.1.3,,,", with: "\n7.1.3,,N,")
    let found = try #require(issue(text))
    #expect(found.line == 4)
    #expect(found.column == 3)
    #expect(found.value == "N")
    #expect(found.problem.contains("9.2"))
  }

  @Test("missing rows are listed")
  func missingRows() throws {
    let found = try #require(issue(Self.file(skip: "8.3.2")))
    #expect(found.value == "8.3.2")
    #expect(found.problem == "mapping file has no row for")
  }

  @Test("wrong field count")
  func fieldCount() throws {
    let found = try #require(issue(Self.file(extraLines: ["8.2.2,Y"])))
    #expect(found.line == 28)
    #expect(found.problem.contains("expected 15 fields"))
  }

  @Test("bad header and empty file")
  func header() throws {
    let bad = try #require(issue("clause,9.1\n"))
    #expect(bad.line == 1)
    #expect(bad.column == 1)
    let empty = try #require(issue("# nothing\n\n"))
    #expect(empty.problem == "mapping file has no header line")
  }

  @Test("invalid provenance value")
  func provenance() throws {
    var text = Mapping.tableI1.csv()
    text = text.replacingOccurrences(
      of: "8.3.2,,,,,,,Y,,,,,,,,derived", with: "8.3.2,,,,,,,Y,,,,,,,,guessed")
    let found = try #require(issue(text))
    #expect(found.value == "guessed")
    #expect(found.column == 16)
  }

  @Test("edited row keeping its provenance")
  func editedRowProvenance() throws {
    // 8.1.4 is published as 9.2, 9.7 and 9.12; this copy drops the 9.12 cell.
    let edited = Mapping.tableI1.csv().replacingOccurrences(
      of: "8.1.4,,Y,,,,,Y,,,,,Y,,,published", with: "8.1.4,,Y,,,,,Y,,,,,,,,published")
    let found = try #require(issue(edited))
    #expect(found.problem.contains("row 8.1.4 differs from the shipped Table I.1 row"))
    #expect(found.value == "published")
    #expect(found.column == 16)
    #expect(found.fix.contains("9.2 9.7 9.12"))

    let relabelled = edited.replacingOccurrences(
      of: "8.1.4,,Y,,,,,Y,,,,,,,,published", with: "8.1.4,,Y,,,,,Y,,,,,,,,supplied")
    let parsed = try Mapping.parseCSV(relabelled, file: "g.csv")
    let row = try #require(Catalog.standard.itemIndex(clause: "8.1.4"))
    #expect(parsed.rows[row].provenance == .supplied)
  }

  @Test("unchanged row claiming other provenance")
  func wrongProvenanceLabel() throws {
    let text = Mapping.tableI1.csv().replacingOccurrences(
      of: "8.3.2,,,,,,,Y,,,,,,,,derived", with: "8.3.2,,,,,,,Y,,,,,,,,published")
    let found = try #require(issue(text))
    #expect(found.problem.contains("row 8.3.2 differs"))
  }

  @Test("unterminated quote")
  func quote() throws {
    let found = try #require(issue(Self.file(extraLines: ["\"8.2.2,,"])))
    #expect(found.problem.contains("unterminated"))
  }

  @Test("missing file")
  func missingFile() throws {
    #expect(throws: CatalogError.self) {
      try Mapping.load(path: "/nonexistent/grid.csv")
    }
  }

  @Test("folder instead of file")
  func folderPath() throws {
    do {
      _ = try Mapping.load(path: "/")
      Issue.record("a folder was read as a mapping")
    } catch {
      guard case .invalidMapping(let found) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(found.problem == "cannot read mapping file: the path is a folder, not a file")
    }
  }

  @Test("byte order mark is skipped")
  func byteOrderMark() throws {
    let parsed = try Mapping.parseCSV("\u{FEFF}" + Mapping.tableI1.csv(), file: "bom.csv")
    #expect(parsed.markCount == Mapping.tableI1.markCount)
  }
}
