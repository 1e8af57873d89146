import X1601Graph

/// The data of the mapping picture: Table I.1's threats and challenges (clauses 7 and 8), its
/// security capabilities (clause 9), the cells that join them and a chosen cover.
public struct CoverMapping: Sendable, Equatable {
  /// A threat or challenge row of Table I.1.
  public struct Item: Sendable, Equatable {
    /// The clause number, such as `"7.1.1"`.
    public var id: String
    /// The clause title, such as "Data loss and leakage".
    public var title: String
    /// `.threat` for clause 7 items, `.challenge` for clause 8 items.
    public var kind: NodeKind
    /// Whether the item applies to the assessed service (step 1 of clause 10).
    public var isApplicable: Bool

    /// Creates an item.
    public init(id: String, title: String, kind: NodeKind, isApplicable: Bool = true) {
      self.id = id
      self.title = title
      self.kind = kind
      self.isApplicable = isApplicable
    }
  }

  /// A capability column of Table I.1.
  public struct Capability: Sendable, Equatable {
    /// The clause number, such as `"9.2"`.
    public var id: String
    /// The clause title, such as "Identity and access management (IAM)".
    public var title: String

    /// Creates a capability.
    public init(id: String, title: String) {
      self.id = id
      self.title = title
    }
  }

  /// A marked cell of Table I.1: the capability addresses the item.
  public struct Cell: Sendable, Equatable {
    /// The capability's clause number.
    public var capability: String
    /// The item's clause number.
    public var item: String

    /// Creates a cell.
    public init(capability: String, item: String) {
      self.capability = capability
      self.item = item
    }
  }

  /// The rows, drawn in this order within their clause.
  public var items: [Item]
  /// The columns, drawn in this order.
  public var capabilities: [Capability]
  /// The marked cells.
  public var cells: [Cell]
  /// The clause numbers of the capabilities in the chosen cover.
  public var cover: Set<String>
  /// The clause numbers of applicable items that no capability of the cover addresses.
  public var uncovered: Set<String>
  /// The picture's title, such as the assessed service's name.
  public var title: String

  /// Creates the data of a mapping picture.
  public init(
    items: [Item], capabilities: [Capability], cells: [Cell], cover: Set<String> = [],
    uncovered: Set<String> = [], title: String = "Table I.1"
  ) {
    self.items = items
    self.capabilities = capabilities
    self.cells = cells
    self.cover = cover
    self.uncovered = uncovered
    self.title = title
  }
}

/// Draws a ``CoverMapping`` as a bipartite picture: capabilities in one column, threats and
/// challenges grouped by clause (7.1, 7.2, 8.1, 8.2, 8.3) in the other, and an edge per marked
/// cell. Cover capabilities are gold, items they address green, uncovered items red, and
/// items that do not apply grey.
///
/// Node ids are `capability-<clause>` and `item-<clause>`; SVG output keeps them as element ids
/// and adds the classes `cover`, `covered`, `uncovered` and `not-applicable`.
public enum CoverMappingView {
  /// The clause headings of the item groups (clauses 7.1 to 8.3).
  static let clauseTitles: [(clause: String, title: String)] = [
    ("7.1", "Security threats for cloud service customers (CSCs)"),
    ("7.2", "Security threats for cloud service providers (CSPs)"),
    ("8.1", "Security challenges for cloud service customers (CSCs)"),
    ("8.2", "Security challenges for cloud service providers (CSPs)"),
    ("8.3", "Security challenges for cloud service partners (CSNs)"),
  ]

