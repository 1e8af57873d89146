/// Where a row of a threat-to-capability mapping comes from.
///
/// Every cell of a row shares the row's provenance, because what survives of Table I.1 is whole
/// rows, row counts and group totals, never single cells of an otherwise unknown row.
public enum MappingProvenance: String, CaseIterable, Sendable, Codable {
  /// Every cell is known from the 10/2015 reprint of Table I.1.
  case published
  /// The row's number of Y cells, or the totals of its row and column groups, are known from
  /// the 2014 and 2015 editions; which cells hold them was chosen by reading clauses 7 to 9.
  case constrained
  /// Nothing of the row survives; its cells were chosen by reading clauses 7 to 9 alone.
  case derived
  /// The row comes from a mapping file that a user supplied.
  case supplied
}

/// One row of a mapping: the capabilities that address one threat or challenge.
public struct MappingRow: Sendable, Equatable {
  /// Clause number of the threat or challenge.
  public var item: String
  /// The capabilities marked Y.
  public var capabilities: CapabilitySet
  public var provenance: MappingProvenance
  /// For each Y cell that is not published, keyed by capability clause: one sentence naming
  /// the clause text it rests on.
  public var rationales: [String: String]

  public init(
    item: String, capabilities: CapabilitySet, provenance: MappingProvenance,
    rationales: [String: String] = [:]
  ) {
    self.item = item
    self.capabilities = capabilities
    self.provenance = provenance
    self.rationales = rationales
  }
}

/// A mapping of the 26 threats and challenges to the 14 capabilities that address them, such as
/// Table I.1 of Appendix I.
public struct Mapping: Sendable, Equatable {
  /// One row per threat or challenge, in catalog order.
  public let rows: [MappingRow]
  /// The origin of the mapping: "Table I.1" or the file name.
  public let source: String

  /// Creates a mapping; `rows` must list the catalog's items in order.
  public init(rows: [MappingRow], source: String) {
    precondition(rows.count == Catalog.itemCount, "a mapping has one row per item")
    self.rows = rows
    self.source = source
  }

  /// The capabilities that address item `index`.
  public func capabilities(addressing index: Int) -> CapabilitySet {
    rows[index].capabilities
  }

  /// For each capability index, the items it addresses.
  ///
  /// - Complexity: O(*r* × *c*) for *r* = 26 rows and *c* = 14 capabilities.
  public var itemsByCapability: [ItemSet] {
    var result = [ItemSet](repeating: .empty, count: Catalog.capabilityCount)
    for (itemIndex, row) in rows.enumerated() {
      for capability in row.capabilities.indices {
        result[capability].insert(itemIndex)
      }
    }
    return result
  }

  /// Whether the cell of `item` (row index) and `capability` (column index) holds Y.
  public func contains(item: Int, capability: Int) -> Bool {
    rows[item].capabilities.contains(capability)
  }

  /// Number of Y cells in the whole mapping.
  public var markCount: Int {
    rows.reduce(0) { $0 + $1.capabilities.count }
  }
}
