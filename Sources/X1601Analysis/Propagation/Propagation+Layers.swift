import X1601Graph

/// The engine of the deterministic propagation: one layer per edge travelled, each layer either
/// pushed from the frontier along its outgoing links (small frontiers, one thread) or pulled by
/// every node from its incoming links (large frontiers, split by node id range over threads).
///
/// A layer's result does not depend on the order in which links are followed: a node receives
/// the union of what its frontier upstream nodes send, and any-of groups read the items their
/// members held at the start of the layer. So the items and depths, and the affected list built
/// from them, are the same whatever the direction of each layer and the number of threads.
struct LayeredPropagation {
  /// Flag bits stored above the 26 item bits of `blocked`.
  static let memberFlag: UInt32 = 1 << 29
  static let providedFlag: UInt32 = 1 << 30
  static let groupFlag: UInt32 = 1 << 31

  /// Node ranges per thread in a pulled layer, so that uneven ranges even out.
  static let chunksPerThread = 8

  let chain: SupplyChain
  let rules: TransferRules
  let addressing: CapabilityAddressing
  let threads: Int
  /// A layer is pulled when the edges out of its frontier exceed the edge count divided by
  /// this; 0 pulls every layer and `Int.max` pushes every layer.
  var pullDivisor = 16
  /// Graphs with fewer nodes run every layer on one thread.
  var parallelNodeCount = 1 << 14

  /// Runs the propagation to its fixed point, or to `maxDepth` edges.
  func run(origins: [PropagationOrigin], maxDepth: Int?) -> PropagationResult {
    let nodeCount = chain.graph.nodeCount
    var items = [UInt32](repeating: 0, count: nodeCount)
    var depth = [UInt32](repeating: PropagationResult.unreached, count: nodeCount)
    let blocked = makeBlocked()
    defer { blocked.deallocate() }
    let ranges = pullRanges()
    items.withUnsafeMutableBufferPointer { items in
      depth.withUnsafeMutableBufferPointer { depth in
        chain.graph.withAdjacency(.reverse) { reverse in
          chain.graph.withAdjacency(.forward) { forward in
            chain.graph.withNodeKinds { kinds in
              rules.bytes.withUnsafeBufferPointer { table in
                var layers = Layers(
                  reverse: reverse, forward: forward, kinds: kinds, table: table,
                  items: items, depth: depth, blocked: blocked)
                defer { layers.deallocate() }
                layers.run(origins: origins, maxDepth: maxDepth, ranges: ranges) { edges in
                  pullDivisor == 0 || edges > reverse.entries.count / pullDivisor
                }
              }
            }
          }
        }
      }
    }
    let affected = Self.affected(
      depth: depth, origins: origins, isAnyOfGroup: chain.isAnyOfGroup)
    return PropagationResult(items: items, depth: depth, origins: origins, affected: affected)
  }

  /// Splits the nodes into the ranges of a pulled layer: `chunksPerThread` per thread, with
  /// about equal numbers of nodes plus incoming links, or one range on one thread.
  func pullRanges() -> [Range<Int>] {
    let nodeCount = chain.graph.nodeCount
    guard threads > 1 && nodeCount >= parallelNodeCount else { return [0..<nodeCount] }
    let count = threads * Self.chunksPerThread
    return chain.graph.withAdjacency(.forward) { forward in
      let total = nodeCount + forward.entries.count
      var bounds = [0]
      for chunk in 1..<count {
        let goal = total * chunk / count
        var low = bounds[bounds.count - 1]
        var high = nodeCount
        while low < high {
          let middle = low + (high - low) / 2
          if middle + Int(forward.offsets[middle]) < goal {
            low = middle + 1
          } else {
            high = middle
          }
        }
        bounds.append(low)
      }
      bounds.append(nodeCount)
      return (0..<count).map { bounds[$0]..<bounds[$0 + 1] }
    }
  }

