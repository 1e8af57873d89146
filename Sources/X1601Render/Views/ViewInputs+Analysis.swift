import X1601Analysis
import X1601Catalog
import X1601Graph

// MARK: - Mapping from an assessment

extension CoverMapping {
  /// Creates the mapping picture of a clause 10 assessment: every row and column of its mapping, the
  /// applicability of step 1, and the minimum-cost cover of step 2 with the applicable items
  /// that it leaves uncovered.
  ///
  /// - Complexity: O(*r* · *c*) for *r* = 26 rows and *c* = 14 capabilities.
  public init(assessment: Assessment) {
    let catalog = assessment.catalog
    var applicable = Set<Int>()
    for row in assessment.step1 where row.applicable {
      applicable.insert(row.item)
    }
    let items = catalog.items.enumerated().map { index, item in
      Item(
        id: item.clause, title: item.title, kind: item.kind == .threat ? .threat : .challenge,
        isApplicable: applicable.contains(index))
    }
    let capabilities = catalog.capabilities.map { Capability(id: $0.clause, title: $0.title) }
    var cells: [Cell] = []
    for capability in catalog.capabilities.indices {
      for item in catalog.items.indices
      where assessment.mapping.contains(item: item, capability: capability) {
        cells.append(
          Cell(
            capability: catalog.capabilities[capability].clause, item: catalog.items[item].clause))
      }
    }
    let selection = assessment.step2
    let cover = Set(selection.members.map { catalog.capabilities[$0.capability].clause })
    let covered = selection.solution.covered
    var uncovered = Set<String>()
    for index in applicable where !covered.contains(index) {
      uncovered.insert(catalog.items[index].clause)
    }
    self.init(
      items: items, capabilities: capabilities, cells: cells, cover: cover, uncovered: uncovered,
      title: assessment.profile.service)
  }
}

// MARK: - Highlight from a propagation

extension PropagationHighlight {
  /// Creates the highlight of a propagation run on `chain`.
  ///
  /// Witness edges form a shortest-path tree: each affected node is joined to its upstream
  /// neighbour with the lowest id among those reached one step closer to an origin. A blocked
  /// edge joins a reached node to a downstream neighbour that no item reached and that
  /// implements at least one capability, the place where a capability stopped the items.
  /// NOTE: a node left unreached because of `maxDepth` or the transfer rules, though it
  /// implements a capability, is drawn as blocked as well.
  ///
  /// - Complexity: O(*n* + *m*).
  public init(result: PropagationResult, chain: SupplyChain, catalog: Catalog = .standard) {
    let graph = chain.graph
    var itemsByNode: [NodeID: [String]] = [:]
    func clauses(_ mask: UInt32) -> [String] {
      var names: [String] = []
      var bits = mask
      while bits != 0 {
        let index = bits.trailingZeroBitCount
        if index < catalog.items.count {
          names.append(catalog.items[index].clause)
        }
        bits &= bits - 1
      }
      return names
    }
    let sources = result.origins.map(\.node)
    for node in sources + result.affected {
      itemsByNode[node] = clauses(result.items[Int(node)])
    }

    var witness: [Edge] = []
    for node in result.affected {
      let depth = result.depth[Int(node)]
      guard depth != PropagationResult.unreached, depth > 0 else { continue }
      var best: NodeID? = nil
      for upstream in Self.upstreamNeighbors(of: node, in: graph)
      where result.depth[Int(upstream)] == depth - 1 && result.isReached(upstream) {
        best = min(best ?? upstream, upstream)
      }
      if let best {
        witness.append(Edge(from: best, to: node))
      }
    }

    var blocked: [Edge] = []
    for node in sources + result.affected {
      for downstream in Self.downstreamNeighbors(of: node, in: graph)
      where !result.isReached(downstream) && chain.implemented[Int(downstream)] != 0
        && graph.kind(of: downstream) != .party
      {
        blocked.append(Edge(from: node, to: downstream))
      }
    }
    self.init(
      sources: sources, affected: result.affected, items: itemsByNode, witnessEdges: witness,
      blockedEdges: blocked)
  }

  /// Returns the nodes that items reach `node` from: its dependencies, its suppliers and its providers.
  static func upstreamNeighbors(of node: NodeID, in graph: Graph) -> [NodeID] {
    Array(graph.neighbors(of: node, .forward, kind: .dependsOn))
      + Array(graph.neighbors(of: node, .forward, kind: .suppliedBy))
      + Array(graph.neighbors(of: node, .reverse, kind: .provides))
  }

  /// Returns the nodes that items travel to from `node`: its dependents, what it supplies and provides.
  static func downstreamNeighbors(of node: NodeID, in graph: Graph) -> [NodeID] {
    Array(graph.neighbors(of: node, .reverse, kind: .dependsOn))
      + Array(graph.neighbors(of: node, .reverse, kind: .suppliedBy))
      + Array(graph.neighbors(of: node, .forward, kind: .provides))
  }
}
