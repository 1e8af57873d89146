import X1601Graph
import X1601SetCover

/// An item that a customer-facing node ends up with and that a placement must address: one row
/// of the placement set cover.
public struct PlacementElement: Sendable, Hashable {
  /// The customer-facing node.
  public var target: NodeID
  /// Bit position of the item; 0 is clause 7.1.1.
  public var item: Int

  public init(target: NodeID, item: Int) {
    self.target = target
    self.item = item
  }
}

/// The settings of a placement.
public struct PlacementOptions: Sendable {
  /// Which capabilities address which items, such as Table I.1.
  public var addressing: CapabilityAddressing
  /// What an item becomes on each channel.
  public var rules: TransferRules
  /// The customer-facing nodes whose items must be addressed; `nil` means every service node.
  public var targets: [NodeID]?

  public init(
    addressing: CapabilityAddressing, rules: TransferRules = .standard, targets: [NodeID]? = nil
  ) {
    self.addressing = addressing
    self.rules = rules
    self.targets = targets
  }
}

/// The reduction of capability placement to weighted set cover.
///
/// The items start at the nodes exposed to them, except where the node's own capabilities
/// address them, and travel downstream under the transfer rules exactly as in `Propagation`.
/// An element is a pair (t, i) of a target t and an item i that t ends up with. A column is a
/// placement (v, c) of capability c at node v, with the model's cost. A placement hits (t, i)
/// when v = t and c addresses i, or when implementing c at v removes every route of i to t:
/// in the graph of (node, item) states, the states at v whose items c addresses, merged into
/// one vertex, dominate the state (t, i) from the super-source that feeds the origins. Such a
/// placement is a single cut, and a cover made of single cuts leaves no target with an item.
///
/// The formulation is exact when every element that a set of placements addresses is
/// addressed by one of them alone, as on chains and trees of dependencies. Where two
/// placements together cut every route that neither cuts alone, the formulation does not see
/// the pair, so its optimum is an upper bound on the true optimum; the placement at the target
/// itself always hits the element, so the reduction never reports a coverable element as
/// infeasible. Any-of group nodes are treated as if any member sufficed to carry an item, which
/// only hides cuts and never claims a false one.
public struct PlacementProblem: Sendable {
  /// The supply chain, with what it already implements.
  public let chain: SupplyChain
  public let options: PlacementOptions
  /// The customer-facing nodes, sorted.
  public let targets: [NodeID]
  /// The origins of the propagation: each exposed node with the exposures that its own
  /// capabilities do not address.
  public let origins: [PropagationOrigin]
  /// The propagation before any placement.
  public let initial: PropagationResult
  /// The elements that some placement hits: the rows of `instance`, sorted by target and item.
  public let elements: [PlacementElement]
  /// The elements that no capability addresses under the mapping, sorted.
  public let infeasible: [PlacementElement]
  /// The candidate placements: the columns of `instance`, sorted by node and capability.
  public let candidates: [SupplyChain.Placement]
  /// The weighted set cover of `elements` by `candidates`.
  public let instance: SetCoverInstance
  /// The (node, item) states of the propagation before any placement.
  let states: PlacementStateGraph

