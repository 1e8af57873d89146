import X1601Graph

/// The strongly connected components of a graph restricted to some edge kinds: a component with
/// more than one node, or a node with an edge to itself, is a dependency cycle.
///
/// Computed with Tarjan's algorithm, iteratively, so deep graphs do not overflow the stack.
public struct StronglyConnectedComponents: Sendable {
  /// For each node, the index of its component. Components are numbered in the order Tarjan's
  /// algorithm completes them, which is a reverse topological order of the condensation: a
  /// component's successors have smaller numbers.
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
        for position in adjacency.range(of: NodeID(node)) {
          let entry = adjacency.entries[position]
          if (kindMask >> (entry >> Adjacency.kindShift)) & 1 != 0
            && Adjacency.node(entry) == NodeID(node)
          {
            isCycle[Int(computed.component[node])] = true
          }
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

  /// Computes component numbers over raw adjacency, following entries whose kind bit is set in
  /// `kindMask`.
  static func compute(_ adjacency: Adjacency, kindMask: UInt32) -> (component: [UInt32], count: Int)
  {
    let nodeCount = adjacency.nodeCount
    let unvisited = UInt32.max
    let shift = Adjacency.kindShift
    let mask = Adjacency.nodeMask
    var index = [UInt32](repeating: unvisited, count: nodeCount)
    var low = [UInt32](repeating: 0, count: nodeCount)
    var component = [UInt32](repeating: unvisited, count: nodeCount)
    var componentCount: UInt32 = 0
    var nextIndex: UInt32 = 0
    // Explicit stacks: Tarjan's stack of open nodes, and the call stack of the depth-first
    // search with the next entry to scan of each node on it. Each holds a node at most once.
    let tarjanStack = UnsafeMutableBufferPointer<NodeID>.allocate(capacity: max(1, nodeCount))
    let callNode = UnsafeMutableBufferPointer<NodeID>.allocate(capacity: max(1, nodeCount))
    let callCursor = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, nodeCount))
    defer {
      tarjanStack.deallocate()
      callNode.deallocate()
      callCursor.deallocate()
    }
    var tarjanTop = 0
    var callTop = 0

    index.withUnsafeMutableBufferPointer { index in
      low.withUnsafeMutableBufferPointer { low in
        component.withUnsafeMutableBufferPointer { component in
          for start in 0..<nodeCount where index[start] == unvisited {
            index[start] = nextIndex
            low[start] = nextIndex
            nextIndex &+= 1
            tarjanStack[tarjanTop] = NodeID(start)
            tarjanTop += 1
            callNode[0] = NodeID(start)
            callCursor[0] = Int(adjacency.offsets[start])
            callTop = 1

            while callTop > 0 {
              let v = callNode[callTop - 1]
              let vi = Int(v)
              let end = Int(adjacency.offsets[vi + 1])
              var cursor = callCursor[callTop - 1]
              var descended = false
              while cursor < end {
                let entry = adjacency.entries[cursor]
                cursor += 1
                guard (kindMask >> (entry >> shift)) & 1 != 0 else { continue }
                let w = Int(entry & mask)
                if index[w] == unvisited {
                  callCursor[callTop - 1] = cursor
                  index[w] = nextIndex
                  low[w] = nextIndex
                  nextIndex &+= 1
                  tarjanStack[tarjanTop] = NodeID(w)
                  tarjanTop += 1
                  callNode[callTop] = NodeID(w)
                  callCursor[callTop] = Int(adjacency.offsets[w])
                  callTop += 1
                  descended = true
                  break
                } else if component[w] == unvisited {
                  // w is on the stack: it belongs to a component still open.
                  if index[w] < low[vi] { low[vi] = index[w] }
                }
              }
              if descended { continue }

              callTop -= 1
              if low[vi] == index[vi] {
                while tarjanTop > 0 {
                  tarjanTop -= 1
                  let w = tarjanStack[tarjanTop]
                  component[Int(w)] = componentCount
                  if w == v { break }
                }
                componentCount &+= 1
              }
              if callTop > 0 {
                let parent = Int(callNode[callTop - 1])
                if low[vi] < low[parent] { low[parent] = low[vi] }
              }
            }
          }
        }
      }
    }
    return (component, Int(componentCount))
  }
}
