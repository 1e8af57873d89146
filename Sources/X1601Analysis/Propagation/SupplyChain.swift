import X1601Graph

/// A typed graph with what propagation needs beside its edges: the capabilities each node
/// implements, the items each node is exposed to, costs of placing capabilities, transmission
/// probabilities of edges, and the nodes that stand for groups of alternatives.
///
/// An *any-of group* node stands for "any one of these dependencies suffices", such as the
/// alternatives `a | b` of a Debian dependency read for availability: it depends on each
/// alternative and holds an item only when every alternative holds it. Group nodes are never
/// counted as affected and have no capabilities.
public struct SupplyChain: Sendable {
  public let graph: Graph

  /// For each node, the mask of capabilities it implements.
  public let implemented: [UInt16]

  /// For each node, the mask of items it is exposed to.
  public let exposures: [UInt32]

  /// For each node, whether it is an any-of group node.
  public let isAnyOfGroup: [Bool]

  /// The cost of implementing a capability at a node, where the model states one; other
  /// placements cost 1.
  public let costs: [Placement: Double]

  /// The transmission probability of an edge from an upstream to a downstream node, where the
  /// model states one; other edges transmit with probability 1.
  public let transmission: [Link: Double]

  /// Creates a supply chain; every per-node array must have `graph.nodeCount` elements.
  public init(
    graph: Graph, implemented: [UInt16]? = nil, exposures: [UInt32]? = nil,
    isAnyOfGroup: [Bool]? = nil, costs: [Placement: Double] = [:],
    transmission: [Link: Double] = [:]
  ) {
    let count = graph.nodeCount
    self.graph = graph
    self.implemented = implemented ?? [UInt16](repeating: 0, count: count)
    self.exposures = exposures ?? [UInt32](repeating: 0, count: count)
    self.isAnyOfGroup = isAnyOfGroup ?? [Bool](repeating: false, count: count)
    precondition(self.implemented.count == count, "one capability mask per node")
    precondition(self.exposures.count == count, "one exposure mask per node")
    precondition(self.isAnyOfGroup.count == count, "one group flag per node")
    self.costs = costs
    self.transmission = transmission
  }

  /// A capability placed at a node.
  public struct Placement: Sendable, Hashable {
    public var node: NodeID
    /// Bit position of the capability: 0 is clause 9.1.
    public var capability: Int

    public init(node: NodeID, capability: Int) {
      self.node = node
      self.capability = capability
    }
  }

  /// A directed link along which items travel, from `upstream` to `downstream`.
  public struct Link: Sendable, Hashable {
    public var upstream: NodeID
    public var downstream: NodeID

    public init(upstream: NodeID, downstream: NodeID) {
      self.upstream = upstream
      self.downstream = downstream
    }
  }

  /// The cost of implementing `capability` at `node`: the model's figure or 1.
  public func cost(of capability: Int, at node: NodeID) -> Double {
    costs[Placement(node: node, capability: capability)] ?? 1
  }

  /// The items stopped at each node under `addressing`.
  ///
  /// - Complexity: O(*n*), where *n* is the number of nodes.
  public func stoppedItems(_ addressing: CapabilityAddressing) -> [UInt32] {
    implemented.map { addressing.stoppedItems(capabilities: $0) }
  }

  /// The parties that provide or supply `node`: its provider through `provides` and its
  /// suppliers through `suppliedBy`.
  public func parties(of node: NodeID) -> [NodeID] {
    var result = Array(graph.neighbors(of: node, .reverse, kind: .provides))
    result.append(contentsOf: graph.neighbors(of: node, .forward, kind: .suppliedBy))
    return result
  }

  /// The jurisdiction of `node`, or else that of its first provider or supplier with one.
  public func effectiveJurisdiction(of node: NodeID) -> String? {
    if let own = graph.jurisdiction(of: node) { return own }
    for party in parties(of: node) {
      if let jurisdiction = graph.jurisdiction(of: party) { return jurisdiction }
    }
    return nil
  }
}
