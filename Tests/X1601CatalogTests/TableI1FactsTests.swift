import Testing
import X1601Catalog

/// One fact known about Table I.1 from the published editions.
struct TableI1Fact: CustomTestStringConvertible, Sendable {
  enum Check: Sendable {
    /// The cell (item, capability) holds Y or is empty.
    case cell(item: String, capability: String, marked: Bool)
    /// The row holds this many Y.
    case rowCount(item: String, count: Int)
    /// The rows and columns named hold this many Y in all.
    case groupTotal(items: [String], capabilities: [String], count: Int)
  }

  var name: String
  var check: Check

  var testDescription: String { name }

  static let publishedRows: [(item: String, marked: [String])] = [
    ("8.1.4", ["9.2", "9.7", "9.12"]),
    ("8.1.5", ["9.8", "9.9", "9.10", "9.11", "9.14"]),
    ("8.2.6", ["9.4", "9.5", "9.6", "9.7", "9.8", "9.9"]),
  ]

  static let rowCounts: [(String, Int)] = [
    ("7.1.1", 5), ("7.1.2", 5), ("7.1.3", 3), ("7.2.1", 4), ("7.2.2", 3), ("8.1.1", 2),
    ("8.1.2", 2), ("8.1.3", 7), ("8.1.4", 3), ("8.1.5", 5), ("8.2.6", 6),
  ]

  static let threats = ["7.1.1", "7.1.2", "7.1.3", "7.2.1", "7.2.2"]
  static let customerChallenges = (1...8).map { "8.1.\($0)" }
  static let providerChallengesOneToEight = (1...8).map { "8.2.\($0)" }
  static let allCapabilities = (1...14).map { "9.\($0)" }

  static let threatColumnGroups: [([String], Int)] = [
    (["9.1", "9.2"], 5),
    (["9.3", "9.5", "9.6"], 6),
    (["9.7"], 3),
    (["9.4"], 1),
    (["9.8", "9.9", "9.10", "9.11", "9.12"], 5),
    (["9.13", "9.14"], 0),
  ]

  static let all: [TableI1Fact] = {
    var facts: [TableI1Fact] = []
    for (item, marked) in publishedRows {
      for capability in allCapabilities {
        let isMarked = marked.contains(capability)
        facts.append(
          TableI1Fact(
            name: "cell \(item) × \(capability) is \(isMarked ? "Y" : "empty")",
            check: .cell(item: item, capability: capability, marked: isMarked)))
      }
    }
    for (item, count) in rowCounts {
      facts.append(
        TableI1Fact(
          name: "row \(item) holds \(count) Y", check: .rowCount(item: item, count: count)))
    }
    facts.append(
      TableI1Fact(
        name: "rows 7.x hold 20 Y",
        check: .groupTotal(items: threats, capabilities: allCapabilities, count: 20)))
    for (columns, count) in threatColumnGroups {
      facts.append(
        TableI1Fact(
          name: "rows 7.x × columns \(columns.joined(separator: "+")) hold \(count) Y",
          check: .groupTotal(items: threats, capabilities: columns, count: count)))
    }
    facts.append(
      TableI1Fact(
        name: "rows 8.1.x hold 26 Y",
        check: .groupTotal(items: customerChallenges, capabilities: allCapabilities, count: 26)))
    facts.append(
      TableI1Fact(
        name: "rows 8.1.6+8.1.7+8.1.8 hold 7 Y",
        check: .groupTotal(
          items: ["8.1.6", "8.1.7", "8.1.8"], capabilities: allCapabilities, count: 7)))
    facts.append(
      TableI1Fact(
        name: "rows 8.2.1 to 8.2.8 hold 20 Y",
        check: .groupTotal(
          items: providerChallengesOneToEight, capabilities: allCapabilities, count: 20)))
    return facts
  }()
}

/// Counts the Y cells of `mapping` in the given rows and columns.
func markCount(_ mapping: Mapping, items: [String], capabilities: [String]) throws -> Int {
  let catalog = Catalog.standard
  var count = 0
  for item in items {
    let row = try #require(catalog.itemIndex(clause: item), "unknown item \(item)")
    for capability in capabilities {
      let column = try #require(
        catalog.capabilityIndex(clause: capability), "unknown capability \(capability)")
      if mapping.contains(item: row, capability: column) { count += 1 }
    }
  }
  return count
}

@Suite("Table I.1 agrees with the published facts")
struct TableI1FactsTests {
  @Test("shipped mapping", arguments: TableI1Fact.all)
  func shippedMapping(fact: TableI1Fact) throws {
    try Self.verify(fact, in: .tableI1)
  }

