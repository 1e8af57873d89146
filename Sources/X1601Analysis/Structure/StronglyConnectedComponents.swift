import X1601Graph

/// The strongly connected components of a graph restricted to some edge kinds: a component with
/// more than one node, or a node with an edge to itself, is a dependency cycle.
///
/// Computed with Tarjan's algorithm in Pearce's space-saving form, iteratively, so deep graphs
/// do not overflow the stack.
public struct StronglyConnectedComponents: Sendable {
  /// For each node, the index of its component. Components are numbered in the order Tarjan's
  /// algorithm completes them when it starts from nodes in increasing id order and follows each
  /// node's edges in adjacency order. That is a reverse topological order of the condensation:
  /// a component's successors have smaller numbers.
  public let component: [UInt32]

  /// The number of components.
  public let count: Int

  /// The components that are cycles: more than one node, or one node with an edge to itself.
  /// Each lists its nodes in increasing id order; the list is sorted by size, largest first.
  public let cycles: [[NodeID]]

  /// Computes the components of `graph` along edges of the kinds in `kinds`.
  ///
  /// - Complexity: O(*n* + *m*), where *n* is the number of nodes and *m* the number of edges.
  public init(_ graph: Graph, kinds: Set<EdgeKind> = [.dependsOn]) {
    let kindMask = kinds.reduce(UInt32(0)) { $0 | (1 << UInt32($1.rawValue)) }
    let computed = graph.withAdjacency(.forward) { adjacency in
      StronglyConnectedComponents.compute(adjacency, kindMask: kindMask)
    }
    component = computed.component
    count = computed.count

    // A component is a cycle when it has two nodes or more, or a node with an edge to itself.
    var size = [UInt32](repeating: 0, count: computed.count)
    for index in computed.component { size[Int(index)] += 1 }
    var isCycle = size.map { $0 > 1 }
    graph.withAdjacency(.forward) { adjacency in
      for node in 0..<graph.nodeCount where size[Int(computed.component[node])] == 1 {
        if Self.hasSelfLoop(NodeID(node), adjacency, kindMask: kindMask) {
          isCycle[Int(computed.component[node])] = true
        }
      }
    }
    var slot = [Int](repeating: -1, count: computed.count)
    var cycles: [[NodeID]] = []
    for node in 0..<graph.nodeCount {
      let index = Int(computed.component[node])
      guard isCycle[index] else { continue }
      if slot[index] < 0 {
        slot[index] = cycles.count
        cycles.append([])
      }
      cycles[slot[index]].append(NodeID(node))
    }
    cycles.sort { ($0.count, $1[0]) > ($1.count, $0[0]) }
    self.cycles = cycles
  }

  /// Checks whether `node` has an edge to itself of a kind in `kindMask`, by binary search in
  /// its sorted entries.
  ///
  /// - Complexity: O(*k* log *d*) for *k* kinds in the mask and *d* entries of the node.
  static func hasSelfLoop(_ node: NodeID, _ adjacency: Adjacency, kindMask: UInt32) -> Bool {
    let range = adjacency.range(of: node)
    guard !range.isEmpty else { return false }
    var kinds = kindMask
    while kinds != 0 {
      let kind = UInt32(kinds.trailingZeroBitCount)
      kinds &= kinds &- 1
      let selfEntry = (kind << Adjacency.kindShift) | node
      var low = range.lowerBound
      var high = range.upperBound
      while low < high {
        let middle = low + (high - low) / 2
        if adjacency.entries[middle] < selfEntry { low = middle + 1 } else { high = middle }
      }
      if low < range.upperBound && adjacency.entries[low] == selfEntry { return true }
    }
    return false
  }