  /// Builds, for each node, the items it stops with the flag bits above them. A group node
  /// stops every item, because it receives items only from its members.
  ///
  /// - Complexity: O(*n* + *g*), where *g* is the number of edges out of any-of group nodes.
  private func makeBlocked() -> UnsafeMutableBufferPointer<UInt32> {
    let graph = chain.graph
    let nodeCount = graph.nodeCount
    let blocked = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: nodeCount)
    let provides = UInt32(EdgeKind.provides.rawValue)
    graph.withAdjacency(.reverse) { reverse in
      for node in 0..<nodeCount {
        var mask = addressing.stoppedItems(capabilities: chain.implemented[node])
        let start = Int(reverse.offsets[node])
        // Entries are sorted by kind, so a provider shows up before any later kind.
        if start < Int(reverse.offsets[node + 1])
          && reverse.entries[start] >> Adjacency.kindShift <= provides
          && !reverse.range(of: NodeID(node), kind: .provides).isEmpty
        {
          mask |= Self.providedFlag
        }
        blocked[node] = mask
      }
    }
    graph.withAdjacency(.forward) { forward in
      for node in 0..<nodeCount where chain.isAnyOfGroup[node] {
        blocked[node] |= Self.groupFlag | SupplyChainItems.allItems
        for index in forward.range(of: NodeID(node), kind: .dependsOn) {
          blocked[Int(forward.entries[index] & Adjacency.nodeMask)] |= Self.memberFlag
        }
      }
    }
    return blocked
  }

  /// The reached nodes other than origins and group nodes, by depth and then id.
  ///
  /// - Complexity: O(*n* + *d*), where *d* is the largest depth, by a counting sort.
  static func affected(
    depth: [UInt32], origins: [PropagationOrigin], isAnyOfGroup: [Bool]
  ) -> [NodeID] {
    // Origins hold depth 0 and are left out with it, except one whose items all lie outside
    // the 26: it may be reached later, so it is removed by id.
    let lateOrigins = origins.filter {
      $0.items != 0 && $0.items & SupplyChainItems.allItems == 0
    }.map(\.node)
    return depth.withUnsafeBufferPointer { depth in
      isAnyOfGroup.withUnsafeBufferPointer { isGroup in
        // `counts[d]` is the number of affected nodes at depth d, then the next slot for them.
        var counts: [Int] = []
        var total = 0
        for node in depth.indices {
          let level = Int(depth[node])
          guard level != 0 && depth[node] != PropagationResult.unreached && !isGroup[node] else {
            continue
          }
          if level >= counts.count {
            counts.append(contentsOf: repeatElement(0, count: level + 1 - counts.count))
          }
          counts[level] += 1
          total += 1
        }
        var next = 0
        for level in counts.indices {
          let count = counts[level]
          counts[level] = next
          next += count
        }
        var sorted = [NodeID](repeating: 0, count: total)
        sorted.withUnsafeMutableBufferPointer { sorted in
          for node in depth.indices {
            let level = Int(depth[node])
            guard level != 0 && depth[node] != PropagationResult.unreached && !isGroup[node] else {
              continue
            }
            sorted[counts[level]] = NodeID(node)
            counts[level] += 1
          }
        }
        if !lateOrigins.isEmpty { sorted.removeAll { lateOrigins.contains($0) } }
        return sorted
      }
    }
  }
}

// MARK: - Layers

/// The arrays of one deterministic run and the steps over them.
private struct Layers: @unchecked Sendable {
  // Unchecked Sendable: in a pulled layer each worker writes only the nodes of its own id range
  // in `items`, `depth`, `blocked` and `nextDelta`, and reads `delta` and `frontierBits`, which
  // no worker writes during the layer.
  let reverse: Adjacency
  let forward: Adjacency
  let kinds: UnsafeBufferPointer<UInt8>
  let table: UnsafeBufferPointer<UInt32>
  let items: UnsafeMutableBufferPointer<UInt32>
  let depth: UnsafeMutableBufferPointer<UInt32>
  /// The items each node stops or already holds, with the flags of `LayeredPropagation`.
  let blocked: UnsafeMutableBufferPointer<UInt32>
  /// The items new at each frontier node.
  var delta: UnsafeMutableBufferPointer<UInt32>
  /// The items new at each node in the layer being built.
  var nextDelta: UnsafeMutableBufferPointer<UInt32>
  /// One bit per node, set for the nodes of a pulled layer's frontier.
  let frontierBits: UnsafeMutableBufferPointer<UInt64>

