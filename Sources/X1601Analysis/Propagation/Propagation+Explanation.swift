import X1601Graph

/// One step of a witness path: a node and the item that reached it.
public struct WitnessStep: Sendable, Equatable {
  public var node: NodeID
  /// Bit position of the item; 0 is clause 7.1.1.
  public var item: Int
  /// The kind of the edge that brought the item here; `nil` at the origin.
  public var edge: EdgeKind?

  public init(node: NodeID, item: Int, edge: EdgeKind?) {
    self.node = node
    self.item = item
    self.edge = edge
  }
}

/// A capability implemented at one node that would cut every path of an item to a target.
public struct CutPlacement: Sendable, Equatable {
  public var node: NodeID
  /// Bit position of the capability; 0 is clause 9.1.
  public var capability: Int
  /// Bit position of the item the capability stops at `node`.
  public var item: Int
  /// The model's cost of the placement, or 1.
  public var cost: Double

  public init(node: NodeID, capability: Int, item: Int, cost: Double) {
    self.node = node
    self.capability = capability
    self.item = item
    self.cost = cost
  }
}

/// The explanation of an affected node: the path an item took to it, and where a single
/// capability would have stopped it.
public struct PropagationExplanation: Sendable {
  public let target: NodeID
  /// Bit position of the explained item at the target.
  public let item: Int
  /// A shortest path from an origin to the target, origin first.
  public let path: [WitnessStep]
  /// Every single placement that cuts all paths of the item to the target, cheapest first, then
  /// nearest to the origins.
  public let placements: [CutPlacement]

  /// The cheapest placement, or `nil` when no single capability cuts every path.
  public var cheapest: CutPlacement? { placements.first }
}

extension Propagation {
  /// Explains how `item`, or when `nil` the item that arrived first, reached `target`.
  ///
  /// The search runs over the (node, item) states in `result`. The witness path is a
  /// breadth-first shortest path from an origin state. For the placements, each capability is
  /// taken in turn: the states it would stop at one node are merged into one vertex, and the
  /// dominators of the target state, from a super-source joined to every origin state, are the
  /// nodes where that capability cuts every path. States that origins start with are not
  /// candidates, because origins keep their starting items. With a depth limit, the placements
  /// cut every path regardless of length. At an any-of group node the paths are followed as if
  /// any member sufficed, so a witness path shows one member and a cut that needs every member
  /// can be missed.
  ///
  /// - Returns: `nil` when the item did not reach the target.
  /// - Complexity: O(*k* · (*n* + *m*) log(*k* · *n*)), where *k* is the number of distinct items
  ///   in `result`, *n* the number of nodes and *m* the number of edges.
  public static func explain(
    _ chain: SupplyChain, _ options: PropagationOptions, result: PropagationResult,
    target: NodeID, item requestedItem: Int? = nil
  ) -> PropagationExplanation? {
    let graph = chain.graph
    let targetItems = result.items[Int(target)]
    guard targetItems != 0 else { return nil }
    if let requestedItem, targetItems & (1 << UInt32(requestedItem)) == 0 { return nil }

    var space = StateSpace(chain: chain, options: options, result: result)
    let requestedItems = requestedItem.map { UInt32(1) << UInt32($0) } ?? targetItems
    space.search(until: target, items: requestedItems)

    let item: Int
    if let requestedItem {
      item = requestedItem
    } else {
      var best = -1
      var bestDistance = UInt32.max
      for candidate in bitPositions(UInt64(targetItems)) {
        let distance = space.distance[space.state(target, candidate)]
        if distance < bestDistance {
          best = candidate
          bestDistance = distance
        }
      }
      guard best >= 0 else { return nil }
      item = best
    }
    let targetState = space.state(target, item)
    guard space.distance[targetState] != StateSpace.unvisited else { return nil }

    var path: [WitnessStep] = []
    var current = targetState
    while true {
      let node = NodeID(current / space.slotCount)
      let edge = space.edgeKind[current]
      path.append(
        WitnessStep(
          node: node, item: space.itemOfSlot[current % space.slotCount],
          edge: edge == StateSpace.noEdge ? nil : EdgeKind(rawValue: edge)))
      if space.distance[current] == 0 { break }
      current = Int(space.parent[current])
    }
    path.reverse()

    let placements = space.cutPlacements(target: targetState, graph: graph)
    return PropagationExplanation(target: target, item: item, path: path, placements: placements)
  }
}

/// The (node, item) states of one propagation result, with a breadth-first search over them.
struct StateSpace {
  static let unvisited = UInt32.max
  static let noEdge = UInt8.max

  let chain: SupplyChain
  let options: PropagationOptions
  let result: PropagationResult
  let stopped: [UInt32]
  let slotCount: Int
  let slotOfItem: [Int]
  let itemOfSlot: [Int]
  var injected: [NodeID: UInt32] = [:]
  var distance: [UInt32]
  var parent: [UInt32]
  var edgeKind: [UInt8]

