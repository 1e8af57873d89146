import X1601Analysis
import X1601Catalog
import X1601Graph

extension HTMLReport {
  /// Builds the report of a clause 10 assessment: the service, step 1's applicability table, step 2's
  /// minimum-cost cover and uncovered items, step 3's control areas, and the mapping picture.
  public static func assessment(_ assessment: Assessment, svg: String?) -> HTMLReport {
    let catalog = assessment.catalog
    let profile = assessment.profile
    let mapping = CoverMapping(assessment: assessment)

    var service = [
      "Category: \(profile.category.name). Deployment model: \(profile.deployment.name)."
    ]
    if let description = profile.description {
      service.append(description)
    }

    let step1 = Table(
      caption: "Step 1: threats (clause 7) and challenges (clause 8) that apply",
      headers: ["Clause", "Title", "Kind", "Applicable", "Notes"],
      rows: assessment.step1.map { row in
        let item = catalog.items[row.item]
        return [
          item.clause, item.title, item.kind.rawValue, row.applicable ? "yes" : "no",
          row.notes ?? "",
        ]
      },
      rowClasses: assessment.step1.map { row in
        let clause = catalog.items[row.item].clause
        if !row.applicable { return "not-applicable" }
        return mapping.uncovered.contains(clause) ? "uncovered" : nil
      })

    let selection = assessment.step2
    let step2 = Table(
      caption: "Step 2: minimum-cost cover (\(selection.members.count) capabilities, "
        + "cost \(HTMLEscaping.number(selection.solution.minimumCost)))",
      headers: ["Clause", "Capability", "Reason", "Cost", "Addresses"],
      rows: selection.members.map { member in
        let capability = catalog.capabilities[member.capability]
        let covers = member.covers.indices.map { catalog.items[$0].clause }
        return [
          capability.clause, capability.title, member.reason.rawValue,
          HTMLEscaping.number(member.cost), covers.joined(separator: ", "),
        ]
      },
      rowClasses: selection.members.map { _ in "cover" })
    var step2Notes = [
      "Minimum number of capabilities: \(selection.solution.minimumCardinality), in "
        + ViewStyle.counted(selection.solution.minimumCardinalityCovers.count, "cover")
        + " of that size."
    ]
    let uncovered = catalog.items.map(\.clause).filter { mapping.uncovered.contains($0) }
    step2Notes.append(
      uncovered.isEmpty
        ? "Every applicable item is addressed."
        : "Applicable items that no allowed capability addresses: "
          + uncovered.joined(separator: ", ") + ".")

    let step3 = Table(
      caption: "Step 3: control areas derived from the chosen capabilities",
      headers: ["Capability", "Control", "Source"],
      rows: assessment.step3.flatMap { derivation in
        derivation.controlAreas.map { area in [area.capability, area.control, area.source] }
      })

    return HTMLReport(
      title: "Assessment: \(profile.service)",
      sections: [
        Section(heading: "Service", paragraphs: service),
        Section(heading: "Applicability", tables: [step1]),
        Section(heading: "Capabilities", paragraphs: step2Notes, tables: [step2]),
        Section(heading: "Controls", tables: [step3]),
        Section(
          heading: "Mapping",
          paragraphs: [
            "Table I.1 with the cover: gold capabilities form the cover, green items are "
              + "addressed, red items are left uncovered, dashed items do not apply."
          ], svg: svg),
      ])
  }

  /// Builds the report of a propagation run: the sources, the affected nodes with their items (at
  /// most `limit` rows), the stopped edges, and the picture.
  public static func propagation(
    _ highlight: PropagationHighlight, graph: Graph, svg: String?, title: String,
    limit: Int = 500
  ) -> HTMLReport {
    let sources = Set(highlight.sources)
    let nodes = highlight.sources + highlight.affected.filter { !sources.contains($0) }
    let shown = nodes.prefix(limit)
    let affected = Table(
      caption: "Affected nodes"
        + (nodes.count > limit ? " (first \(limit) of \(nodes.count))" : ""),
      headers: ["Node", "Kind", "Items", "Role"],
      rows: shown.map { node in
        [
          graph.name(of: node), graph.kind(of: node).name,
          (highlight.items[node] ?? []).joined(separator: ", "),
          sources.contains(node) ? "source" : "affected",
        ]
      },
      rowClasses: shown.map { sources.contains($0) ? "source" : nil })
    let blocked = Table(
      caption: "Edges where propagation stopped"
        + (highlight.blockedEdges.count > limit
          ? " (first \(limit) of \(highlight.blockedEdges.count))" : ""),
      headers: ["From", "To"],
      rows: highlight.blockedEdges.prefix(limit).map {
        [graph.name(of: $0.from), graph.name(of: $0.to)]
      })
    return HTMLReport(
      title: title,
      sections: [
        Section(
          heading: "Summary",
          paragraphs: [
            ViewStyle.counted(highlight.affected.count, "affected node") + " from "
              + ViewStyle.counted(highlight.sources.count, "source") + "; "
              + ViewStyle.counted(highlight.blockedEdges.count, "stopped edge") + "."
          ]),
        Section(heading: "Affected nodes", tables: [affected]),
        highlight.blockedEdges.isEmpty
          ? Section(
            heading: "Stopped edges",
            paragraphs: ["No capability stopped the propagation on any edge."])
          : Section(heading: "Stopped edges", tables: [blocked]),
        Section(heading: "Picture", svg: svg),
      ])
  }

  /// Builds the report of a supply-chain picture: node counts by kind and the picture.
  public static func chain(graph: Graph, svg: String?, title: String) -> HTMLReport {
    let counts = graph.nodeCountsByKind
    let table = Table(
      caption: "Nodes by kind", headers: ["Kind", "Count"],
      rows: NodeKind.allCases.map { [$0.name, String(counts[Int($0.rawValue)])] })
    return HTMLReport(
      title: title,
      sections: [
        Section(
          heading: "Graph",
          paragraphs: [
            ViewStyle.counted(graph.nodeCount, "node") + ", "
              + ViewStyle.counted(graph.edgeCount, "edge") + "."
          ], tables: [table]),
        Section(heading: "Picture", svg: svg),
      ])
  }
}