  /// Builds the reduction.
  ///
  /// One dominator tree per capability over the state graph gives every single cut: the
  /// immediate dominator of (t, i) with the states of t excluded is the nearest common
  /// dominator of its upstream states, and the placements above it in the tree cut every route.
  ///
  /// - Throws: `PlacementError.invalidCost` for a negative or non-finite cost of a candidate.
  /// - Complexity: O(*c* · (*s* + *e*) log *s* + *c* · *r* · *d*), where *c* ≤ 14 is the number
  ///   of capabilities, *s* and *e* the numbers of (node, item) states and of edges between
  ///   them, *r* the number of elements and *d* the depth of the dominator trees.
  public init(chain: SupplyChain, options: PlacementOptions) throws(PlacementError) {
    self.chain = chain
    self.options = options
    let graph = chain.graph
    let nodeCount = graph.nodeCount
    let addressing = options.addressing
    let stopped = chain.stoppedItems(addressing)

    var targets = options.targets ?? graph.nodes(ofKind: .service)
    targets = Array(Set(targets)).sorted()
    self.targets = targets

    var origins: [PropagationOrigin] = []
    for node in 0..<nodeCount where chain.exposures[node] & ~stopped[node] != 0 {
      origins.append(
        PropagationOrigin(node: NodeID(node), items: chain.exposures[node] & ~stopped[node]))
    }
    self.origins = origins
    let initial = Propagation.run(
      chain, PropagationOptions(origins: origins, addressing: addressing, rules: options.rules))
    self.initial = initial

    var addressable: UInt32 = 0
    for mask in addressing.itemsByCapability { addressable |= mask }
    var elements: [PlacementElement] = []
    var infeasible: [PlacementElement] = []
    for target in targets where !chain.isAnyOfGroup[Int(target)] {
      var rest = initial.items[Int(target)]
      while rest != 0 {
        let item = rest.trailingZeroBitCount
        rest &= rest - 1
        let element = PlacementElement(target: target, item: item)
        if addressable & (1 << UInt32(item)) != 0 {
          elements.append(element)
        } else {
          infeasible.append(element)
        }
      }
    }
    self.elements = elements
    self.infeasible = infeasible

    let states = PlacementStateGraph(
      chain: chain, result: initial, origins: origins, rules: options.rules)
    self.states = states
    let hits = PlacementProblem.singleCuts(
      states: states, elements: elements, chain: chain, addressing: addressing)

    // Number the placements that hit something, in (node, capability) order.
    let capabilityCount = SupplyChainItems.capabilityCount
    var used = [Bool](repeating: false, count: nodeCount * capabilityCount)
    for list in hits {
      for key in list { used[Int(key)] = true }
    }
    var columnOfKey = [Int32](repeating: -1, count: used.count)
    var candidates: [SupplyChain.Placement] = []
    var costs: [Double] = []
    for key in 0..<used.count where used[key] {
      let placement = SupplyChain.Placement(
        node: NodeID(key / capabilityCount), capability: key % capabilityCount)
      let cost = chain.cost(of: placement.capability, at: placement.node)
      guard cost.isFinite, cost >= 0 else {
        throw .invalidCost(
          node: graph.name(of: placement.node),
          capability: SupplyChainItems.capabilityClauses[placement.capability], cost: cost)
      }
      columnOfKey[key] = Int32(candidates.count)
      candidates.append(placement)
      costs.append(cost)
    }
    self.candidates = candidates

    var columns = [[UInt32]](repeating: [], count: candidates.count)
    for (row, list) in hits.enumerated() {
      for key in list { columns[Int(columnOfKey[Int(key)])].append(UInt32(row)) }
    }
    var columnStart = [0]
    columnStart.reserveCapacity(columns.count + 1)
    var columnRows: [UInt32] = []
    for column in columns {
      columnRows.append(contentsOf: column)
      columnStart.append(columnRows.count)
    }
    // Rows are appended in increasing order and each (row, column) pair once, so the columns
    // are sorted and distinct as the trusted initialiser requires.
    instance = SetCoverInstance(
      trustedRowCount: elements.count, costs: costs, columnStart: columnStart,
      columnRows: columnRows)
  }
}

// MARK: - Single cuts

