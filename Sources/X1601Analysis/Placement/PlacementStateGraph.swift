import X1601Graph

/// The (node, item) states of one propagation, with the edges along which items travel between
/// them, numbered densely for the dominator computations of the placement reduction.
///
/// State 0 is a super-source joined to every state that an origin starts with. The states of
/// node `v` are `stateStart[v] + 1 ..< stateStart[v + 1] + 1`, one per item of `items[v]` in
/// bit order, so no per-node arrays of 26 slots are needed.
struct PlacementStateGraph: Sendable {
  /// For each node, the mask of items that reached it.
  let items: [UInt32]
  /// Prefix sums of the item counts of the nodes: node `v` has states from `stateStart[v] + 1`.
  let stateStart: [Int]
  /// For each state, its node; entry 0 (the super-source) is `NodeID.max`.
  let nodeOfState: [NodeID]
  /// For each state, its item; entry 0 is -1.
  let itemOfState: [Int8]
  /// The edges between states, as (upstream, downstream) pairs of state numbers.
  let edges: [(UInt32, UInt32)]
  /// Offsets into `predecessorEntries` per state.
  let predecessorStart: [Int]
  /// The upstream states of every state, concatenated.
  let predecessorEntries: [UInt32]

  /// The number of states, the super-source included.
  var stateCount: Int { nodeOfState.count }

  /// Builds the states and edges of `result`, the propagation of `chain` from `origins`.
  ///
  /// An edge joins (u, j) to (w, j') when w is downstream of u through a channel, j' is what j
  /// becomes on that channel and w holds j'. An any-of group node is joined to its members as
  /// if any member sufficed, which can only add paths, so every cut found on this graph also
  /// cuts the propagation.
  ///
  /// - Complexity: O(*n* + *k* · *m*), where *n* is the number of nodes, *m* the number of
  ///   edges and *k* ≤ 26 the number of items at a node.
  init(
    chain: SupplyChain, result: PropagationResult, origins: [PropagationOrigin],
    rules: TransferRules
  ) {
    let graph = chain.graph
    let nodeCount = graph.nodeCount
    items = result.items
    var start = [Int](repeating: 0, count: nodeCount + 1)
    for node in 0..<nodeCount {
      start[node + 1] = start[node] + items[node].nonzeroBitCount
    }
    stateStart = start
    let count = start[nodeCount] + 1
    var nodeOfState = [NodeID](repeating: .max, count: count)
    var itemOfState = [Int8](repeating: -1, count: count)
    for node in 0..<nodeCount {
      var rest = items[node]
      var state = start[node] + 1
      while rest != 0 {
        nodeOfState[state] = NodeID(node)
        itemOfState[state] = Int8(rest.trailingZeroBitCount)
        rest &= rest - 1
        state += 1
      }
    }
    self.nodeOfState = nodeOfState
    self.itemOfState = itemOfState

    var edges: [(UInt32, UInt32)] = []
    let items = self.items
    func state(_ node: Int, _ item: Int) -> UInt32 {
      let below = items[node] & ((1 << UInt32(item)) &- 1)
      return UInt32(start[node] + 1 + below.nonzeroBitCount)
    }
    for origin in origins {
      let node = Int(origin.node)
      var rest = origin.items & items[node]
      while rest != 0 {
        edges.append((0, state(node, rest.trailingZeroBitCount)))
        rest &= rest - 1
      }
    }
    let dependsOn = UInt32(EdgeKind.dependsOn.rawValue)
    let suppliedBy = UInt32(EdgeKind.suppliedBy.rawValue)
    let partyKind = NodeKind.party.rawValue
    graph.withAdjacency(.reverse) { reverse in
      graph.withAdjacency(.forward) { forward in
        graph.withNodeKinds { kinds in
          func link(_ upstream: Int, _ item: Int, _ downstream: Int, _ channel: TransferChannel) {
            let carried: UInt32
            if chain.isAnyOfGroup[downstream] {
              carried = channel == .dependency ? items[downstream] & (1 << UInt32(item)) : 0
            } else {
              carried =
                rules.table[channel.rawValue * SupplyChainItems.itemCount + item]
                & items[downstream]
            }
            var rest = carried
            let from = state(upstream, item)
            while rest != 0 {
              edges.append((from, state(downstream, rest.trailingZeroBitCount)))
              rest &= rest - 1
            }
          }
          for node in 0..<nodeCount where items[node] != 0 {
            let source = NodeID(node)
            var rest = items[node]
            while rest != 0 {
              let item = rest.trailingZeroBitCount
              rest &= rest - 1
              for index in reverse.range(of: source) {
                let entry = reverse.entries[index]
                let kind = Adjacency.kindValue(entry)
                let downstream = Int(Adjacency.node(entry))
                guard items[downstream] != 0 else { continue }
                if UInt32(kind) == dependsOn {
                  link(node, item, downstream, .dependency)
                } else if UInt32(kind) == suppliedBy {
                  link(node, item, downstream, .supply)
                }
              }
              if kinds[node] == partyKind {
                for index in forward.range(of: source, kind: .provides) {
                  let downstream = Int(Adjacency.node(forward.entries[index]))
                  guard items[downstream] != 0, !chain.isAnyOfGroup[downstream] else { continue }
                  link(node, item, downstream, .provision)
                }
              }
            }
          }
        }
      }
    }
    self.edges = edges

    var predecessorStart = [Int](repeating: 0, count: count + 1)
    for (_, to) in edges { predecessorStart[Int(to) + 1] += 1 }
    for index in 0..<count { predecessorStart[index + 1] += predecessorStart[index] }
    var fill = predecessorStart
    var entries = [UInt32](repeating: 0, count: edges.count)
    for (from, to) in edges {
      entries[fill[Int(to)]] = from
      fill[Int(to)] += 1
    }
    self.predecessorStart = predecessorStart
    predecessorEntries = entries
  }

  /// The state of `item` at `node`; the node must hold the item.
  func state(_ node: NodeID, _ item: Int) -> Int {
    let below = items[Int(node)] & ((1 << UInt32(item)) &- 1)
    return stateStart[Int(node)] + 1 + below.nonzeroBitCount
  }

  /// The upstream states of `state`.
  func predecessors(of state: Int) -> ArraySlice<UInt32> {
    predecessorEntries[predecessorStart[state]..<predecessorStart[state + 1]]
  }
}