  /// Computes component numbers over raw adjacency, following entries whose kind bit is set in
  /// `kindMask`.
  ///
  /// This is Tarjan's algorithm in the space-saving form due to D. J. Pearce. One array,
  /// `rank`, stores the visit index and low-link of open nodes and then the component of
  /// finished ones, so each edge costs one random read instead of two. Open nodes have ranks
  /// from 1 up. The k-th component finished (from 0) gets `nodeCount - k`, which is above every
  /// open rank. The search, and so the numbering, is the same as the textbook version's.
  static func compute(_ adjacency: Adjacency, kindMask: UInt32) -> (component: [UInt32], count: Int)
  {
    let nodeCount = adjacency.nodeCount
    let shift = Adjacency.kindShift
    let mask = Adjacency.nodeMask
    // Zero means unvisited.
    let rank = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(1, nodeCount))
    rank.initialize(repeating: 0)
    // Explicit stacks: the open nodes that are not component roots, and the call stack of the
    // depth-first search with the next entry to scan of each node on it and whether that node
    // is still a candidate root. A node enters each stack at most once, because it is pushed
    // only when first visited, so `nodeCount` entries suffice.
    let openStack = UnsafeMutableBufferPointer<NodeID>.allocate(capacity: max(1, nodeCount))
    let callNode = UnsafeMutableBufferPointer<NodeID>.allocate(capacity: max(1, nodeCount))
    let callCursor = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, nodeCount))
    let callRoot = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(1, nodeCount))
    defer {
      rank.deallocate()
      openStack.deallocate()
      callNode.deallocate()
      callCursor.deallocate()
      callRoot.deallocate()
    }
    let offsets = adjacency.offsets
    let entries = adjacency.entries
    var openTop = 0
    var callTop = 0
    var nextRank: UInt32 = 1
    var componentRank = UInt32(nodeCount)

    for start in 0..<nodeCount where rank[start] == 0 {
      rank[start] = nextRank
      nextRank &+= 1
      callNode[0] = NodeID(start)
      callCursor[0] = Int(offsets[start])
      callRoot[0] = true
      callTop = 1

      while callTop > 0 {
        let frame = callTop - 1
        let v = Int(callNode[frame])
        let end = Int(offsets[v + 1])
        var cursor = callCursor[frame]
        var vRank = rank[v]
        var isRoot = callRoot[frame]
        var descended = false
        while cursor < end {
          let entry = entries[cursor]
          cursor += 1
          guard (kindMask >> (entry >> shift)) & 1 != 0 else { continue }
          let w = Int(entry & mask)
          let wRank = rank[w]
          if wRank == 0 {
            rank[w] = nextRank
            nextRank &+= 1
            callCursor[frame] = cursor
            callRoot[frame] = isRoot
            callNode[callTop] = NodeID(w)
            callCursor[callTop] = Int(offsets[w])
            callRoot[callTop] = true
            callTop += 1
            descended = true
            break
          }
          // A finished component's rank is above every open one, so only edges to open nodes
          // lower the rank.
          if wRank < vRank {
            vRank = wRank
            isRoot = false
          }
        }
        if descended {
          rank[v] = vRank
          continue
        }

        callTop -= 1
        if isRoot {
          // v and the open nodes above it with ranks at least v's form a component.
          nextRank &-= 1
          while openTop > 0 && vRank <= rank[Int(openStack[openTop - 1])] {
            openTop -= 1
            rank[Int(openStack[openTop])] = componentRank
            nextRank &-= 1
          }
          rank[v] = componentRank
          componentRank &-= 1
          vRank = UInt32.max
        } else {
          rank[v] = vRank
          openStack[openTop] = NodeID(v)
          openTop += 1
        }
        if callTop > 0 {
          let parent = Int(callNode[callTop - 1])
          if vRank < rank[parent] {
            rank[parent] = vRank
            callRoot[callTop - 1] = false
          }
        }
      }
    }

    let count = nodeCount - Int(componentRank)
    var component = [UInt32](repeating: 0, count: nodeCount)
    component.withUnsafeMutableBufferPointer { component in
      let top = UInt32(nodeCount)
      for node in 0..<nodeCount { component[node] = top &- rank[node] }
    }
    return (component, count)
  }
}
