import X1601Graph

/// The dominator tree of the nodes reachable from a root: node *a* dominates node *b* when
/// every path from the root to *b* passes through *a*.
///
/// Computed with the semi-NCA variant of the Lengauer–Tarjan algorithm with path compression,
/// iteratively, so deep graphs do not overflow the stack.
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
  /// - Complexity: O(*m* log *n*), where *n* is the number of nodes and *m* the number of edges,
  ///   with scratch memory of about 4 bytes per edge into a reachable node.
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

  // MARK: - Semi-NCA

  /// Computes immediate dominators over raw adjacency, following entries whose kind bit is set
  /// in `kindMask`; `predecessors` must be the transpose of `successors`.
  ///
  /// This is the semi-NCA variant of Lengauer–Tarjan. Semidominators come from the same
  /// path-compressed forest, and each immediate dominator is then the nearest common ancestor
  /// of its parent and its semidominator, found by walking up the dominators already known. It
  /// needs no buckets, and every array is indexed by depth-first number, so the walks touch
  /// nearby memory. The immediate dominators are those of the textbook algorithm.
  static func compute(
    root: NodeID, successors: Adjacency, predecessors: Adjacency, kindMask: UInt32
  ) -> (idom: [NodeID], reachable: Int) {
    let nodeCount = successors.nodeCount

    // Scratch arrays, indexed by depth-first number (1...count); 0 means none.
    let number = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: nodeCount)
    let vertex = UnsafeMutableBufferPointer<NodeID>.allocateLarge(capacity: nodeCount + 1)
    let parent = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: nodeCount + 1)
    let cursor = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: nodeCount + 1)
    number.initialize(repeating: 0)
    defer {
      number.deallocate()
      vertex.deallocate()
      parent.deallocate()
      cursor.deallocate()
    }
    let count = numberInPreorder(
      root: root, successors: successors, kindMask: kindMask, number: number, vertex: vertex,
      parent: parent, cursor: cursor)

    // `forest[k]` packs the ancestor of k in the linked forest (high half, 0 for a root) and
    // the smallest semidominator on its compressed path (low half), so that a compression step
    // reads one word.
    let forest = UnsafeMutableBufferPointer<UInt64>.allocateLarge(capacity: count + 1)
    let semi = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: count + 1)
    let idom = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: count + 1)
    let path = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: count + 1)
    defer {
      forest.deallocate()
      semi.deallocate()
      idom.deallocate()
      path.deallocate()
    }
    for index in 0...count {
      forest[index] = UInt64(index)
      semi[index] = UInt32(index)
    }

    /// The smallest semidominator on the forest path from `v` up to, but not including, its
    /// root, compressing the path on the way.
    @inline(__always)
    func evaluate(_ v: UInt32) -> UInt32 {
      let link = forest[Int(v)]
      guard link >> 32 != 0 else { return UInt32(truncatingIfNeeded: link) }
      var depth = 0
      var x = v
      while forest[Int(forest[Int(x)] >> 32)] >> 32 != 0 {
        path[depth] = x
        depth += 1
        x = UInt32(truncatingIfNeeded: forest[Int(x)] >> 32)
      }
      // x's ancestor is a root, so x keeps its link and label.
      while depth > 0 {
        depth -= 1
        let y = Int(path[depth])
        let a = Int(forest[y] >> 32)
        let ancestorLink = forest[a]
        let label = min(
          UInt32(truncatingIfNeeded: forest[y]), UInt32(truncatingIfNeeded: ancestorLink))
        forest[y] = (ancestorLink & 0xFFFF_FFFF_0000_0000) | UInt64(label)
      }
      return UInt32(truncatingIfNeeded: forest[Int(v)])
    }

    if count >= 2 {
      let gathered = gatherPredecessorNumbers(
        count: count, predecessors: predecessors, kindMask: kindMask, number: number,
        vertex: vertex)
      defer {
        gathered.start.deallocate()
        gathered.numbers.deallocate()
      }
      for w in stride(from: count, through: 2, by: -1) {
        var best = UInt32(w)
        for index in Int(gathered.start[w])..<Int(gathered.start[w + 1]) {
          let v = gathered.numbers[index]
          guard v != 0 else { continue }
          // A predecessor numbered below w is not linked yet, so it is its own candidate.
          let candidate = v <= UInt32(w) ? v : evaluate(v)
          if candidate < best { best = candidate }
        }
        semi[w] = best
        forest[w] = (UInt64(parent[w]) << 32) | UInt64(best)
      }
      idom[1] = 1
      for w in 2...count {
        var dominator = parent[w]
        while dominator > semi[w] { dominator = idom[Int(dominator)] }
        idom[w] = dominator
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

  /// Lists, for each number w in 1...count, the depth-first numbers of the predecessors of
  /// `vertex[w]` along allowed kinds, 0 for a predecessor the root does not reach:
  /// `numbers[start[w]..<start[w + 1]]`. The lookups run on all processors ahead of the
  /// sequential semidominator pass, which then reads them in order.
  ///
  /// - Complexity: O(*n* + *m*) time and 4 bytes per gathered predecessor.
  private static func gatherPredecessorNumbers(
    count: Int, predecessors: Adjacency, kindMask: UInt32,
    number: UnsafeMutableBufferPointer<UInt32>, vertex: UnsafeMutableBufferPointer<NodeID>
  ) -> (start: UnsafeMutableBufferPointer<Int>, numbers: UnsafeMutableBufferPointer<UInt32>) {
    let start = UnsafeMutableBufferPointer<Int>.allocateLarge(capacity: count + 2)
    start[0] = 0
    start[1] = 0
    // The degrees go to `start[w + 1]` on all processors, because each look-up of a node's
    // offsets is a cache miss, and a sequential sum then turns them into starts.
    let degrees = GatherBuffers(
      predecessors: predecessors, number: number, vertex: vertex, start: start,
      numbers: UnsafeMutableBufferPointer(start: nil, count: 0))
    ParallelLoop.run(count: count, parallel: count >= 1 << 14) { range in
      for k in range {
        let w = k + 1
        degrees.start[w + 1] = degrees.predecessors.range(of: degrees.vertex[w]).count
      }
    }
    for w in 2...(count + 1) { start[w] += start[w - 1] }
    let total = start[count + 1]
    let numbers = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: max(1, total))
    let shared = GatherBuffers(
      predecessors: predecessors, number: number, vertex: vertex, start: start,
      numbers: numbers)
    ParallelLoop.run(
      count: count, parallel: total >= 1 << 16, workers: ParallelLoop.processorCount * 4
    ) { range in
      let shift = Adjacency.kindShift
      let mask = Adjacency.nodeMask
      for k in range {
        let w = k + 1
        var output = shared.start[w]
        for index in shared.predecessors.range(of: shared.vertex[w]) {
          let entry = shared.predecessors.entries[index]
          let allowed = (kindMask >> (entry >> shift)) & 1 != 0
          shared.numbers[output] = allowed ? shared.number[Int(entry & mask)] : 0
          output += 1
        }
      }
    }
    return (start, numbers)
  }

  /// Numbers the nodes that `root` reaches in depth-first preorder from 1, and returns how many
  /// it numbered. It fills `number` by node, and `vertex` and `parent` by number.
  private static func numberInPreorder(
    root: NodeID, successors: Adjacency, kindMask: UInt32,
    number: UnsafeMutableBufferPointer<UInt32>, vertex: UnsafeMutableBufferPointer<NodeID>,
    parent: UnsafeMutableBufferPointer<UInt32>, cursor: UnsafeMutableBufferPointer<UInt32>
  ) -> Int {
    let shift = Adjacency.kindShift
    let mask = Adjacency.nodeMask
    // `cursor[k]` is the next entry to scan of the node numbered k, and the stack contains
    // numbers. Both live in heap buffers, so deep graphs do not overflow the call stack.
    let stack = UnsafeMutableBufferPointer<UInt32>.allocateLarge(
      capacity: successors.nodeCount + 1)
    defer { stack.deallocate() }
    var count = 1
    number[Int(root)] = 1
    vertex[1] = root
    parent[1] = 0
    cursor[1] = successors.offsets[Int(root)]
    stack[0] = 1
    var top = 1
    while top > 0 {
      let current = stack[top - 1]
      let node = vertex[Int(current)]
      let end = Int(successors.offsets[Int(node) + 1])
      var position = Int(cursor[Int(current)])
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
          parent[count] = current
          cursor[count] = successors.offsets[next]
          stack[top] = UInt32(count)
          top += 1
          pushed = true
          break
        }
      }
      cursor[Int(current)] = UInt32(truncatingIfNeeded: position)
      if !pushed { top -= 1 }
    }
    return count
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

/// The buffers that gathering workers share. Each worker writes only the slots of `start` or
/// `numbers` that belong to the numbers in its range, and reads the rest.
private struct GatherBuffers: @unchecked Sendable {
  // Unchecked Sendable: workers write disjoint slots of `start` or `numbers`, and the join
  // orders later reads.
  let predecessors: Adjacency
  let number: UnsafeMutableBufferPointer<UInt32>
  let vertex: UnsafeMutableBufferPointer<NodeID>
  let start: UnsafeMutableBufferPointer<Int>
  let numbers: UnsafeMutableBufferPointer<UInt32>
}