  /// Builds the DOT graph of `mapping`.
  ///
  /// - Complexity: O(*r* + *c* + *e*), where *r* is the number of items, *c* of capabilities
  ///   and *e* of cells.
  public static func graph(_ mapping: CoverMapping) -> DOTGraph {
    var graph = DOTGraph(id: "mapping")
    // Each capability and each item sits on a rank of its own, chained by invisible edges, so
    // the layout keeps both columns in clause order. Cells are straight lines that set no rank.
    ViewStyle.applyDefaults(to: &graph, rankDirection: "TB")
    graph.body.attributes["newrank"] = "true"
    graph.body.attributes["ranksep"] = "0.12"
    graph.body.attributes["nodesep"] = "0.6"
    graph.body.attributes["splines"] = "line"
    graph.body.attributes["label"] = .html(titleLabel(mapping))

    let coveredItems = Set(
      mapping.cells.filter { mapping.cover.contains($0.capability) }.map(\.item))

    var capabilityCluster = DOTSubgraph(
      id: "cluster_capabilities",
      attributes: clusterAttributes("9 Security capabilities"))
    for capability in mapping.capabilities {
      capabilityCluster.nodes.append(
        capabilityNode(capability, isInCover: mapping.cover.contains(capability.id)))
    }
    graph.body.subgraphs.append(capabilityCluster)

    for (clause, title) in clauseTitles {
      let members = mapping.items.filter { clauseNumber(of: $0.id) == clause }
      if members.isEmpty { continue }
      var cluster = DOTSubgraph(
        id: "cluster_clause_\(clause)", attributes: clusterAttributes("\(clause) \(title)"))
      for item in members {
        cluster.nodes.append(itemNode(item, mapping: mapping, coveredItems: coveredItems))
      }
      graph.body.subgraphs.append(cluster)
    }
    let otherItems = mapping.items.filter { item in
      !clauseTitles.contains { $0.clause == clauseNumber(of: item.id) }
    }
    for item in otherItems {
      graph.body.nodes.append(itemNode(item, mapping: mapping, coveredItems: coveredItems))
    }

    let drawnItems =
      clauseTitles.flatMap { title in
        mapping.items.filter { clauseNumber(of: $0.id) == title.clause }
      } + otherItems
    graph.body.edges += columnChain(
      mapping.capabilities.map { nodeID(capability: $0.id) },
      spacing: columnSpacing(
        capabilities: mapping.capabilities.count, items: drawnItems.count))
    graph.body.edges += columnChain(drawnItems.map { nodeID(item: $0.id) }, spacing: 1)

    let itemIDs = Set(mapping.items.map(\.id))
    let applicableIDs = Set(mapping.items.filter(\.isApplicable).map(\.id))
    let capabilityIDs = Set(mapping.capabilities.map(\.id))
    for cell in mapping.cells
    where itemIDs.contains(cell.item) && capabilityIDs.contains(cell.capability) {
      var attributes: DOTAttributes = [
        "id": .text("cell-\(cell.capability)-\(cell.item)"),
        "tooltip": .text("\(cell.capability) addresses \(cell.item)"),
        "constraint": "false",
        "tailport": "e",
        "headport": "w",
      ]
      if mapping.cover.contains(cell.capability) && applicableIDs.contains(cell.item) {
        attributes["color"] = .text(ViewStyle.coverBorder)
        attributes["penwidth"] = "1.8"
        attributes["class"] = "cover"
      } else {
        attributes["color"] = .text(ViewStyle.mutedColor)
      }
      graph.body.edges.append(
        DOTEdge(nodeID(capability: cell.capability), nodeID(item: cell.item), attributes))
    }
    graph.body.nodes.append(legendNode())
    return graph
  }

  /// Returns invisible edges that put each of `nodes` on its own rank, `spacing` ranks below
  /// the one before.
  private static func columnChain(_ nodes: [String], spacing: Int) -> [DOTEdge] {
    zip(nodes, nodes.dropFirst()).map { upper, lower in
      DOTEdge(upper, lower, ["style": "invis", "minlen": .text(String(spacing))])
    }
  }

  /// Returns the number of ranks between consecutive capabilities that makes the capability
  /// column about as tall as the item column.
  private static func columnSpacing(capabilities: Int, items: Int) -> Int {
    guard capabilities > 1, items > capabilities else { return 1 }
    return max(1, Int(((Double(items - 1) / Double(capabilities - 1))).rounded()))
  }

  /// Returns the node id of the capability with clause number `clause`.
  public static func nodeID(capability clause: String) -> String {
    "capability-" + clause
  }

  /// Returns the node id of the threat or challenge with clause number `clause`.
  public static func nodeID(item clause: String) -> String {
    "item-" + clause
  }

  /// Returns the first two components of a clause number: `"8.2"` for `"8.2.10"`.
  static func clauseNumber(of id: String) -> String {
    id.split(separator: ".", omittingEmptySubsequences: false).prefix(2).joined(separator: ".")
  }

  private static func titleLabel(_ mapping: CoverMapping) -> HTMLLabel {
    let coverList = mapping.capabilities.map(\.id).filter { mapping.cover.contains($0) }
    let uncoveredList = mapping.items.map(\.id).filter { mapping.uncovered.contains($0) }
    var summary =
      "Cover: "
      + (coverList.isEmpty ? "none" : coverList.joined(separator: ", "))
      + " (\(coverList.count) of \(mapping.capabilities.count) capabilities)"
    if !uncoveredList.isEmpty {
      summary += "; uncovered: " + uncoveredList.joined(separator: ", ")
    }
    return .bold(.font(.text(mapping.title), pointSize: 16)) + .lineBreak + .text(summary)
  }

