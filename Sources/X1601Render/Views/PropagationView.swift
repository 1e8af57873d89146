import X1601Graph

/// The result of a propagation run to highlight: where threats or challenges entered, which
/// nodes they reached, the edges that show how, and the edges where a capability stopped them.
public struct PropagationHighlight: Sendable, Equatable {
  /// An edge in the direction items travel, from the upstream node to the one it affects.
  public struct Edge: Sendable, Hashable {
    /// The upstream node.
    public var from: NodeID
    /// The downstream node.
    public var to: NodeID

    /// Creates an edge.
    public init(from: NodeID, to: NodeID) {
      self.from = from
      self.to = to
    }
  }

  /// The nodes where the items entered.
  public var sources: [NodeID]
  /// The nodes the items reached, sources included or not.
  public var affected: [NodeID]
  /// The items (such as clause numbers "8.1.5") that reached each affected node.
  public var items: [NodeID: [String]]
  /// Edges of the witness paths: for each affected node, a path back to a source.
  public var witnessEdges: [Edge]
  /// Edges along which propagation was stopped.
  public var blockedEdges: [Edge]

  /// Creates a highlight.
  public init(
    sources: [NodeID], affected: [NodeID], items: [NodeID: [String]] = [:],
    witnessEdges: [Edge] = [], blockedEdges: [Edge] = []
  ) {
    self.sources = sources
    self.affected = affected
    self.items = items
    self.witnessEdges = witnessEdges
    self.blockedEdges = blockedEdges
  }
}

/// Draws a propagation result on its supply chain: sources dark red, affected nodes light red,
/// witness edges bold red, blocked edges dashed blue with a bar, and the dependencies between
/// the drawn nodes in grey. Clusters and shapes follow ``ChainView``.
///
/// The drawn nodes are the sources, the ends of witness and blocked edges, and then the other
/// affected nodes with the most items, up to the node budget.
public enum PropagationView {
  /// Builds the DOT graph of `highlight` on `graph`.
  ///
  /// - Throws: ``RenderError/invalidOption(name:value:expected:)`` when a node id is out of
  ///   range or an option is.
  /// - Complexity: O(*a* log *a* + *w* + *k* · *d*), where *a* is the number of affected nodes,
  ///   *w* of witness and blocked edges, *k* of drawn nodes and *d* their largest degree.
  public static func graph(
    _ graph: Graph, highlight: PropagationHighlight,
    options: ChainViewOptions = ChainViewOptions(title: "Propagation")
  ) throws(RenderError) -> DOTGraph {
    try options.validate(for: graph)
    try validate(highlight, nodeCount: graph.nodeCount)

    let groups = ChainGroups(graph: graph, grouping: options.grouping)
    let (nodes, omitted) = selectNodes(highlight, graph: graph, budget: options.nodeBudget)
    var drawn = BitSet(capacity: graph.nodeCount)
    for node in nodes {
      drawn.insert(Int(node))
    }
    var isSource = BitSet(capacity: graph.nodeCount)
    for node in highlight.sources {
      isSource.insert(Int(node))
    }
    var isAffected = BitSet(capacity: graph.nodeCount)
    for node in highlight.affected {
      isAffected.insert(Int(node))
    }

    var picture = DOTGraph(id: "propagation")
    ViewStyle.applyDefaults(to: &picture, rankDirection: "LR")
    let dotNodes = nodes.map { node in
      (
        group: groups.group(of: node),
        node: propagationNode(
          node, graph: graph, isSource: isSource.contains(Int(node)),
          isAffected: isAffected.contains(Int(node)), items: highlight.items[node] ?? [])
      )
    }
    let (clusters, loose) = groups.clusters(of: dotNodes)
    picture.body.subgraphs = clusters
    picture.body.nodes = loose

    var highlighted = Set<PropagationHighlight.Edge>()
    for edge in highlight.witnessEdges
    where drawn.contains(Int(edge.from)) && drawn.contains(Int(edge.to)) {
      guard highlighted.insert(edge).inserted else { continue }
      picture.body.edges.append(
        DOTEdge(
          ChainView.dotID(edge.from), ChainView.dotID(edge.to),
          [
            "id": .text("witness-\(edge.from)-\(edge.to)"),
            "class": "witness",
            "color": .text(ViewStyle.witnessColor),
            "penwidth": "2.2",
            "tooltip": .text("\(graph.name(of: edge.from)) affects \(graph.name(of: edge.to))"),
          ]))
    }
    for edge in highlight.blockedEdges
    where drawn.contains(Int(edge.from)) && drawn.contains(Int(edge.to)) {
      guard highlighted.insert(edge).inserted else { continue }
      picture.body.edges.append(
        DOTEdge(
          ChainView.dotID(edge.from), ChainView.dotID(edge.to),
          [
            "id": .text("blocked-\(edge.from)-\(edge.to)"),
            "class": "blocked",
            "color": .text(ViewStyle.blockedColor),
            "style": "dashed",
            "arrowhead": "tee",
            "label": "blocked",
            "fontcolor": .text(ViewStyle.blockedColor),
            "tooltip": .text(
              "stopped between \(graph.name(of: edge.from)) and \(graph.name(of: edge.to))"),
          ]))
    }
    for node in nodes.sorted() {
      for dependency in graph.neighbors(of: node, .forward, kind: .dependsOn)
      where drawn.contains(Int(dependency)) {
        let edge = PropagationHighlight.Edge(from: dependency, to: node)
        if highlighted.contains(edge) { continue }
        picture.body.edges.append(
          DOTEdge(
            ChainView.dotID(dependency), ChainView.dotID(node),
            ["color": .text(ViewStyle.mutedColor), "id": .text("depends-\(node)-\(dependency)")]))
      }
    }

    var note = ViewStyle.counted(highlight.affected.count, "affected node")
    note += " from " + ViewStyle.counted(highlight.sources.count, "source")
    note += ", " + ViewStyle.counted(highlight.blockedEdges.count, "blocked edge")
    if omitted > 0 {
      note +=
        "; " + ViewStyle.counted(omitted, "affected node") + " with the fewest items not drawn"
    }
    if picture.body.edges.count > ChainView.fastLayoutEdgeThreshold {
      ChainView.useFastLayout(&picture)
    }
    picture.body.attributes["label"] = .html(ChainView.titleLabel(options.title, note: note))
    picture.body.nodes.append(ChainView.legendNode(showsExposure: false, extraRows: legendRows()))
    return picture
  }

