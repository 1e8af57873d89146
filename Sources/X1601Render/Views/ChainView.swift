import X1601Graph

/// Options of the supply-chain and propagation pictures.
public struct ChainViewOptions: Sendable {
  /// The meaning of the clusters.
  public var grouping: ChainGrouping
  /// The reduction applied when the graph has more nodes than `nodeBudget`.
  public var summary: SummaryMode
  /// The largest number of nodes drawn, from 1 to ``maximumNodeBudget``; ``defaultNodeBudget``
  /// by default.
  public var nodeBudget: Int
  /// A score per node (indexed by id) that ``SummaryMode/topScore`` ranks by, such as each
  /// node's blast radius. Without it, nodes rank by their number of direct dependents.
  public var scores: [Double]?
  /// The picture's title.
  public var title: String

  /// Creates options.
  public init(
    grouping: ChainGrouping = .party, summary: SummaryMode = .automatic,
    nodeBudget: Int = defaultNodeBudget, scores: [Double]? = nil,
    title: String = "Service supply chain"
  ) {
    self.grouping = grouping
    self.summary = summary
    self.nodeBudget = nodeBudget
    self.scores = scores
    self.title = title
  }

  /// Checks the options against `graph`.
  func validate(for graph: Graph) throws(RenderError) {
    guard (1...maximumNodeBudget).contains(nodeBudget) else {
      throw .invalidOption(
        name: "node budget", value: String(nodeBudget),
        expected: "a whole number from 1 to \(maximumNodeBudget)")
    }
    if let scores, scores.count != graph.nodeCount {
      throw .invalidOption(
        name: "scores", value: "\(scores.count) values",
        expected: "one score per node (\(graph.nodeCount))")
    }
    if case .neighborhood(let focus, let depth) = summary {
      guard Int(focus) < graph.nodeCount else {
        throw .invalidOption(
          name: "focus", value: String(focus),
          expected: "a node id below \(graph.nodeCount)")
      }
      guard depth >= 0 else {
        throw .invalidOption(name: "depth", value: String(depth), expected: "0 or more")
      }
    }
  }
}

/// Draws a service supply chain: services (boxes) and components (component shapes) in one
/// cluster per party or jurisdiction. Fill colours show how many threats and challenges a node
/// is exposed to. Each arrow runs from a dependency to its dependent, which is the way an
/// upstream failure travels. A legend explains shapes and colours.
///
/// DOT node ids are `n<id>`; SVG output uses each node's name as its element id.
public enum ChainView {
  /// Builds the DOT graph of the supply chain in `graph`.
  ///
  /// - Throws: ``RenderError/invalidOption(name:value:expected:)`` for options out of range.
  /// - Complexity: O(*n* + *m*) to summarise, where *n* is the number of nodes and *m* of
  ///   edges, then O(*k* + edges among the *k* drawn nodes).
  public static func graph(
    _ graph: Graph, options: ChainViewOptions = ChainViewOptions()
  ) throws(RenderError) -> DOTGraph {
    try options.validate(for: graph)
    let groups = ChainGroups(graph: graph, grouping: options.grouping)
    let summarizer = ChainSummarizer(
      graph: graph, groups: groups, budget: options.nodeBudget, scores: options.scores)

    var picture = DOTGraph(id: "chain")
    ViewStyle.applyDefaults(to: &picture, rankDirection: "LR")
    picture.body.attributes["compound"] = "true"

    let note: String?
    switch summarizer.select(options.summary) {
    case .nodes(let nodes, let selectionNote):
      let edgeNote = drawNodes(
        nodes, graph: graph, groups: groups, edgeBudget: options.nodeBudget * maximumLinksPerNode,
        into: &picture)
      let parts = [selectionNote, edgeNote].compactMap { $0 }
      note = parts.isEmpty ? nil : parts.joined(separator: "; ")
    case .groups(let grouped, let groupNote):
      note = groupNote
      drawGroups(grouped, groups: groups, into: &picture)
    }
    if picture.body.edges.count > fastLayoutEdgeThreshold {
      useFastLayout(&picture)
    }
    picture.body.attributes["label"] = .html(titleLabel(options.title, note: note))
    picture.body.nodes.append(legendNode())
    return picture
  }

  /// The number of edges above which ``useFastLayout(_:)`` applies.
  static let fastLayoutEdgeThreshold = 120