  init(
    reverse: Adjacency, forward: Adjacency, kinds: UnsafeBufferPointer<UInt8>,
    table: UnsafeBufferPointer<UInt32>, items: UnsafeMutableBufferPointer<UInt32>,
    depth: UnsafeMutableBufferPointer<UInt32>, blocked: UnsafeMutableBufferPointer<UInt32>
  ) {
    self.reverse = reverse
    self.forward = forward
    self.kinds = kinds
    self.table = table
    self.items = items
    self.depth = depth
    self.blocked = blocked
    let nodeCount = items.count
    delta = .allocate(capacity: nodeCount)
    delta.initialize(repeating: 0)
    nextDelta = .allocate(capacity: nodeCount)
    nextDelta.initialize(repeating: 0)
    frontierBits = .allocate(capacity: (nodeCount + 63) / 64)
    frontierBits.initialize(repeating: 0)
  }

  func deallocate() {
    delta.deallocate()
    nextDelta.deallocate()
    frontierBits.deallocate()
  }

  /// What the items of `mask` become through the channel at `channel`.
  @inline(__always)
  func transfer(_ mask: UInt32, _ channel: Int) -> UInt32 {
    let base = channel &* 1024
    return table[base &+ Int(mask & 0xff)]
      | table[base &+ 256 &+ Int((mask >> 8) & 0xff)]
      | table[base &+ 512 &+ Int((mask >> 16) & 0xff)]
      | table[base &+ 768 &+ Int(mask >> 24)]
  }

  /// Adds `new` items to `node` in the layer after `layer`; returns whether `node` joins the
  /// next frontier with this call.
  @inline(__always)
  func add(_ node: Int, _ new: UInt32, layer: UInt32) -> Bool {
    if items[node] == 0 { depth[node] = layer &+ 1 }
    items[node] |= new
    blocked[node] |= new
    let joins = nextDelta[node] == 0
    nextDelta[node] |= new
    return joins
  }

  /// The number of edges a push from `node` follows.
  @inline(__always)
  func outgoingEdgeCount(_ node: Int) -> Int {
    Int(reverse.offsets[node &+ 1] &- reverse.offsets[node])
  }

  /// Runs the layers; `shouldPull` tells from the number of edges out of a frontier whether to
  /// pull the layer, and `ranges` are the node ranges of a pulled layer.
  mutating func run(
    origins: [PropagationOrigin], maxDepth: Int?, ranges: [Range<Int>],
    shouldPull: (Int) -> Bool
  ) {
    var frontier: [NodeID] = []
    var frontierEdges = 0
    for origin in origins {
      let node = Int(origin.node)
      let new = origin.items & SupplyChainItems.allItems & ~items[node]
      guard new != 0 else { continue }
      if items[node] == 0 { depth[node] = 0 }
      if delta[node] == 0 {
        frontier.append(origin.node)
        frontierEdges += outgoingEdgeCount(node)
      }
      delta[node] |= new
      items[node] |= new
      blocked[node] |= new
    }

    let limit = maxDepth.map { UInt32(clamping: max(0, $0)) } ?? UInt32.max
    var next: [NodeID] = []
    var layer: UInt32 = 0
    while !frontier.isEmpty && layer < limit {
      var sent: UInt32 = 0
      for node in frontier { sent |= delta[Int(node)] }
      if shouldPull(frontierEdges) {
        frontierEdges = pull(
          frontier: frontier, sent: sent, layer: layer, ranges: ranges, into: &next)
      } else {
        frontierEdges = push(frontier: frontier, layer: layer, into: &next)
      }
      frontierEdges += evaluateGroups(frontier: frontier, layer: layer, into: &next)
      for node in frontier { delta[Int(node)] = 0 }
      swap(&delta, &nextDelta)
      swap(&frontier, &next)
      next.removeAll(keepingCapacity: true)
      layer &+= 1
    }
  }