  @Test("shipped CSV file", arguments: TableI1Fact.all)
  func shippedFile(fact: TableI1Fact) throws {
    let mapping = try Mapping.load(path: DatasetFiles.tableI1.path)
    try Self.verify(fact, in: mapping)
  }

  static func verify(_ fact: TableI1Fact, in mapping: Mapping) throws {
    switch fact.check {
    case .cell(let item, let capability, let marked):
      let count = try markCount(mapping, items: [item], capabilities: [capability])
      #expect(count == (marked ? 1 : 0))
    case .rowCount(let item, let expected):
      let count = try markCount(
        mapping, items: [item], capabilities: TableI1Fact.allCapabilities)
      #expect(count == expected)
    case .groupTotal(let items, let capabilities, let expected):
      let count = try markCount(mapping, items: items, capabilities: capabilities)
      #expect(count == expected)
    }
  }

  @Test("published rows are marked published")
  func publishedProvenance() throws {
    for (item, _) in TableI1Fact.publishedRows {
      let index = try #require(Catalog.standard.itemIndex(clause: item))
      #expect(Mapping.tableI1.rows[index].provenance == .published, "row \(item)")
    }
  }

  @Test("rows with known counts are constrained")
  func constrainedProvenance() throws {
    let constrained =
      TableI1Fact.threats + TableI1Fact.customerChallenges
      + TableI1Fact.providerChallengesOneToEight
    let published = Set(TableI1Fact.publishedRows.map(\.item))
    for item in constrained where !published.contains(item) {
      let index = try #require(Catalog.standard.itemIndex(clause: item))
      #expect(Mapping.tableI1.rows[index].provenance == .constrained, "row \(item)")
    }
  }

  @Test("unknown rows are derived")
  func derivedProvenance() throws {
    for item in ["8.2.9", "8.2.10", "8.3.1", "8.3.2", "8.3.3"] {
      let index = try #require(Catalog.standard.itemIndex(clause: item))
      #expect(Mapping.tableI1.rows[index].provenance == .derived, "row \(item)")
    }
  }

  @Test("every unpublished Y has a rationale")
  func rationales() {
    let capabilities = Catalog.standard.capabilities
    for row in Mapping.tableI1.rows {
      let marked = Set(row.capabilities.indices.map { capabilities[$0].clause })
      if row.provenance == .published {
        #expect(row.rationales.isEmpty, "published row \(row.item) needs no rationale")
        continue
      }
      #expect(Set(row.rationales.keys) == marked, "row \(row.item)")
      for (capability, rationale) in row.rationales {
        #expect(rationale.contains("clause"), "\(row.item) × \(capability) names no clause")
        #expect(rationale.hasSuffix("."), "\(row.item) × \(capability) is one sentence")
      }
    }
  }

  /// Wording of clauses 7 to 9 that a rationale has to carry, so that it states what the clause
  /// says instead of a stronger paraphrase (such as "cannot" for "it is often difficult").
  static let quotedWording: [(item: String, capability: String, wording: String)] = [
    ("7.1.1", "9.1", "authorized rights"),
    ("7.1.2", "9.1", "often difficult"),
    ("7.1.2", "9.5", "computing virtualization environment"),
    ("7.1.2", "9.10", "abnormal conditions"),
    ("7.1.3", "9.9", "correctly enforced"),
    ("7.1.3", "9.10", "abnormal conditions"),
    ("7.2.1", "9.5", "target of choice"),
    ("7.2.1", "9.6", "intrusion detection and prevention"),
    ("7.2.1", "9.10", "abnormal conditions"),
    ("8.1.1", "9.8", "different degrees of control"),
    ("8.1.2", "9.9", "delivering on SLA security commitments"),
    ("8.1.2", "9.12", "formalized manner"),
    ("8.1.3", "9.7", "permanently delete"),
    ("8.1.3", "9.13", "right to be forgotten"),
    ("8.1.6", "9.8", "interoperability and harmonization"),
    ("8.1.7", "9.7", "only as authorized by the customer"),
    ("8.2.5", "9.12", "security evaluation"),
    ("8.2.8", "9.13", "coexistence and cooperation"),
    ("8.2.9", "9.12", "upstream providers"),
  ]

  @Test("rationales carry the clause wording")
  func rationaleWording() throws {
    for (item, capability, wording) in Self.quotedWording {
      let index = try #require(Catalog.standard.itemIndex(clause: item))
      let rationale = try #require(Mapping.tableI1.rows[index].rationales[capability])
      #expect(rationale.contains(wording), "\(item) × \(capability): \(rationale)")
    }
  }

  @Test("every item is addressed by some capability")
  func everyRowMarked() {
    for row in Mapping.tableI1.rows {
      #expect(!row.capabilities.isEmpty, "row \(row.item)")
    }
  }
}
