import X1601Graph

extension SupplyChain {
  /// Creates a supply chain from a graph that records capabilities and exposures as edges: an
  /// `implements` edge to a capability node and an `exposedTo` edge to a threat or challenge
  /// node, as in binary and edge-list files and in generated graphs.
  ///
  /// A clause node named `"clause 9.4"` or `"clause 8.1.5"` stands for that clause. Otherwise,
  /// when the graph has exactly 5 threat, 21 challenge and 14 capability nodes, they stand for
  /// the clauses in id order (7.1.1 to 7.2.2, 8.1.1 to 8.3.3, 9.1 to 9.14), the layout of the
  /// generated clouds. Costs are 1 and no node is an any-of group.
  ///
  /// - Throws: `PlacementError.unknownClauseNode` for a clause node that neither rule names.
  /// - Complexity: O(*n* + *m*), for *n* nodes and *m* edges.
  public init(clauseEdgesOf graph: Graph) throws(PlacementError) {
    let threats = graph.nodes(ofKind: .threat)
    let challenges = graph.nodes(ofKind: .challenge)
    let capabilities = graph.nodes(ofKind: .capability)
    let positional =
      threats.count == 5 && challenges.count == 21
      && capabilities.count == SupplyChainItems.capabilityCount
    var indexOfClauseNode = [Int32](repeating: -1, count: graph.nodeCount)
    for (position, node) in (threats + challenges).enumerated() {
      let name = graph.name(of: node)
      if name.hasPrefix("clause "),
        let index = SupplyChainItems.itemIndex(clause: String(name.dropFirst(7)))
      {
        indexOfClauseNode[Int(node)] = Int32(index)
      } else if positional {
        indexOfClauseNode[Int(node)] = Int32(position)
      } else {
        throw .unknownClauseNode(name)
      }
    }
    for (position, node) in capabilities.enumerated() {
      let name = graph.name(of: node)
      if name.hasPrefix("clause "),
        let index = SupplyChainItems.capabilityIndex(clause: String(name.dropFirst(7)))
      {
        indexOfClauseNode[Int(node)] = Int32(index)
      } else if positional {
        indexOfClauseNode[Int(node)] = Int32(position)
      } else {
        throw .unknownClauseNode(name)
      }
    }

    var implemented = [UInt16](repeating: 0, count: graph.nodeCount)
    var exposures = [UInt32](repeating: 0, count: graph.nodeCount)
    for node in 0..<graph.nodeCount {
      for target in graph.neighbors(of: NodeID(node), .forward, kind: .implements) {
        let index = indexOfClauseNode[Int(target)]
        if index >= 0 { implemented[node] |= 1 << UInt16(index) }
      }
      for target in graph.neighbors(of: NodeID(node), .forward, kind: .exposedTo) {
        let index = indexOfClauseNode[Int(target)]
        if index >= 0 { exposures[node] |= 1 << UInt32(index) }
      }
    }
    self.init(graph: graph, implemented: implemented, exposures: exposures)
  }
}