  // MARK: Push

  /// Follows the links out of every frontier node on one thread; returns the edges out of the
  /// next frontier.
  func push(frontier: [NodeID], layer: UInt32, into next: inout [NodeID]) -> Int {
    let shift = Adjacency.kindShift
    let mask = Adjacency.nodeMask
    let dependsOn = UInt32(EdgeKind.dependsOn.rawValue)
    let suppliedBy = UInt32(EdgeKind.suppliedBy.rawValue)
    let partyKind = NodeKind.party.rawValue
    var nextEdges = 0
    for source in frontier {
      let v = Int(source)
      let sent = delta[v]
      let dependency = transfer(sent, 0)
      let supply = transfer(sent, 1)
      if dependency | supply != 0 {
        for index in reverse.range(of: source) {
          let entry = reverse.entries[index]
          let kind = entry >> shift
          let carried: UInt32
          if kind == dependsOn {
            carried = dependency
          } else if kind == suppliedBy {
            carried = supply
          } else {
            continue
          }
          let u = Int(entry & mask)
          let new = carried & ~blocked[u]
          if new != 0 && add(u, new, layer: layer) {
            next.append(NodeID(u))
            nextEdges &+= outgoingEdgeCount(u)
          }
        }
      }
      guard kinds[v] == partyKind else { continue }
      let provision = transfer(sent, 2)
      guard provision != 0 else { continue }
      for index in forward.range(of: source, kind: .provides) {
        let u = Int(forward.entries[index] & mask)
        let new = provision & ~blocked[u]
        if new != 0 && add(u, new, layer: layer) {
          next.append(NodeID(u))
          nextEdges &+= outgoingEdgeCount(u)
        }
      }
    }
    return nextEdges
  }

  // MARK: Pull

  /// Lets every node gather what its frontier upstream nodes send, on one thread per range at a
  /// time; returns the edges out of the next frontier, whose nodes it appends in id order.
  func pull(
    frontier: [NodeID], sent: UInt32, layer: UInt32, ranges: [Range<Int>],
    into next: inout [NodeID]
  ) -> Int {
    for node in frontier { frontierBits[Int(node) >> 6] |= 1 << UInt64(node & 63) }
    defer { for node in frontier { frontierBits[Int(node) >> 6] = 0 } }
    let arriving = transfer(sent, 0) | transfer(sent, 1) | transfer(sent, 2)
    let found = UnsafeMutableBufferPointer<[NodeID]>.allocate(capacity: ranges.count)
    found.initialize(repeating: [])
    let edges = UnsafeMutableBufferPointer<Int>.allocate(capacity: ranges.count)
    edges.initialize(repeating: 0)
    defer {
      found.deinitialize()
      found.deallocate()
      edges.deallocate()
    }
    let output = PullOutput(found: found, edges: edges)
    ParallelLoop.run(count: ranges.count, parallel: ranges.count > 1, workers: ranges.count) {
      chunks in
      for chunk in chunks {
        var nodes: [NodeID] = []
        output.edges[chunk] = pull(
          nodes: ranges[chunk], sent: sent, arriving: arriving, layer: layer, into: &nodes)
        output.found[chunk] = nodes
      }
    }
    var total = 0
    for chunk in 0..<ranges.count {
      next.append(contentsOf: found[chunk])
      total += edges[chunk]
    }
    return total
  }