  init(chain: SupplyChain, options: PropagationOptions, result: PropagationResult) {
    self.chain = chain
    self.options = options
    self.result = result
    stopped = chain.stoppedItems(options.addressing)
    let used = result.items.reduce(UInt32(0), |)
    var slotOfItem = [Int](repeating: -1, count: SupplyChainItems.itemCount)
    var itemOfSlot: [Int] = []
    for item in bitPositions(UInt64(used)) {
      slotOfItem[item] = itemOfSlot.count
      itemOfSlot.append(item)
    }
    self.slotOfItem = slotOfItem
    self.itemOfSlot = itemOfSlot
    slotCount = max(1, itemOfSlot.count)
    let stateCount = chain.graph.nodeCount * slotCount
    distance = [UInt32](repeating: StateSpace.unvisited, count: stateCount)
    parent = [UInt32](repeating: 0, count: stateCount)
    edgeKind = [UInt8](repeating: StateSpace.noEdge, count: stateCount)
    for origin in options.origins {
      injected[origin.node, default: 0] |= origin.items & SupplyChainItems.allItems
    }
  }

  func state(_ node: NodeID, _ item: Int) -> Int {
    Int(node) * slotCount + max(0, slotOfItem[item])
  }

  /// Returns what `item` at an upstream node becomes at `downstream` through `channel`,
  /// limited to the items the result has there.
  func carried(_ item: Int, to downstream: NodeID, channel: TransferChannel) -> UInt32 {
    let held = result.items[Int(downstream)]
    if chain.isAnyOfGroup[Int(downstream)] {
      return channel == .dependency ? held & (1 << UInt32(item)) : 0
    }
    let transferred = options.rules.transfer(1 << UInt32(item), through: channel)
    return transferred & ~stopped[Int(downstream)] & held
  }

  /// Calls `body` with each upstream neighbour of `node` and the channel leading from it.
  func forEachUpstream(of node: NodeID, _ body: (NodeID, TransferChannel) -> Void) {
    let graph = chain.graph
    for neighbor in graph.neighbors(of: node, .forward, kind: .dependsOn) {
      body(neighbor, .dependency)
    }
    for neighbor in graph.neighbors(of: node, .forward, kind: .suppliedBy) {
      body(neighbor, .supply)
    }
    for neighbor in graph.neighbors(of: node, .reverse, kind: .provides) {
      body(neighbor, .provision)
    }
  }

  /// Breadth-first search from the origin states, until every state of `target` with an item
  /// in `items` has been reached.
  mutating func search(until target: NodeID, items: UInt32) {
    var queue: [Int] = []
    for (node, injectedItems) in injected.sorted(by: { $0.key < $1.key }) {
      for item in bitPositions(UInt64(injectedItems)) where slotOfItem[item] >= 0 {
        let start = state(node, item)
        if distance[start] == StateSpace.unvisited {
          distance[start] = 0
          queue.append(start)
        }
      }
    }
    var remaining = items & result.items[Int(target)]
    for item in bitPositions(UInt64(remaining))
    where distance[state(target, item)] != StateSpace.unvisited {
      remaining &= ~(1 << UInt32(item))
    }
    let limit = options.maxDepth.map { UInt32(clamping: max(0, $0)) } ?? UInt32.max
    let graph = chain.graph
    let partyKind = NodeKind.party.rawValue
    let dependsOn = EdgeKind.dependsOn.rawValue
    let suppliedBy = EdgeKind.suppliedBy.rawValue
    let table = options.rules.table
    graph.withAdjacency(.reverse) { reverse in
      graph.withAdjacency(.forward) { forward in
        graph.withNodeKinds { kinds in
          var head = 0
          while head < queue.count && remaining != 0 {
            let current = queue[head]
            head += 1
            let level = distance[current]
            guard level < limit else { continue }
            let node = NodeID(current / slotCount)
            let item = itemOfSlot[current % slotCount]

            func visit(_ next: NodeID, _ channel: TransferChannel) {
              let held = result.items[Int(next)]
              var carried: UInt32
              if chain.isAnyOfGroup[Int(next)] {
                carried = channel == .dependency ? held & (1 << UInt32(item)) : 0
              } else {
                carried = table[channel.rawValue * 26 + item] & ~stopped[Int(next)] & held
              }
              while carried != 0 {
                let nextItem = carried.trailingZeroBitCount
                carried &= carried - 1
                let nextState = state(next, nextItem)
                guard distance[nextState] == StateSpace.unvisited else { continue }
                distance[nextState] = level + 1
                parent[nextState] = UInt32(current)
                edgeKind[nextState] = channel.edgeKind.rawValue
                queue.append(nextState)
                if next == target { remaining &= ~(1 << UInt32(nextItem)) }
              }
            }

            for index in reverse.range(of: node) {
              let entry = reverse.entries[index]
              let kind = Adjacency.kindValue(entry)
              if kind == dependsOn {
                visit(Adjacency.node(entry), .dependency)
              } else if kind == suppliedBy {
                visit(Adjacency.node(entry), .supply)
              }
            }
            if kinds[Int(node)] == partyKind {
              for index in forward.range(of: node, kind: .provides) {
                visit(Adjacency.node(forward.entries[index]), .provision)
              }
            }
          }
        }
      }
    }
  }