  private static func validate(
    _ highlight: PropagationHighlight, nodeCount: Int
  ) throws(RenderError) {
    var ids = highlight.sources + highlight.affected + Array(highlight.items.keys)
    for edge in highlight.witnessEdges + highlight.blockedEdges {
      ids.append(edge.from)
      ids.append(edge.to)
    }
    if let bad = ids.first(where: { Int($0) >= nodeCount }) {
      throw .invalidOption(
        name: "propagation node", value: String(bad), expected: "a node id below \(nodeCount)")
    }
  }

  /// Returns the nodes to draw, in order of priority, and the number of affected nodes left out.
  private static func selectNodes(
    _ highlight: PropagationHighlight, graph: Graph, budget: Int
  ) -> ([NodeID], Int) {
    var chosen = BitSet(capacity: graph.nodeCount)
    var order: [NodeID] = []
    func take(_ node: NodeID) {
      if order.count < budget && chosen.insert(Int(node)) {
        order.append(node)
      }
    }
    highlight.sources.forEach(take)
    for edge in highlight.witnessEdges {
      take(edge.from)
      take(edge.to)
    }
    for edge in highlight.blockedEdges {
      take(edge.from)
      take(edge.to)
    }
    var rest: [(node: NodeID, count: Int)] = []
    for node in highlight.affected where !chosen.contains(Int(node)) {
      rest.append((node: node, count: highlight.items[node]?.count ?? 0))
    }
    rest.sort { left, right in
      left.count > right.count || (left.count == right.count && left.node < right.node)
    }
    for entry in rest {
      take(entry.node)
    }
    let omitted = highlight.affected.reduce(0) { $0 + (chosen.contains(Int($1)) ? 0 : 1) }
    return (order, omitted)
  }

  private static func propagationNode(
    _ node: NodeID, graph: Graph, isSource: Bool, isAffected: Bool, items: [String]
  ) -> DOTNode {
    let kind = graph.kind(of: node)
    var label: HTMLLabel = .bold(.text(ViewStyle.truncated(graph.name(of: node), limit: 40)))
    label = label + .lineBreak + .font(.text(kind.name), pointSize: 8)
    if !items.isEmpty {
      var shown = items.prefix(4).joined(separator: ", ")
      if items.count > 4 {
        shown += " and \(items.count - 4) more"
      }
      label = label + .lineBreak + .font(.text(shown), pointSize: 8)
    }
    let state = isSource ? "source" : (isAffected ? "affected" : "unaffected")
    var attributes: DOTAttributes = [
      "id": .text(graph.name(of: node)),
      "label": .html(label),
      "shape": .text(ViewStyle.shape(for: ChainView.styleKind(kind))),
      "class": .text("\(kind.name) \(state)"),
      "tooltip": .text(
        ChainView.tooltip(node, graph: graph)
          + (items.isEmpty ? "" : "\nreached by: " + items.joined(separator: ", "))),
    ]
    if kind == .service {
      attributes["style"] = "filled,rounded"
    }
    if isSource {
      attributes["fillcolor"] = .text(ViewStyle.sourceFill)
      attributes["penwidth"] = "2"
    } else if isAffected {
      attributes["fillcolor"] = .text(ViewStyle.affectedFill)
    } else {
      attributes["fillcolor"] = "#ffffff"
      attributes["color"] = .text(ViewStyle.mutedText)
    }
    return DOTNode(ChainView.dotID(node), attributes)
  }

  private static func legendRows() -> [[HTMLTableCell]] {
    [
      [
        HTMLTableCell(.text(" "), backgroundColor: ViewStyle.sourceFill),
        HTMLTableCell(.text("source: where items entered"), alignment: .left),
      ],
      [
        HTMLTableCell(.text(" "), backgroundColor: ViewStyle.affectedFill),
        HTMLTableCell(.text("affected node"), alignment: .left),
      ],
      [
        HTMLTableCell(.font(.text("━━▶"), color: ViewStyle.witnessColor), alignment: .left),
        HTMLTableCell(.text("witness path edge"), alignment: .left),
      ],
      [
        HTMLTableCell(.font(.text("╌╌┤"), color: ViewStyle.blockedColor), alignment: .left),
        HTMLTableCell(.text("propagation blocked"), alignment: .left),
      ],
    ]
  }
}
