import X1601Graph

/// The affected nodes that carry a propagation to others alone: every path from the origins to
/// the nodes they dominate passes through them, so one capability placed there that stops what
/// they hold would have protected all of those nodes.
///
/// Computed on the carrying graph of a deterministic result: the reached nodes, joined by the
/// links along which items actually travelled (the transfer rules carry something that the
/// downstream node does not stop), with a super-source joined to every origin. The dominator
/// tree of that graph gives, for each node, how many affected nodes it dominates. Any-of group
/// nodes are followed but neither listed nor counted.
public struct Gatekeepers: Sendable {
  /// One gatekeeper.
  public struct Entry: Sendable, Equatable {
    public var node: NodeID
    /// The number of other affected nodes that items reach only through `node`.
    public var dominated: Int
  }

  /// Affected nodes that dominate at least one other affected node, most dominated first.
  public let entries: [Entry]

  /// Computes the gatekeepers of `result`.
  ///
  /// - Complexity: O(*m* log *n*) for the *n* reached nodes and the *m* links among them.
  public init(_ chain: SupplyChain, _ options: PropagationOptions, result: PropagationResult) {
    let graph = chain.graph
    let stopped = chain.stoppedItems(options.addressing)
    var isOrigin = Set<NodeID>()
    for origin in options.origins where origin.items != 0 { isOrigin.insert(origin.node) }

    // Local numbering: 0 is the super-source, reached nodes follow in id order.
    var local = [UInt32](repeating: UInt32.max, count: graph.nodeCount)
    var nodes: [NodeID] = []
    for node in 0..<graph.nodeCount where result.items[node] != 0 {
      local[node] = UInt32(nodes.count + 1)
      nodes.append(NodeID(node))
    }
    var edges: [(UInt32, UInt32)] = []
    for origin in isOrigin.sorted() { edges.append((0, local[Int(origin)])) }
    for upstream in nodes {
      let items = result.items[Int(upstream)]
      func link(_ downstream: NodeID, _ channel: TransferChannel) {
        let target = Int(downstream)
        guard local[target] != UInt32.max else { return }
        let carries: Bool
        if chain.isAnyOfGroup[target] {
          carries = channel == .dependency && items & result.items[target] != 0
        } else {
          carries = options.rules.transfer(items, through: channel) & ~stopped[target] != 0
        }
        if carries { edges.append((local[Int(upstream)], local[target])) }
      }
      for (neighbor, kind) in graph.edges(of: upstream, .reverse) {
        if kind == .dependsOn { link(neighbor, .dependency) }
        if kind == .suppliedBy { link(neighbor, .supply) }
      }
      if graph.kind(of: upstream) == .party {
        for neighbor in graph.neighbors(of: upstream, .forward, kind: .provides) {
          link(neighbor, .provision)
        }
      }
    }

    let idom = DominatorTree.immediateDominators(nodeCount: nodes.count + 1, edges: edges)
    let counted = DominatorTree.dominatedCounts(idom: idom) { index in
      index > 0 && !chain.isAnyOfGroup[Int(nodes[index - 1])]
        && !isOrigin.contains(nodes[index - 1])
    }
    var entries: [Entry] = []
    for index in 1..<(nodes.count + 1) where counted[index] > 0 {
      let node = nodes[index - 1]
      if !chain.isAnyOfGroup[Int(node)] && !isOrigin.contains(node) {
        entries.append(Entry(node: node, dominated: counted[index]))
      }
    }
    entries.sort { ($1.dominated, $0.node) < ($0.dominated, $1.node) }
    self.entries = entries
  }
}

extension DominatorTree {
  /// The nodes of the tree that `idom` describes, parents before children, from `root`.
  ///
  /// - Complexity: O(*n*).
  static func topDownOrder(idom: [NodeID], root: Int) -> [Int] {
    let count = idom.count
    var start = [Int](repeating: 0, count: count + 1)
    for node in 0..<count where node != root && idom[node] != DominatorTree.unreachable {
      start[Int(idom[node]) + 1] += 1
    }
    for index in 0..<count { start[index + 1] += start[index] }
    var fill = start
    var children = [Int](repeating: 0, count: start[count])
    for node in 0..<count where node != root && idom[node] != DominatorTree.unreachable {
      let parent = Int(idom[node])
      children[fill[parent]] = node
      fill[parent] += 1
    }
    var order = [root]
    var head = 0
    while head < order.count {
      let node = order[head]
      head += 1
      order.append(contentsOf: children[start[node]..<start[node + 1]])
    }
    return order
  }

  /// For each node of the tree that `idom` describes, the number of nodes it strictly
  /// dominates for which `counts` is true.
  ///
  /// - Complexity: O(*n*).
  static func dominatedCounts(idom: [NodeID], root: Int = 0, counts: (Int) -> Bool) -> [Int] {
    var dominated = [Int](repeating: 0, count: idom.count)
    for node in topDownOrder(idom: idom, root: root).reversed() where node != root {
      let parent = Int(idom[node])
      dominated[parent] += dominated[node] + (counts(node) ? 1 : 0)
    }
    return dominated
  }
}