  /// The pulled layer over `nodes`, which only this call writes.
  func pull(
    nodes: Range<Int>, sent: UInt32, arriving: UInt32, layer: UInt32,
    into next: inout [NodeID]
  ) -> Int {
    let shift = Adjacency.kindShift
    let mask = Adjacency.nodeMask
    let dependsOn = UInt32(EdgeKind.dependsOn.rawValue)
    let suppliedBy = UInt32(EdgeKind.suppliedBy.rawValue)
    let partyKind = NodeKind.party.rawValue
    var nextEdges = 0

    @inline(__always)
    func sentBy(_ entry: UInt32) -> UInt32 {
      let v = Int(entry & mask)
      return frontierBits[v >> 6] & (1 << UInt64(v & 63)) == 0 ? 0 : delta[v]
    }

    for u in nodes {
      let held = blocked[u]
      // Skips nodes that stop or hold every item the layer could bring, group nodes included.
      if arriving & ~held == 0 { continue }
      var dependency: UInt32 = 0
      var supply: UInt32 = 0
      let start = Int(forward.offsets[u])
      let end = Int(forward.offsets[u &+ 1])
      if start < end {
        let firstKind = forward.entries[start] >> shift
        if firstKind == forward.entries[end &- 1] >> shift {
          // One kind only, the common case: stop once everything sent has arrived.
          if firstKind == dependsOn || firstKind == suppliedBy {
            var gathered: UInt32 = 0
            for index in start..<end {
              gathered |= sentBy(forward.entries[index])
              if gathered == sent { break }
            }
            if firstKind == dependsOn { dependency = gathered } else { supply = gathered }
          }
        } else {
          for index in start..<end {
            let entry = forward.entries[index]
            let kind = entry >> shift
            if kind == dependsOn {
              dependency |= sentBy(entry)
            } else if kind == suppliedBy {
              supply |= sentBy(entry)
            }
          }
        }
      }
      var provision: UInt32 = 0
      if held & LayeredPropagation.providedFlag != 0 {
        for index in reverse.range(of: NodeID(u), kind: .provides) {
          let entry = reverse.entries[index]
          if kinds[Int(entry & mask)] == partyKind { provision |= sentBy(entry) }
        }
      }
      let received = transfer(dependency, 0) | transfer(supply, 1) | transfer(provision, 2)
      let new = received & ~held
      if new != 0 && add(u, new, layer: layer) {
        next.append(NodeID(u))
        nextEdges &+= outgoingEdgeCount(u)
      }
    }
    return nextEdges
  }

  // MARK: Groups

  /// Adds to each any-of group with a member in the frontier the items that every member held
  /// at the start of the layer; returns the edges out of the groups that join the next frontier.
  func evaluateGroups(frontier: [NodeID], layer: UInt32, into next: inout [NodeID]) -> Int {
    let mask = Adjacency.nodeMask
    var groups: [NodeID] = []
    for member in frontier where blocked[Int(member)] & LayeredPropagation.memberFlag != 0 {
      for index in reverse.range(of: member, kind: .dependsOn) {
        let group = reverse.entries[index] & mask
        if blocked[Int(group)] & LayeredPropagation.groupFlag != 0 { groups.append(group) }
      }
    }
    guard !groups.isEmpty else { return 0 }
    groups.sort()
    var nextEdges = 0
    var previous: NodeID?
    for group in groups where group != previous {
      previous = group
      var common = SupplyChainItems.allItems
      var memberCount = 0
      for index in forward.range(of: group, kind: .dependsOn) {
        let w = Int(forward.entries[index] & mask)
        memberCount += 1
        // Items a member gained in this layer are in `nextDelta` and are left out.
        let held = items[w] & ~nextDelta[w]
        common &= held
        if common == 0 { break }
      }
      let g = Int(group)
      let new = memberCount == 0 ? 0 : common & ~items[g]
      if new != 0 && add(g, new, layer: layer) {
        next.append(group)
        nextEdges &+= outgoingEdgeCount(g)
      }
    }
    return nextEdges
  }
}

/// The per-range outputs of a pulled layer.
private struct PullOutput: @unchecked Sendable {
  // Unchecked Sendable: each worker writes only the slots of its own ranges.
  let found: UnsafeMutableBufferPointer<[NodeID]>
  let edges: UnsafeMutableBufferPointer<Int>
}
