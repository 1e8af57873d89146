/// The threats (clause 7), challenges (clause 8) and capabilities (clause 9) of Recommendation
/// ITU-T X.1601, with the cross-references its text states.
///
/// Threats and challenges together are the 26 rows of Table I.1 and are called *items*; they are
/// numbered 0..<26 in clause order. Capabilities are the 14 columns, numbered 0..<14.
public struct Catalog: Sendable, Equatable {
  /// Number of threats and challenges (rows of Table I.1).
  public static let itemCount = 26
  /// Number of capabilities (columns of Table I.1).
  public static let capabilityCount = 14

  /// Threats and challenges in clause order.
  public let items: [CatalogItem]
  /// Capabilities in clause order.
  public let capabilities: [CatalogItem]
  /// References between clauses that the text states, such as clause 7.1.1 naming 8.1.2.
  public let crossReferences: [CrossReference]
  /// Control areas that clause 10 derives from capabilities.
  public let controlAreas: [ControlArea]

  /// Creates a catalog; `items` must hold 26 entries and `capabilities` 14.
  public init(
    items: [CatalogItem], capabilities: [CatalogItem], crossReferences: [CrossReference],
    controlAreas: [ControlArea]
  ) {
    precondition(items.count == Catalog.itemCount, "Table I.1 has 26 rows")
    precondition(capabilities.count == Catalog.capabilityCount, "Table I.1 has 14 columns")
    self.items = items
    self.capabilities = capabilities
    self.crossReferences = crossReferences
    self.controlAreas = controlAreas
  }

  /// The threats of clause 7.
  public var threats: [CatalogItem] { items.filter { $0.kind == .threat } }
  /// The challenges of clause 8.
  public var challenges: [CatalogItem] { items.filter { $0.kind == .challenge } }

  /// The index of the threat or challenge with clause number `clause`.
  ///
  /// - Complexity: O(*n*) for *n* = 26 items.
  public func itemIndex(clause: String) -> Int? {
    items.firstIndex { $0.clause == clause }
  }

  /// The index of the capability with clause number `clause`.
  ///
  /// - Complexity: O(*n*) for *n* = 14 capabilities.
  public func capabilityIndex(clause: String) -> Int? {
    capabilities.firstIndex { $0.clause == clause }
  }
}

// MARK: - Lookup by clause or title

/// Which entries a lookup may return.
public enum CatalogScope: String, Sendable {
  /// Threats and challenges (clauses 7 and 8).
  case item = "threat or challenge"
  /// Capabilities (clause 9).
  case capability = "capability"
}

extension Catalog {
  /// Finds the entry whose clause number, title or alias is `query`.
  ///
  /// Matching ignores case, surrounding spaces, repeated spaces and a leading "Clause". A title
  /// that several clauses share (such as "Insider threats", 7.1.3 and 7.2.2) is ambiguous and
  /// throws, naming the clauses to use instead.
  ///
  /// - Returns: the index in `items` or `capabilities`, depending on `scope`.
  /// - Throws: `CatalogError.notFound`, `.ambiguous`, or `.wrongScope` when the query names an
  ///   entry of the other scope.
  public func resolve(_ query: String, in scope: CatalogScope) throws(CatalogError) -> Int {
    let key = Catalog.normalize(query)
    if key.isEmpty {
      throw .notFound(query: query, scope: scope)
    }

    func matches(_ entry: CatalogItem) -> Bool {
      entry.clause == key || Catalog.normalize(entry.title) == key
        || entry.aliases.contains { Catalog.normalize($0) == key }
    }

    let primary = scope == .item ? items : capabilities
    let matching = primary.indices.filter { matches(primary[$0]) }
    if matching.count == 1 {
      return matching[0]
    }
    if matching.count > 1 {
      throw .ambiguous(query: query, clauses: matching.map { primary[$0].clause })
    }

    let other = scope == .item ? capabilities : items
    if let entry = other.first(where: matches) {
      throw .wrongScope(query: query, clause: entry.clause, expected: scope)
    }
    throw .notFound(query: query, scope: scope)
  }

  /// The entry with clause number or title `query` in either scope, if exactly one matches.
  public func entry(matching query: String) -> CatalogItem? {
    if let index = try? resolve(query, in: .item) {
      return items[index]
    }
    if let index = try? resolve(query, in: .capability) {
      return capabilities[index]
    }
    return nil
  }

  /// Lowercases `text`, collapses runs of spaces and drops a leading "clause".
  static func normalize(_ text: String) -> String {
    let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
    var trimmed = words[...]
    if trimmed.first == "clause" {
      trimmed = trimmed.dropFirst()
    }
    return trimmed.joined(separator: " ")
  }
}

// MARK: - Areas of analysis

/// A subclause that groups threats or challenges by the party they affect, such as 7.1; Table 1
/// of clause 10 calls these "areas of analysis".
public struct CatalogArea: Sendable, Equatable, Codable {
  public var clause: String
  public var title: String
}

extension Catalog {
  /// The five areas: clauses 7.1, 7.2, 8.1, 8.2 and 8.3.
  public static let areas: [CatalogArea] = [
    CatalogArea(clause: "7.1", title: "Security threats for cloud service customers (CSCs)"),
    CatalogArea(clause: "7.2", title: "Security threats for cloud service providers (CSPs)"),
    CatalogArea(clause: "8.1", title: "Security challenges for cloud service customers (CSCs)"),
    CatalogArea(clause: "8.2", title: "Security challenges for cloud service providers (CSPs)"),
    CatalogArea(clause: "8.3", title: "Security challenges for cloud service partners (CSNs)"),
  ]

  /// The area whose clause number starts the clause of `item`, such as 8.2 for 8.2.10.
  public static func area(of item: CatalogItem) -> CatalogArea? {
    areas.first { item.clause.hasPrefix($0.clause + ".") }
  }
}
