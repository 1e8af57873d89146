import Foundation
import Testing
import X1601Catalog

@Suite("Catalog of clauses 7 to 9")
struct CatalogTests {
  let catalog = Catalog.standard

  @Test("counts of threats, challenges, capabilities")
  func counts() {
    #expect(catalog.threats.count == 5)
    #expect(catalog.challenges.count == 21)
    #expect(catalog.capabilities.count == 14)
    #expect(catalog.items.count == 26)
  }

  @Test("clause numbers in order")
  func clauseNumbers() {
    let threats = ["7.1.1", "7.1.2", "7.1.3", "7.2.1", "7.2.2"]
    let challenges =
      (1...8).map { "8.1.\($0)" } + (1...10).map { "8.2.\($0)" } + (1...3).map { "8.3.\($0)" }
    #expect(catalog.items.map(\.clause) == threats + challenges)
    #expect(catalog.capabilities.map(\.clause) == (1...14).map { "9.\($0)" })
  }

  @Test("party follows the clause group")
  func parties() {
    for item in catalog.items {
      let expected: CatalogParty =
        item.clause.hasPrefix("7.1") || item.clause.hasPrefix("8.1")
        ? .customer : item.clause.hasPrefix("8.3") ? .partner : .provider
      #expect(item.party == expected, "clause \(item.clause)")
    }
    #expect(catalog.capabilities.allSatisfy { $0.party == .provider })
  }

  @Test("kinds follow the clause")
  func kinds() {
    #expect(catalog.items.allSatisfy { ($0.kind == .threat) == $0.clause.hasPrefix("7.") })
    #expect(catalog.capabilities.allSatisfy { $0.kind == .capability })
  }

  @Test("summaries are present and not titles")
  func summaries() {
    for entry in catalog.items + catalog.capabilities {
      #expect(entry.summary.count > 40, "clause \(entry.clause)")
      #expect(entry.summary != entry.title, "clause \(entry.clause)")
    }
  }

  @Test("2015 titles are aliases")
  func aliases() throws {
    #expect(try catalog.resolve("Loss of confidentiality", in: .item) == 8)
    let dataProtection = try catalog.resolve(
      "Data isolation, protection and confidentiality protection", in: .capability)
    #expect(catalog.capabilities[dataProtection].clause == "9.7")
  }

  @Test("edition names every kind of alias")
  func editionAliases() {
    // 9.2 has the short names "IAM" and "Identity and access management", not 2015 titles.
    let edition = CatalogDocument(catalog: catalog, mapping: .tableI1).edition
    #expect(edition.contains("short names"), "\(edition)")
  }

  @Test(
    "lookup by clause or title",
    arguments: [
      ("7.1.1", "7.1.1"), ("clause 8.2.10", "8.2.10"), ("  LOSS OF   TRUST ", "8.1.2"),
      ("shared environment", "8.2.2"), ("Loss of privacy", "8.1.4"),
    ])
  func lookupItem(query: String, clause: String) throws {
    let index = try catalog.resolve(query, in: .item)
    #expect(catalog.items[index].clause == clause)
  }

  @Test("lookup of capability by title")
  func lookupCapability() throws {
    let index = try catalog.resolve("operational security", in: .capability)
    #expect(catalog.capabilities[index].clause == "9.9")
    let iam = try catalog.resolve("iam", in: .capability)
    #expect(catalog.capabilities[iam].clause == "9.2")
  }

  @Test("shared title is ambiguous")
  func ambiguousTitle() {
    #expect(throws: CatalogError.ambiguous(query: "Insider threats", clauses: ["7.1.3", "7.2.2"])) {
      try catalog.resolve("Insider threats", in: .item)
    }
  }

  @Test("capability where item expected")
  func wrongScope() {
    #expect(throws: CatalogError.wrongScope(query: "9.1", clause: "9.1", expected: .item)) {
      try catalog.resolve("9.1", in: .item)
    }
  }

  @Test("unknown clause is not found")
  func notFound() {
    #expect(throws: CatalogError.notFound(query: "7.3.1", scope: .item)) {
      try catalog.resolve("7.3.1", in: .item)
    }
    #expect(throws: CatalogError.notFound(query: "", scope: .capability)) {
      try catalog.resolve("", in: .capability)
    }
  }

  @Test("error descriptions name value and fix")
  func errorDescriptions() {
    let message = CatalogError.notFound(query: "7.9", scope: .item).description
    #expect(message.contains("\"7.9\""))
    #expect(message.contains("7.1.1 to 8.3.3"))
  }

  @Test("cross-references the text states")
  func crossReferences() {
    let pairs = Set(catalog.crossReferences.map { "\($0.from)->\($0.to)" })
    for pair in ["7.1.1->8.1.2", "7.1.1->8.1.3", "7.1.1->8.1.4", "8.2.7->8.1.5", "8.2.1->8.2.4"] {
      #expect(pairs.contains(pair), "\(pair)")
    }
    for reference in catalog.crossReferences {
      #expect(catalog.entry(matching: reference.from) != nil, "\(reference.from)")
      #expect(catalog.entry(matching: reference.to) != nil, "\(reference.to)")
    }
  }

  @Test("clause 10 control areas")
  func controlAreas() {
    #expect(
      catalog.controlAreas == [
        ControlArea(
          capability: "9.9", control: "Operations security", source: "ISO/IEC 27002 clause 12"),
        ControlArea(
          capability: "9.10", control: "Information security incident management",
          source: "ISO/IEC 27002 clause 16"),
      ])
  }
}

@Suite("Dataset files equal the built-in data")
struct DatasetFileTests {
  @Test("catalog.json")
  func catalogJSON() throws {
    let data = try Data(contentsOf: DatasetFiles.catalog)
    let document = try JSONDecoder().decode(CatalogDocument.self, from: data)
    #expect(document == CatalogDocument(catalog: .standard, mapping: .tableI1))
  }

  @Test("table-i1.csv")
  func tableCSV() throws {
    let text = try String(contentsOf: DatasetFiles.tableI1, encoding: .utf8)
    #expect(text == Mapping.tableI1.csv())
    let parsed = try Mapping.parseCSV(text, file: "table-i1.csv")
    #expect(parsed.rows.map(\.capabilities) == Mapping.tableI1.rows.map(\.capabilities))
    #expect(parsed.rows.map(\.provenance) == Mapping.tableI1.rows.map(\.provenance))
  }
}