  private static func clusterAttributes(_ label: String) -> DOTAttributes {
    [
      "label": .text(label),
      "style": "rounded,filled",
      "fillcolor": .text(ViewStyle.clusterFill),
      "color": .text(ViewStyle.clusterBorder),
    ]
  }

  private static func capabilityNode(
    _ capability: CoverMapping.Capability, isInCover: Bool
  )
    -> DOTNode
  {
    var attributes: DOTAttributes = [
      "id": .text(nodeID(capability: capability.id)),
      "shape": .text(ViewStyle.shape(for: .capability)),
      "label": .html(
        .bold(.text(capability.id)) + .lineBreak
          + .text(ViewStyle.wrapped(ViewStyle.truncated(capability.title, limit: 90)))),
      "tooltip": .text("\(capability.id) \(capability.title)"),
    ]
    if isInCover {
      attributes["fillcolor"] = .text(ViewStyle.coverFill)
      attributes["color"] = .text(ViewStyle.coverBorder)
      attributes["penwidth"] = "2.5"
      attributes["class"] = "capability cover"
    } else {
      attributes["class"] = "capability"
    }
    return DOTNode(nodeID(capability: capability.id), attributes)
  }

  private static func itemNode(
    _ item: CoverMapping.Item, mapping: CoverMapping, coveredItems: Set<String>
  ) -> DOTNode {
    let kindName = item.kind == .threat ? "threat" : "challenge"
    var title: HTMLLabel =
      .bold(.text(item.id)) + .lineBreak
      + .text(ViewStyle.wrapped(ViewStyle.truncated(item.title)))
    var attributes: DOTAttributes = [
      "id": .text(nodeID(item: item.id)),
      "shape": .text(ViewStyle.shape(for: item.kind == .threat ? .threat : .challenge)),
      "tooltip": .text("\(item.id) \(item.title)"),
    ]
    if !item.isApplicable {
      attributes["style"] = "filled,dashed"
      attributes["color"] = .text(ViewStyle.mutedColor)
      attributes["fontcolor"] = .text(ViewStyle.mutedText)
      attributes["class"] = .text("\(kindName) not-applicable")
      title = title + .lineBreak + .italic(.text("not applicable"))
    } else if mapping.uncovered.contains(item.id) {
      attributes["fillcolor"] = .text(ViewStyle.uncoveredFill)
      attributes["color"] = .text(ViewStyle.uncoveredBorder)
      attributes["penwidth"] = "2"
      attributes["class"] = .text("\(kindName) uncovered")
      title =
        title + .lineBreak + .bold(.font(.text("uncovered"), color: ViewStyle.uncoveredBorder))
    } else if coveredItems.contains(item.id) {
      attributes["fillcolor"] = .text(ViewStyle.coveredFill)
      attributes["class"] = .text("\(kindName) covered")
    } else {
      attributes["class"] = .text(kindName)
    }
    attributes["label"] = .html(title)
    return DOTNode(nodeID(item: item.id), attributes)
  }

  private static func legendNode() -> DOTNode {
    let rows: [[HTMLTableCell]] = [
      [HTMLTableCell(.bold(.text("Legend")), columnSpan: 2)],
      [
        HTMLTableCell(.text(" "), backgroundColor: ViewStyle.coverFill),
        HTMLTableCell(.text("capability in the cover"), alignment: .left),
      ],
      [
        HTMLTableCell(.text(" "), backgroundColor: ViewStyle.coveredFill),
        HTMLTableCell(.text("item addressed by the cover"), alignment: .left),
      ],
      [
        HTMLTableCell(.text(" "), backgroundColor: ViewStyle.uncoveredFill),
        HTMLTableCell(.text("applicable item left uncovered"), alignment: .left),
      ],
      [
        HTMLTableCell(.text(" "), backgroundColor: "#ffffff"),
        HTMLTableCell(.text("item not applicable (dashed)"), alignment: .left),
      ],
      [
        HTMLTableCell(.text("hexagon"), alignment: .left),
        HTMLTableCell(.text("capability (clause 9)"), alignment: .left),
      ],
      [
        HTMLTableCell(.text("octagon"), alignment: .left),
        HTMLTableCell(.text("threat (clause 7)"), alignment: .left),
      ],
      [
        HTMLTableCell(.text("diamond"), alignment: .left),
        HTMLTableCell(.text("challenge (clause 8)"), alignment: .left),
      ],
    ]
    return DOTNode(
      "legend",
      [
        "id": "legend",
        "shape": "plaintext",
        "style": "solid",
        "label": .html(.table(rows, cellBorder: 1, cellPadding: 3)),
      ])
  }
}
