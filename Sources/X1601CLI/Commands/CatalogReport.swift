import X1601Catalog

/// Renders the catalog and mappings in the output formats.
enum CatalogReport {
  static let provenanceLegend: [(MappingProvenance, String)] = [
    (.published, "every cell is known from the 10/2015 reprint of Table I.1"),
    (
      .constrained,
      "the row's Y count or its group totals are known; the cells were chosen by reading "
        + "clauses 7 to 9 within those counts"
    ),
    (.derived, "nothing of the row survives; the cells were chosen by reading clauses 7 to 9"),
    (.supplied, "the row comes from a user's mapping file"),
  ]

  // MARK: - Catalog

  static func catalog(_ catalog: Catalog, mapping: Mapping, format: OutputFormat) -> String {
    switch format {
    case .json:
      return CatalogDocument(catalog: catalog, mapping: mapping).jsonText()
    case .csv:
      var table = TextTable(header: ["kind", "clause", "title", "aliases", "party", "summary"])
      for entry in catalog.items + catalog.capabilities {
        table.rows.append([
          entry.kind.rawValue, entry.clause, entry.title,
          entry.aliases.joined(separator: "; "), entry.party.rawValue, entry.summary,
        ])
      }
      return table.csv()
    case .text, .markdown:
      return catalogDocument(catalog, markdown: format == .markdown)
    }
  }

  private static func catalogDocument(_ catalog: Catalog, markdown: Bool) -> String {
    func heading(_ title: String) -> String {
      markdown ? "## \(title)\n\n" : "\(title)\n\n"
    }
    func render(_ table: TextTable) -> String {
      markdown ? table.markdown() : table.plainText()
    }
    func entries(_ list: [CatalogItem], party: Bool) -> TextTable {
      var table = TextTable(
        header: party ? ["clause", "title", "party", "summary"] : ["clause", "title", "summary"])
      for entry in list {
        var title = entry.title
        if !entry.aliases.isEmpty {
          title += " (also: \(entry.aliases.joined(separator: "; ")))"
        }
        table.rows.append(
          party
            ? [entry.clause, title, entry.party.abbreviation, entry.summary]
            : [entry.clause, title, entry.summary])
      }
      return table
    }

    var text = heading("Security threats (clause 7)")
    text += render(entries(catalog.threats, party: true))
    text += "\n" + heading("Security challenges (clause 8)")
    text += render(entries(catalog.challenges, party: true))
    text +=
      "\n"
      + heading("Security capabilities (clause 9), each implemented by the provider (CSP)")
    text += render(entries(catalog.capabilities, party: false))

    var references = TextTable(header: ["from", "to", "what the text states"])
    for reference in catalog.crossReferences {
      references.rows.append([reference.from, reference.to, reference.statement])
    }
    text += "\n" + heading("Cross-references stated in the text")
    text += render(references)

    var controls = TextTable(header: ["capability", "control", "defined in"])
    for area in catalog.controlAreas {
      controls.rows.append([area.capability, area.control, area.source])
    }
    text += "\n" + heading("Control areas that clause 10 derives from capabilities")
    text += render(controls)
    text +=
      "\nParty: CSC cloud service customer, CSP cloud service provider, "
      + "CSN cloud service partner.\n"
    return text
  }

  // MARK: - Mapping

  static func mapping(_ mapping: Mapping, catalog: Catalog, format: OutputFormat) -> String {
    switch format {
    case .csv:
      return mapping.csv(provenance: true, catalog: catalog)
    case .json:
      return CatalogDocument(catalog: catalog, mapping: mapping).jsonText()
    case .text, .markdown:
      return mappingDocument(mapping, catalog: catalog, markdown: format == .markdown)
    }
  }

  private static func mappingDocument(
    _ mapping: Mapping, catalog: Catalog, markdown: Bool
  )
    -> String
  {
    let capabilityClauses = catalog.capabilities.map(\.clause)
    var grid = TextTable(header: ["item"] + capabilityClauses + ["count", "provenance"])
    for row in mapping.rows {
      var cells = [row.item]
      for capability in capabilityClauses.indices {
        cells.append(row.capabilities.contains(capability) ? "Y" : (markdown ? "" : "."))
      }
      cells.append(String(row.capabilities.count))
      cells.append(row.provenance.rawValue)
      grid.rows.append(cells)
    }
    let columnTotals = mapping.itemsByCapability.map { String($0.count) }
    grid.rows.append(["total"] + columnTotals + [String(mapping.markCount), ""])

    var text = ""
    let title =
      "Mapping of threats and challenges to capabilities (source: \(mapping.source)); "
      + "Y: the capability addresses the item"
    text += markdown ? "## \(title)\n\n" + grid.markdown() : title + "\n\n" + grid.plainText()

    text += markdown ? "\n### Provenance\n\n" : "\nProvenance:\n"
    for (provenance, meaning) in provenanceLegend
    where mapping.rows.contains(where: { $0.provenance == provenance }) {
      text +=
        markdown
        ? "- **\(provenance.rawValue)**: \(meaning)\n" : "  \(provenance.rawValue): \(meaning)\n"
    }

    let reasoned = mapping.rows.filter { !$0.rationales.isEmpty }
    if !reasoned.isEmpty {
      text +=
        markdown
        ? "\n### Reasoning for cells not in the published table\n\n"
        : "\nReasoning for cells not in the published table:\n"
      for row in reasoned {
        for capability in row.capabilities.indices {
          let clause = capabilityClauses[capability]
          guard let rationale = row.rationales[clause] else { continue }
          text +=
            markdown
            ? "- \(row.item) × \(clause): \(rationale)\n"
            : "  \(row.item) x \(clause): \(rationale)\n"
        }
      }
    }
    return text
  }
}