extension PlacementProblem {
  /// For each element, the placements that hit it, as keys `node * 14 + capability`.
  static func singleCuts(
    states: PlacementStateGraph, elements: [PlacementElement], chain: SupplyChain,
    addressing: CapabilityAddressing
  ) -> [[UInt32]] {
    let capabilityCount = SupplyChainItems.capabilityCount
    var hits = [[UInt32]](repeating: [], count: elements.count)
    var usedItems: UInt32 = 0
    for mask in states.items { usedItems |= mask }
    let stateCount = states.stateCount

    // Single states that dominate (t, i): a capability at their node that addresses their item
    // removes them and so every route through them.
    var capabilitiesOfItem = [UInt16](repeating: 0, count: SupplyChainItems.itemCount)
    for item in 0..<SupplyChainItems.itemCount {
      capabilitiesOfItem[item] = addressing.capabilities(addressing: item)
    }
    let stateDominator = DominatorTree.immediateDominators(
      nodeCount: stateCount, edges: states.edges)
    for (row, element) in elements.enumerated() {
      let targetState = states.state(element.target, element.item)
      var state = Int(stateDominator[targetState])
      guard state != Int(DominatorTree.unreachable) else { continue }
      while state != 0 {
        let node = states.nodeOfState[state]
        if node != element.target && !chain.isAnyOfGroup[Int(node)] {
          var capabilities = capabilitiesOfItem[Int(states.itemOfState[state])]
          while capabilities != 0 {
            let capability = capabilities.trailingZeroBitCount
            capabilities &= capabilities - 1
            hits[row].append(UInt32(Int(node) * capabilityCount + capability))
          }
        }
        state = Int(stateDominator[state])
      }
    }

    for capability in 0..<capabilityCount {
      let addressed = addressing.itemsByCapability[capability]
      guard addressed & usedItems != 0 else { continue }

      // Merge the states at each node whose items the capability addresses into one vertex.
      var vertexOfState = [UInt32](repeating: 0, count: stateCount)
      var nodeOfVertex: [NodeID] = [.max]
      var mergedVertexOfNode = [UInt32](repeating: 0, count: states.stateStart.count - 1)
      for state in 1..<stateCount {
        let node = states.nodeOfState[state]
        let item = Int(states.itemOfState[state])
        let merges =
          addressed & (1 << UInt32(item)) != 0 && !chain.isAnyOfGroup[Int(node)]
        if merges {
          let known = mergedVertexOfNode[Int(node)]
          if known != 0 {
            vertexOfState[state] = known
            continue
          }
          let vertex = UInt32(nodeOfVertex.count)
          mergedVertexOfNode[Int(node)] = vertex
          vertexOfState[state] = vertex
          nodeOfVertex.append(node)
        } else {
          vertexOfState[state] = UInt32(nodeOfVertex.count)
          nodeOfVertex.append(.max)
        }
      }
      let vertexCount = nodeOfVertex.count
      var mappedEdges: [(UInt32, UInt32)] = []
      mappedEdges.reserveCapacity(states.edges.count)
      for (from, to) in states.edges {
        let a = vertexOfState[Int(from)]
        let b = vertexOfState[Int(to)]
        if a != b { mappedEdges.append((a, b)) }
      }
      let dominator = DominatorTree.immediateDominators(
        nodeCount: vertexCount, edges: mappedEdges)
      let depth = treeDepths(dominator)

      for (row, element) in elements.enumerated() {
        let target = element.target
        let targetState = states.state(target, element.item)
        if addressed & (1 << UInt32(element.item)) != 0 {
          hits[row].append(UInt32(Int(target) * capabilityCount + capability))
        }
        // The nearest common dominator of the upstream states of (t, i): every route to
        // (t, i) passes through it and through every vertex above it in the tree.
        var common: UInt32? = nil
        for predecessor in states.predecessors(of: Int(targetState)) {
          let vertex = vertexOfState[Int(predecessor)]
          guard dominator[Int(vertex)] != DominatorTree.unreachable else { continue }
          if let current = common {
            common = nearestCommonAncestor(current, vertex, dominator, depth)
          } else {
            common = vertex
          }
          if common == 0 { break }
        }
        var vertex = common ?? 0
        while vertex != 0 {
          let node = nodeOfVertex[Int(vertex)]
          if node != .max && node != target {
            hits[row].append(UInt32(Int(node) * capabilityCount + capability))
          }
          vertex = dominator[Int(vertex)]
        }
      }
    }
    for row in hits.indices where hits[row].count > 1 {
      hits[row].sort()
      var write = 1
      for index in 1..<hits[row].count where hits[row][index] != hits[row][write - 1] {
        hits[row][write] = hits[row][index]
        write += 1
      }
      hits[row].removeLast(hits[row].count - write)
    }
    return hits
  }

  /// The depth of each vertex in a dominator tree rooted at 0; unreachable vertices get 0.
  static func treeDepths(_ dominator: [NodeID]) -> [UInt32] {
    var depth = [UInt32](repeating: .max, count: dominator.count)
    guard !depth.isEmpty else { return depth }
    depth[0] = 0
    var path: [Int] = []
    for start in 0..<dominator.count where depth[start] == .max {
      var vertex = start
      while depth[vertex] == .max && dominator[vertex] != DominatorTree.unreachable {
        path.append(vertex)
        vertex = Int(dominator[vertex])
      }
      var base = depth[vertex] == .max ? 0 : depth[vertex]
      while let next = path.popLast() {
        base += 1
        depth[next] = base
      }
      if depth[start] == .max { depth[start] = 0 }
    }
    return depth
  }

  /// The nearest common ancestor of two reachable vertices of a dominator tree.
  static func nearestCommonAncestor(
    _ first: UInt32, _ second: UInt32, _ dominator: [NodeID], _ depth: [UInt32]
  ) -> UInt32 {
    var a = first
    var b = second
    while depth[Int(a)] > depth[Int(b)] { a = dominator[Int(a)] }
    while depth[Int(b)] > depth[Int(a)] { b = dominator[Int(b)] }
    while a != b {
      a = dominator[Int(a)]
      b = dominator[Int(b)]
    }
    return a
  }
}