  /// Limits the iterations of `dot`'s network simplex and crossing minimisation and draws
  /// straight edges. Dense summaries of a hundred groups with a few hundred links otherwise
  /// take minutes in Graphviz 2.42; with these limits they take about a second.
  static func useFastLayout(_ picture: inout DOTGraph) {
    picture.body.attributes["nslimit"] = "2"
    picture.body.attributes["nslimit1"] = "2"
    picture.body.attributes["mclimit"] = "0.2"
    picture.body.attributes["splines"] = "line"
  }

  static func titleLabel(_ title: String, note: String?) -> HTMLLabel {
    var label: HTMLLabel = .bold(.font(.text(title), pointSize: 16))
    if let note {
      label = label + .lineBreak + .text(note)
    }
    return label
  }

  /// Returns the DOT id of graph node `node`.
  static func dotID(_ node: NodeID) -> String {
    "n\(node)"
  }

  /// Draws `nodes` and the dependencies between them, at most `edgeBudget` of them in order of
  /// dependent id, and returns a note when some were left out.
  private static func drawNodes(
    _ nodes: [NodeID], graph: Graph, groups: ChainGroups, edgeBudget: Int,
    into picture: inout DOTGraph
  ) -> String? {
    var drawn = BitSet(capacity: graph.nodeCount)
    for node in nodes {
      drawn.insert(Int(node))
    }
    let dotNodes = nodes.map { node in
      (group: groups.group(of: node), node: chainNode(node, graph: graph))
    }
    let (clusters, loose) = groups.clusters(of: dotNodes)
    picture.body.subgraphs = clusters
    picture.body.nodes = loose

    var edgeCount = 0
    for node in nodes.sorted() {
      for dependency in graph.neighbors(of: node, .forward, kind: .dependsOn)
      where drawn.contains(Int(dependency)) {
        edgeCount += 1
        if edgeCount > edgeBudget { continue }
        picture.body.edges.append(
          DOTEdge(
            dotID(dependency), dotID(node),
            [
              "id": .text("depends-\(node)-\(dependency)"),
              "tooltip": .text("\(graph.name(of: node)) depends on \(graph.name(of: dependency))"),
            ]))
      }
    }
    guard edgeCount > edgeBudget else { return nil }
    return "\(edgeBudget) of \(edgeCount) dependencies drawn"
  }

  /// Returns the DOT node of a service or component, with shape, exposure colour, label and tooltip.
  static func chainNode(_ node: NodeID, graph: Graph) -> DOTNode {
    let kind = graph.kind(of: node)
    let exposure = graph.neighbors(of: node, .forward, kind: .exposedTo)
    let band = ViewStyle.exposureBand(exposure.count)
    var label: HTMLLabel = .bold(.text(ViewStyle.truncated(graph.name(of: node), limit: 40)))
    label = label + .lineBreak + .font(.text(kindDescription(node, graph: graph)), pointSize: 8)
    if exposure.count > 0 {
      label = label + .lineBreak + .font(.text("exposed to \(exposure.count)"), pointSize: 8)
    }
    var attributes: DOTAttributes = [
      "id": .text(graph.name(of: node)),
      "label": .html(label),
      "shape": .text(ViewStyle.shape(for: kind == .service ? .service : styleKind(kind))),
      "fillcolor": .text(ViewStyle.exposureFills[band]),
      "class": .text("\(kind.name) exposure-\(band)"),
      "tooltip": .text(tooltip(node, graph: graph)),
    ]
    if kind == .service {
      attributes["style"] = "filled,rounded"
    }
    return DOTNode(dotID(node), attributes)
  }

  static func styleKind(_ kind: NodeKind) -> NodeKindStyle {
    switch kind {
    case .threat: .threat
    case .challenge: .challenge
    case .capability: .capability
    case .party: .party
    case .service: .service
    case .component: .component
    }
  }

  /// Returns the kind with category, deployment model and jurisdiction, such as "service · SaaS".
  private static func kindDescription(_ node: NodeID, graph: Graph) -> String {
    let attributes = graph.attributes(of: node)
    var parts = [graph.kind(of: node).name]
    if let role = attributes.role { parts.append(role.name) }
    if let category = attributes.category { parts.append(category.name) }
    if let deployment = attributes.deployment { parts.append(deployment.name) }
    if let jurisdiction = attributes.jurisdiction { parts.append(jurisdiction) }
    return parts.joined(separator: " · ")
  }

