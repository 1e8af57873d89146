import X1601Graph

/// The dominator tree of the nodes reachable from a root: node *a* dominates node *b* when
/// every path from the root to *b* passes through *a*.
///
/// Computed with the Lengauer–Tarjan algorithm with path compression, iteratively, so deep
/// graphs do not overflow the stack.
public struct DominatorTree: Sendable {
  /// The node every path starts from.
  public let root: NodeID

  /// For each node, its immediate dominator; the root's is the root itself, and nodes that the
  /// root does not reach have `DominatorTree.unreachable`.
  public let immediateDominator: [NodeID]

  /// The number of nodes reachable from the root, the root included.
  public let reachableCount: Int

  /// The immediate dominator of a node that the root does not reach.
  public static let unreachable = NodeID.max

  /// Computes the tree of `graph` from `root`, following edges of the kinds in `kinds` in
  /// `direction`.
  ///
  /// - Complexity: O(*m* log *n*), where *n* is the number of nodes and *m* the number of edges.
  public init(
    _ graph: Graph, root: NodeID, direction: Graph.Direction = .forward, kinds: Set<EdgeKind>
  ) {
    precondition(Int(root) < graph.nodeCount, "root out of range")
    let kindMask = kinds.reduce(UInt32(0)) { $0 | (1 << UInt32($1.rawValue)) }
    let other: Graph.Direction = direction == .forward ? .reverse : .forward
    let result = graph.withAdjacency(direction) { successors in
      graph.withAdjacency(other) { predecessors in
        DominatorTree.compute(
          root: root, successors: successors, predecessors: predecessors, kindMask: kindMask)
      }
    }
    self.init(root: root, immediateDominator: result.idom, reachableCount: result.reachable)
  }

  /// Wraps computed immediate dominators.
  init(root: NodeID, immediateDominator: [NodeID], reachableCount: Int) {
    self.root = root
    self.immediateDominator = immediateDominator
    self.reachableCount = reachableCount
  }

  /// Whether the root reaches `node`.
  public func isReachable(_ node: NodeID) -> Bool {
    immediateDominator[Int(node)] != DominatorTree.unreachable
  }

  /// The dominators of `node` from its immediate dominator up to the root; empty for the root
  /// and for unreachable nodes.
  ///
  /// - Complexity: O(*d*), where *d* is the depth of `node` in the tree.
  public func dominators(of node: NodeID) -> [NodeID] {
    var result: [NodeID] = []
    guard isReachable(node) else { return result }
    var current = node
    while current != root {
      current = immediateDominator[Int(current)]
      result.append(current)
    }
    return result
  }

  /// For each node, the number of reachable nodes it dominates, itself included; zero for
  /// unreachable nodes.
  ///
  /// - Complexity: O(*n*).
  public func subtreeSizes() -> [Int] {
    let count = immediateDominator.count
    var children = [Int](repeating: 0, count: count + 1)
    for node in 0..<count where isReachable(NodeID(node)) && node != Int(root) {
      children[Int(immediateDominator[node]) + 1] += 1
    }
    // Process nodes children-first: a breadth-first order of the tree, reversed.
    for index in 1...count { children[index] += children[index - 1] }
    var childList = [NodeID](repeating: 0, count: max(0, children[count]))
    var fill = children
    for node in 0..<count where isReachable(NodeID(node)) && node != Int(root) {
      let parent = Int(immediateDominator[node])
      childList[fill[parent]] = NodeID(node)
      fill[parent] += 1
    }
    var order: [NodeID] = [root]
    var position = 0
    while position < order.count {
      let node = Int(order[position])
      position += 1
      order.append(contentsOf: childList[children[node]..<children[node + 1]])
    }
    var sizes = [Int](repeating: 0, count: count)
    for node in order.reversed() {
      sizes[Int(node)] += 1
      if node != root { sizes[Int(immediateDominator[Int(node)])] += sizes[Int(node)] }
    }
    return sizes
  }

  // MARK: - Lengauer–Tarjan

