import X1601Graph

/// The meaning of the clusters of a supply-chain picture.
public enum ChainGrouping: String, CaseIterable, Sendable {
  /// One cluster per party: the party that provides a service or supplies a component.
  case party
  /// One cluster per jurisdiction, the trust boundary that a node's attributes name.
  case jurisdiction
}

/// Assigns nodes of a supply chain to the groups of a ``ChainGrouping`` and builds the clusters.
struct ChainGroups {
  let graph: Graph
  let grouping: ChainGrouping
  private let jurisdictionIndex: [String: Int]

  init(graph: Graph, grouping: ChainGrouping) {
    self.graph = graph
    self.grouping = grouping
    var index: [String: Int] = [:]
    for (position, name) in graph.jurisdictions.enumerated() {
      index[name] = position
    }
    self.jurisdictionIndex = index
  }

  /// Returns the party that owns `node`: a party owns itself, a service belongs to the party that
  /// provides it or else to its supplier, and a component to its supplier. When several
  /// parties qualify, the lowest id wins so that the picture is deterministic.
  func owner(of node: NodeID) -> NodeID? {
    switch graph.kind(of: node) {
    case .party:
      return node
    case .service, .component:
      if let provider = graph.neighbors(of: node, .reverse, kind: .provides).first {
        return provider
      }
      return graph.neighbors(of: node, .forward, kind: .suppliedBy).first
    case .threat, .challenge, .capability:
      return nil
    }
  }

  /// Returns the group of `node`: a party id or a jurisdiction index, or `nil` for no group.
  func group(of node: NodeID) -> Int? {
    switch grouping {
    case .party:
      return owner(of: node).map(Int.init)
    case .jurisdiction:
      var name = graph.jurisdiction(of: node)
      if name == nil, let owner = owner(of: node) {
        name = graph.jurisdiction(of: owner)
      }
      return name.flatMap { jurisdictionIndex[$0] }
    }
  }

  /// Returns the group of every node, indexed by id, with -1 for no group. Gives the same groups as
  /// ``group(of:)`` in one pass over the adjacency instead of one lookup per node.
  ///
  /// - Complexity: O(*n* + *m*).
  func groupsOfAllNodes() -> [Int32] {
    let nodeCount = graph.nodeCount
    var owners = [Int32](repeating: -1, count: nodeCount)
    graph.withNodeKinds { kinds in
      graph.withAdjacency(.forward) { adjacency in
        let party = NodeKind.party.rawValue
        let service = NodeKind.service.rawValue
        let component = NodeKind.component.rawValue
        for node in 0..<nodeCount where kinds[node] == party {
          owners[node] = Int32(node)
          // Parties are visited in increasing id order, so the first provider kept is the
          // lowest, as in `owner(of:)`.
          for index in adjacency.range(of: NodeID(node), kind: .provides) {
            let target = Int(Adjacency.node(adjacency.entries[index]))
            if owners[target] < 0 {
              owners[target] = Int32(node)
            }
          }
        }
        for node in 0..<nodeCount
        where owners[node] < 0 && (kinds[node] == service || kinds[node] == component) {
          let suppliers = adjacency.range(of: NodeID(node), kind: .suppliedBy)
          if let first = suppliers.first {
            owners[node] = Int32(Adjacency.node(adjacency.entries[first]))
          }
        }
      }
    }
    guard grouping == .jurisdiction else {
      return owners
    }
    var result = [Int32](repeating: -1, count: nodeCount)
    for node in 0..<nodeCount {
      var name = graph.jurisdiction(of: NodeID(node))
      if name == nil && owners[node] >= 0 {
        name = graph.jurisdiction(of: NodeID(owners[node]))
      }
      if let index = name.flatMap({ jurisdictionIndex[$0] }) {
        result[node] = Int32(index)
      }
    }
    return result
  }

  /// Returns the title of group `group`.
  func title(of group: Int) -> String {
    switch grouping {
    case .party:
      let party = NodeID(group)
      let role = graph.attributes(of: party).role.map { " (\($0.name))" } ?? ""
      return graph.name(of: party) + role
    case .jurisdiction:
      return "Jurisdiction " + graph.jurisdictions[group]
    }
  }

  /// Returns the DOT id of the cluster of group `group`.
  func clusterID(of group: Int) -> String {
    switch grouping {
    case .party: "cluster_party_\(group)"
    case .jurisdiction: "cluster_jurisdiction_\(group)"
    }
  }

  /// Puts each node into the cluster of its group, clusters in order of group, and returns the
  /// clusters and the nodes that belong to no group.
  func clusters(of nodes: [(group: Int?, node: DOTNode)]) -> ([DOTSubgraph], [DOTNode]) {
    var members: [Int: [DOTNode]] = [:]
    var loose: [DOTNode] = []
    for (group, node) in nodes {
      if let group {
        members[group, default: []].append(node)
      } else {
        loose.append(node)
      }
    }
    let clusters = members.keys.sorted().map { group in
      var cluster = DOTSubgraph(
        id: clusterID(of: group),
        attributes: [
          "label": .text(title(of: group)),
          "style": "rounded,filled",
          "fillcolor": .text(ViewStyle.clusterFill),
          "color": .text(ViewStyle.clusterBorder),
          "class": .text(grouping == .party ? "party" : "jurisdiction"),
        ])
      cluster.nodes = members[group] ?? []
      return cluster
    }
    return (clusters, loose)
  }
}
