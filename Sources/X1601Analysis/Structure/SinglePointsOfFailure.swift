import X1601Graph

/// The nodes upstream of a target through which parts of its supply chain reach it alone.
///
/// The upstream graph of a target follows what it relies on: a service or component relies on
/// its dependencies (`dependsOn`), its suppliers (`suppliedBy`) and its provider (`provides`,
/// backwards); a party given as the target relies on the services it provides and the
/// components it supplies. In the dominator tree of that graph, node *x* dominates node *y*
/// when every chain of reliance from the target to *y* passes through *x*. Such an *x* is a
/// single point of failure between the target and *y*: whatever comes from *y* reaches the
/// target only through *x*, and a capability implemented at *x* shields the target from all
/// of them. Any-of group nodes are followed but not listed.
public struct SinglePointsOfFailure: Sendable {
  /// One upstream node and how much of the target's supply chain passes only through it.
  public struct Entry: Sendable, Equatable {
    public var node: NodeID
    /// The number of other upstream nodes that the target reaches only through `node`.
    public var dominated: Int
    /// The number of dominators between the target and `node`, `node` excluded: 0 for a node
    /// that no other upstream node dominates.
    public var depth: Int
  }

  public let target: NodeID
  /// The number of nodes upstream of the target, group nodes excluded.
  public let upstreamCount: Int
  /// Upstream nodes that dominate at least one other upstream node, most dominated first.
  public let points: [Entry]
  /// For each node, its immediate dominator in the upstream graph; the target's is itself and
  /// nodes not upstream have `DominatorTree.unreachable`.
  public let immediateDominator: [NodeID]

  /// Computes the points of `target`.
  ///
  /// - Complexity: O(*m'* log *n'*) for the *n'* nodes and *m'* edges upstream of the target,
  ///   plus O(*n*) for the arrays.
  public init(_ chain: SupplyChain, target: NodeID) {
    let graph = chain.graph
    let immediate: [NodeID]
    if graph.nodeCountsByKind[Int(NodeKind.party.rawValue)] == 0 {
      // Without parties, what a node relies on is its dependencies alone, so the tree comes
      // straight from the forward adjacency.
      immediate =
        DominatorTree(graph, root: target, direction: .forward, kinds: [.dependsOn])
        .immediateDominator
    } else {
      immediate = SinglePointsOfFailure.upstreamDominators(graph, target: target)
    }

    let order = DominatorTree.topDownOrder(idom: immediate, root: Int(target))
    var depth = [Int](repeating: 0, count: graph.nodeCount)
    for node in order where node != Int(target) {
      let parent = Int(immediate[node])
      depth[node] = parent == Int(target) ? 0 : depth[parent] + 1
    }
    let dominated = DominatorTree.dominatedCounts(idom: immediate, root: Int(target)) {
      !chain.isAnyOfGroup[$0]
    }
    var points: [Entry] = []
    for node in order where node != Int(target) && dominated[node] > 0 && !chain.isAnyOfGroup[node]
    {
      points.append(Entry(node: NodeID(node), dominated: dominated[node], depth: depth[node]))
    }
    points.sort { ($1.dominated, $0.depth, $0.node) < ($0.dominated, $1.depth, $1.node) }
    self.target = target
    self.upstreamCount = order.dropFirst().filter { !chain.isAnyOfGroup[$0] }.count
    self.points = points
    self.immediateDominator = immediate
  }

  /// Immediate dominators of the upstream graph of `target`, parties included, from an
  /// explicit edge list of the nodes the target reaches.
  static func upstreamDominators(_ graph: Graph, target: NodeID) -> [NodeID] {
    var local = [UInt32](repeating: UInt32.max, count: graph.nodeCount)
    var nodes: [NodeID] = [target]
    var edges: [(UInt32, UInt32)] = []
    local[Int(target)] = 0
    var head = 0
    while head < nodes.count {
      let node = nodes[head]
      let from = UInt32(head)
      head += 1
      var next: [NodeID] = []
      if graph.kind(of: node) == .party {
        if node == target {
          next.append(contentsOf: graph.neighbors(of: node, .forward, kind: .provides))
          next.append(contentsOf: graph.neighbors(of: node, .reverse, kind: .suppliedBy))
        }
      } else {
        next.append(contentsOf: graph.neighbors(of: node, .forward, kind: .dependsOn))
        next.append(contentsOf: graph.neighbors(of: node, .forward, kind: .suppliedBy))
        next.append(contentsOf: graph.neighbors(of: node, .reverse, kind: .provides))
      }
      for neighbor in next {
        if local[Int(neighbor)] == UInt32.max {
          local[Int(neighbor)] = UInt32(nodes.count)
          nodes.append(neighbor)
        }
        edges.append((from, local[Int(neighbor)]))
      }
    }
    let idom = DominatorTree.immediateDominators(nodeCount: nodes.count, edges: edges)
    var immediate = [NodeID](repeating: DominatorTree.unreachable, count: graph.nodeCount)
    for (index, node) in nodes.enumerated() where idom[index] != DominatorTree.unreachable {
      immediate[Int(node)] = nodes[Int(idom[index])]
    }
    immediate[Int(target)] = target
    return immediate
  }
}