  /// Finds the single placements that cut every path to `target`: for each capability, the nodes
  /// that dominate the target state once the states the capability would stop at a node are
  /// merged into one vertex per node.
  func cutPlacements(target: Int, graph: Graph) -> [CutPlacement] {
    // Collect the reached states that reach the target, numbering them from 1; 0 is the
    // super-source.
    var local: [Int: UInt32] = [target: 1]
    var states: [Int] = [target]
    var edges: [(UInt32, UInt32)] = []
    var head = 0
    while head < states.count {
      let current = states[head]
      head += 1
      let currentLocal = UInt32(head)
      let node = NodeID(current / slotCount)
      let item = itemOfSlot[current % slotCount]
      if (injected[node] ?? 0) & (1 << UInt32(item)) != 0 { edges.append((0, currentLocal)) }
      forEachUpstream(of: node) { previous, channel in
        var items = result.items[Int(previous)]
        while items != 0 {
          let previousItem = items.trailingZeroBitCount
          items &= items - 1
          let previousState = state(previous, previousItem)
          guard carried(previousItem, to: node, channel: channel) & (1 << UInt32(item)) != 0
          else { continue }
          let previousLocal: UInt32
          if let known = local[previousState] {
            previousLocal = known
          } else {
            states.append(previousState)
            previousLocal = UInt32(states.count)
            local[previousState] = previousLocal
          }
          edges.append((previousLocal, currentLocal))
        }
      }
    }

    // One dominator computation per capability: the states whose items the capability
    // addresses are merged per node, because a capability at a node stops all of them there.
    var relevantItems: UInt32 = 0
    for current in states { relevantItems |= 1 << UInt32(itemOfSlot[current % slotCount]) }
    // The target's own node is handled apart: a capability there that addresses the target's
    // item stops it directly, and its other states are not merged.
    let targetNode = NodeID(target / slotCount)
    let targetItem = itemOfSlot[target % slotCount]
    let targetIsStart = (injected[targetNode] ?? 0) & (1 << UInt32(targetItem)) != 0
    var placements: [CutPlacement] = []
    for capability in 0..<SupplyChainItems.capabilityCount {
      let addressed = options.addressing.itemsByCapability[capability]
      guard addressed & relevantItems != 0 else { continue }
      if addressed & (1 << UInt32(targetItem)) != 0 && !targetIsStart
        && !chain.isAnyOfGroup[Int(targetNode)]
        && chain.implemented[Int(targetNode)] & (1 << UInt16(capability)) == 0
      {
        placements.append(
          CutPlacement(
            node: targetNode, capability: capability, item: targetItem,
            cost: chain.cost(of: capability, at: targetNode)))
      }
      var vertexOfLocal = [UInt32](repeating: 0, count: states.count + 1)
      var mergedVertex: [NodeID: UInt32] = [:]
      var mergedNode: [UInt32: NodeID] = [:]
      var vertexCount: UInt32 = 1
      for (index, current) in states.enumerated() {
        let node = NodeID(current / slotCount)
        let item = itemOfSlot[current % slotCount]
        let isStart = (injected[node] ?? 0) & (1 << UInt32(item)) != 0
        let merges =
          addressed & (1 << UInt32(item)) != 0 && !isStart && !chain.isAnyOfGroup[Int(node)]
          && chain.implemented[Int(node)] & (1 << UInt16(capability)) == 0
          && node != targetNode
        if merges, let known = mergedVertex[node] {
          vertexOfLocal[index + 1] = known
          continue
        }
        vertexOfLocal[index + 1] = vertexCount
        if merges {
          mergedVertex[node] = vertexCount
          mergedNode[vertexCount] = node
        }
        vertexCount += 1
      }
      var mappedEdges: [(UInt32, UInt32)] = []
      mappedEdges.reserveCapacity(edges.count)
      for (from, to) in edges {
        let a = vertexOfLocal[Int(from)]
        let b = vertexOfLocal[Int(to)]
        if a != b { mappedEdges.append((a, b)) }
      }
      let tree = DominatorTree.immediateDominators(nodeCount: Int(vertexCount), edges: mappedEdges)
      var vertex = vertexOfLocal[1]
      while vertex != 0 && tree[Int(vertex)] != DominatorTree.unreachable {
        if let node = mergedNode[vertex] {
          // Report the first item, in clause order, among those the capability stops there.
          var bestItem = -1
          for item in bitPositions(UInt64(addressed & result.items[Int(node)]))
          where slotOfItem[item] >= 0 && local[state(node, item)] != nil {
            bestItem = item
            break
          }
          if bestItem >= 0 {
            placements.append(
              CutPlacement(
                node: node, capability: capability, item: bestItem,
                cost: chain.cost(of: capability, at: node)))
          }
        }
        vertex = tree[Int(vertex)]
      }
    }
    placements.sort { lhs, rhs in
      let left = (lhs.cost, result.depth[Int(lhs.node)], lhs.node, lhs.capability)
      let right = (rhs.cost, result.depth[Int(rhs.node)], rhs.node, rhs.capability)
      return left < right
    }
    return placements
  }
}