  /// Computes immediate dominators over raw adjacency, following entries whose kind bit is set
  /// in `kindMask`; `predecessors` must be the transpose of `successors`.
  static func compute(
    root: NodeID, successors: Adjacency, predecessors: Adjacency, kindMask: UInt32
  ) -> (idom: [NodeID], reachable: Int) {
    let nodeCount = successors.nodeCount
    let shift = Adjacency.kindShift
    let mask = Adjacency.nodeMask

    // Scratch arrays, indexed by depth-first number (1...count); 0 means none.
    let number = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: nodeCount)
    let vertex = UnsafeMutableBufferPointer<NodeID>.allocate(capacity: nodeCount + 1)
    let parent = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: nodeCount + 1)
    let cursor = UnsafeMutableBufferPointer<Int>.allocate(capacity: nodeCount + 1)
    number.initialize(repeating: 0)
    defer {
      number.deallocate()
      vertex.deallocate()
      parent.deallocate()
      cursor.deallocate()
    }

    // Iterative depth-first search; `cursor[k]` is the next entry to scan of the node numbered
    // k, and the stack holds numbers.
    var count = 1
    number[Int(root)] = 1
    vertex[1] = root
    parent[1] = 0
    cursor[1] = successors.range(of: root).lowerBound
    var stack: [UInt32] = [1]
    while let top = stack.last {
      let node = vertex[Int(top)]
      let end = Int(successors.offsets[Int(node) + 1])
      var position = cursor[Int(top)]
      var pushed = false
      while position < end {
        let entry = successors.entries[position]
        position += 1
        guard (kindMask >> (entry >> shift)) & 1 != 0 else { continue }
        let next = Int(entry & mask)
        if number[next] == 0 {
          count += 1
          number[next] = UInt32(count)
          vertex[count] = NodeID(next)
          parent[count] = top
          cursor[count] = Int(successors.offsets[next])
          stack.append(UInt32(count))
          pushed = true
          break
        }
      }
      cursor[Int(top)] = position
      if !pushed { stack.removeLast() }
    }

    let semi = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count + 1)
    let label = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count + 1)
    let ancestor = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count + 1)
    let idom = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count + 1)
    let bucketHead = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count + 1)
    let bucketNext = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count + 1)
    let path = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count + 1)
    defer {
      for buffer in [semi, label, ancestor, idom, bucketHead, bucketNext, path] {
        buffer.deallocate()
      }
    }
    for index in 0...count {
      semi[index] = UInt32(index)
      label[index] = UInt32(index)
    }
    ancestor.initialize(repeating: 0)
    idom.initialize(repeating: 0)
    bucketHead.initialize(repeating: 0)
    bucketNext.initialize(repeating: 0)

    /// The vertex with the smallest semidominator on the ancestor path of `v`, compressing
    /// the path on the way.
    @inline(__always)
    func evaluate(_ v: UInt32) -> UInt32 {
      if ancestor[Int(v)] == 0 { return v }
      var depth = 0
      var x = v
      while ancestor[Int(ancestor[Int(x)])] != 0 {
        path[depth] = x
        depth += 1
        x = ancestor[Int(x)]
      }
      while depth > 0 {
        depth -= 1
        let y = Int(path[depth])
        let a = Int(ancestor[y])
        if semi[Int(label[a])] < semi[Int(label[y])] { label[y] = label[a] }
        ancestor[y] = ancestor[a]
      }
      return label[Int(v)]
    }

    if count >= 2 {
      for w in stride(from: count, through: 2, by: -1) {
        let node = vertex[w]
        var best = semi[w]
        for index in predecessors.range(of: node) {
          let entry = predecessors.entries[index]
          guard (kindMask >> (entry >> shift)) & 1 != 0 else { continue }
          let v = number[Int(entry & mask)]
          guard v != 0 else { continue }
          let u = evaluate(v)
          if semi[Int(u)] < best { best = semi[Int(u)] }
        }
        semi[w] = best
        let s = Int(best)
        bucketNext[w] = bucketHead[s]
        bucketHead[s] = UInt32(w)
        let p = Int(parent[w])
        ancestor[w] = UInt32(p)
        var v = bucketHead[p]
        bucketHead[p] = 0
        while v != 0 {
          let following = bucketNext[Int(v)]
          let u = evaluate(v)
          idom[Int(v)] = semi[Int(u)] < semi[Int(v)] ? u : UInt32(p)
          v = following
        }
      }
      for w in 2...count where idom[w] != semi[w] {
        idom[w] = idom[Int(idom[w])]
      }
    }

    var result = [NodeID](repeating: DominatorTree.unreachable, count: nodeCount)
    result.withUnsafeMutableBufferPointer { result in
      result[Int(root)] = root
      if count >= 2 {
        for w in 2...count { result[Int(vertex[w])] = vertex[Int(idom[w])] }
      }
    }
    return (result, count)
  }
}

extension DominatorTree {
  /// Immediate dominators from node 0 of a graph given as an edge list; unreachable nodes get
  /// `DominatorTree.unreachable`.
  ///
  /// - Complexity: O(*m* log *n*), for *n* = `nodeCount` and *m* edges.
  static func immediateDominators(nodeCount: Int, edges: [(UInt32, UInt32)]) -> [NodeID] {
    var forwardOffsets = [UInt32](repeating: 0, count: nodeCount + 1)
    var reverseOffsets = [UInt32](repeating: 0, count: nodeCount + 1)
    for (from, to) in edges {
      forwardOffsets[Int(from) + 1] += 1
      reverseOffsets[Int(to) + 1] += 1
    }
    for index in 0..<nodeCount {
      forwardOffsets[index + 1] += forwardOffsets[index]
      reverseOffsets[index + 1] += reverseOffsets[index]
    }
    var forwardEntries = [UInt32](repeating: 0, count: edges.count)
    var reverseEntries = [UInt32](repeating: 0, count: edges.count)
    var forwardFill = forwardOffsets
    var reverseFill = reverseOffsets
    for (from, to) in edges {
      forwardEntries[Int(forwardFill[Int(from)])] = to
      forwardFill[Int(from)] += 1
      reverseEntries[Int(reverseFill[Int(to)])] = from
      reverseFill[Int(to)] += 1
    }
    return forwardOffsets.withUnsafeBufferPointer { forwardOffsets in
      forwardEntries.withUnsafeBufferPointer { forwardEntries in
        reverseOffsets.withUnsafeBufferPointer { reverseOffsets in
          reverseEntries.withUnsafeBufferPointer { reverseEntries in
            DominatorTree.compute(
              root: 0, successors: Adjacency(offsets: forwardOffsets, entries: forwardEntries),
              predecessors: Adjacency(offsets: reverseOffsets, entries: reverseEntries),
              kindMask: 1
            ).idom
          }
        }
      }
    }
  }
}
