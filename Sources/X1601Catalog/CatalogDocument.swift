import Foundation

/// The catalog and a mapping as one JSON document, the form of `Datasets/x1601/catalog.json`
/// and of `x1601 catalog --format json`.
public struct CatalogDocument: Sendable, Equatable, Codable {
  /// One row of the mapping, with its Y cells as capability clause numbers.
  public struct Row: Sendable, Equatable, Codable {
    public var item: String
    public var capabilities: [String]
    public var provenance: MappingProvenance
    /// Keyed by capability clause; present for each Y cell that is not published.
    public var rationales: [String: String]
  }

  /// Which edition the titles follow.
  public var edition: String
  public var threats: [CatalogItem]
  public var challenges: [CatalogItem]
  public var capabilities: [CatalogItem]
  public var crossReferences: [CrossReference]
  public var controlAreas: [ControlArea]
  /// Where the mapping came from: "Table I.1" or a file name.
  public var mappingSource: String
  public var mapping: [Row]

  public init(catalog: Catalog = .standard, mapping: Mapping = .tableI1) {
    edition = "ITU-T X.1601 (01/2014); aliases are 10/2015 titles and short names such as IAM"
    threats = catalog.threats
    challenges = catalog.challenges
    capabilities = catalog.capabilities
    crossReferences = catalog.crossReferences
    controlAreas = catalog.controlAreas
    mappingSource = mapping.source
    self.mapping = mapping.rows.map { row in
      Row(
        item: row.item,
        capabilities: row.capabilities.indices.map { catalog.capabilities[$0].clause },
        provenance: row.provenance, rationales: row.rationales)
    }
  }

  /// The document as pretty-printed JSON with sorted keys, ending in a newline.
  public func jsonText() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain strings, arrays and dictionaries cannot fail.
    let data = (try? encoder.encode(self)) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