  /// Returns the name, kind, exposure and capabilities of `node`, at most eight names per list.
  static func tooltip(_ node: NodeID, graph: Graph) -> String {
    var lines = [graph.name(of: node), kindDescription(node, graph: graph)]
    let exposure = graph.neighbors(of: node, .forward, kind: .exposedTo)
    if !exposure.isEmpty {
      lines.append("exposed to: " + listed(exposure, graph: graph))
    }
    let capabilities = graph.neighbors(of: node, .forward, kind: .implements)
    if !capabilities.isEmpty {
      lines.append("implements: " + listed(capabilities, graph: graph))
    }
    return lines.joined(separator: "\n")
  }

  private static func listed(_ nodes: NeighborSlice, graph: Graph) -> String {
    var names = nodes.prefix(8).map { graph.name(of: $0) }
    if nodes.count > 8 {
      names.append("and \(nodes.count - 8) more")
    }
    return names.joined(separator: ", ")
  }

  private static func drawGroups(
    _ grouped: GroupedChain, groups: ChainGroups, into picture: inout DOTGraph
  ) {
    var dotNodes: [(group: Int?, node: DOTNode)] = []
    for (index, entry) in grouped.groups.enumerated() {
      let title = entry.group.map { groups.title(of: $0) } ?? "no \(groups.grouping.rawValue)"
      let members: String
      switch entry.kind {
      case .some(let kind):
        members = "\(entry.memberCount) \(kind.name)\(entry.memberCount == 1 ? "" : "s")"
      case .none:
        members = "\(entry.memberCount) services and components"
      }
      let band = ViewStyle.exposureBand(entry.maximumExposure)
      let label: HTMLLabel =
        entry.kind == nil
        ? .bold(.text(ViewStyle.truncated(title, limit: 40))) + .lineBreak + .text(members)
        : .text(members)
      let node = DOTNode(
        "g\(index)",
        [
          "id": .text("group-\(index)"),
          "shape": .text(ViewStyle.shape(for: .group)),
          "label": .html(label),
          "fillcolor": .text(ViewStyle.exposureFills[band]),
          "class": .text("group exposure-\(band)"),
          "tooltip": .text(
            "\(title): \(members), highest exposure \(entry.maximumExposure)"),
        ])
      dotNodes.append((group: entry.kind == nil ? nil : entry.group, node: node))
    }
    let (clusters, loose) = groups.clusters(of: dotNodes)
    picture.body.subgraphs = clusters
    picture.body.nodes = loose
    for link in grouped.links {
      let width = min(6.0, 1.0 + Double(link.count).squareRoot() / 4)
      picture.body.edges.append(
        DOTEdge(
          "g\(link.upstream)", "g\(link.downstream)",
          [
            "label": .text("\(link.count)"),
            "penwidth": .text(HTMLEscaping.number((width * 10).rounded() / 10)),
            "tooltip": .text("\(link.count) dependencies"),
          ]))
    }
  }

  static func legendNode(
    showsExposure: Bool = true, extraRows: [[HTMLTableCell]] = []
  ) -> DOTNode {
    var rows: [[HTMLTableCell]] = [
      [HTMLTableCell(.bold(.text("Legend")), columnSpan: 2)],
      [
        HTMLTableCell(.text("rounded box"), alignment: .left),
        HTMLTableCell(.text("service"), alignment: .left),
      ],
      [
        HTMLTableCell(.text("component shape"), alignment: .left),
        HTMLTableCell(.text("component"), alignment: .left),
      ],
      [
        HTMLTableCell(.text("folder"), alignment: .left),
        HTMLTableCell(.text("group of services or components"), alignment: .left),
      ],
      [
        HTMLTableCell(.text("A → B"), alignment: .left),
        HTMLTableCell(.text("B depends on A"), alignment: .left),
      ],
    ]
    for band in ViewStyle.exposureFills.indices where showsExposure {
      rows.append([
        HTMLTableCell(.text(" "), backgroundColor: ViewStyle.exposureFills[band]),
        HTMLTableCell(
          .text("exposed to \(ViewStyle.exposureBandText(band)) threats or challenges"),
          alignment: .left),
      ])
    }
    rows.append(contentsOf: extraRows)
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
