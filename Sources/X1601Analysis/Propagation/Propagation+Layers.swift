import X1601Graph

/// The engine of the deterministic propagation: one layer per edge travelled, each layer either
/// pushed from the frontier along its outgoing links (small frontiers) or pulled by every node
/// from its incoming links (large frontiers). Both split their writes by node id range over the
/// threads, so that no two threads write the same node.
///
/// A layer's result does not depend on the order in which links are followed. A node receives
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
  /// Pushed layers with fewer edges out of their frontier run on one thread.
  static let parallelPushEdgeCount = 1 << 15

  let chain: SupplyChain
  let rules: TransferRules
  let addressing: CapabilityAddressing
  let threads: Int
  /// A layer is pulled when the edges out of its frontier exceed the edge count divided by
  /// this; 0 pulls every layer and `nil` pushes every layer.
  var pullDivisor: Int? = 16
  /// Graphs with fewer nodes run every step on one thread.
  var parallelNodeCount = 1 << 14
  /// Pushed layers with fewer edges out of their frontier run on one thread.
  var parallelPushEdgeCount = LayeredPropagation.parallelPushEdgeCount

  /// Whether the steps split over threads.
  var isParallel: Bool { threads > 1 && chain.graph.nodeCount >= parallelNodeCount }

  /// Runs the propagation to its fixed point, or to `maxDepth` edges.
  func run(origins: [PropagationOrigin], maxDepth: Int?) -> PropagationResult {
    let nodeCount = chain.graph.nodeCount
    let pullRanges = balancedRanges(count: isParallel ? threads * Self.chunksPerThread : 1)
    let pushRanges = balancedRanges(count: isParallel ? threads : 1)
    let edgeCount = chain.graph.edgeCount
    var depth: [UInt32] = []
    var affected: [NodeID] = []
    let items = [UInt32](unsafeUninitializedCapacity: nodeCount) { items, itemCount in
      depth = [UInt32](unsafeUninitializedCapacity: nodeCount) { depth, depthCount in
        chain.graph.withAdjacency(.reverse) { reverse in
          chain.graph.withAdjacency(.forward) { forward in
            chain.graph.withNodeKinds { kinds in
              rules.bytes.withUnsafeBufferPointer { table in
                var layers = Layers(
                  reverse: reverse, forward: forward, kinds: kinds, table: table,
                  items: items, depth: depth)
                defer { layers.deallocate() }
                layers.prepare(
                  chain: chain, addressing: addressing, parallel: isParallel)
                let layerCount = layers.run(
                  origins: origins, maxDepth: maxDepth, pullRanges: pullRanges,
                  pushRanges: pushRanges
                ) { frontierEdges in
                  if let divisor = pullDivisor, divisor == 0 || frontierEdges > edgeCount / divisor
                  {
                    return .pull
                  }
                  return frontierEdges >= parallelPushEdgeCount ? .parallelPush : .push
                }
                affected = layers.affected(
                  layerCount: layerCount, chunkCount: isParallel ? threads : 1, origins: origins)
              }
            }
          }
        }
        depthCount = nodeCount
      }
      itemCount = nodeCount
    }
    return PropagationResult(items: items, depth: depth, origins: origins, affected: affected)
  }

  /// Splits the nodes into `count` contiguous ranges with about equal numbers of nodes plus
  /// incoming links, which is the work of a pulled layer and about that of a pushed one.
  func balancedRanges(count: Int) -> [Range<Int>] {
    let nodeCount = chain.graph.nodeCount
    guard count > 1 else { return [0..<nodeCount] }
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
}

/// The direction of one layer and whether it splits over threads.
enum LayerStep {
  case push
  case parallelPush
  case pull
}

// MARK: - Layers

/// The arrays of one deterministic run and the steps over them.
private struct Layers: @unchecked Sendable {
  // Unchecked Sendable: in a step split over threads each worker writes only the nodes of its
  // own id range in `items`, `depth`, `blocked` and `nextDelta`. The workers read `delta`,
  // `frontierBits` and the adjacency, which no worker writes during the step.
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
  /// Whether any node is an any-of group node.
  var hasGroups = false

  /// Allocates the arrays; `prepare` fills them.
  init(
    reverse: Adjacency, forward: Adjacency, kinds: UnsafeBufferPointer<UInt8>,
    table: UnsafeBufferPointer<UInt32>, items: UnsafeMutableBufferPointer<UInt32>,
    depth: UnsafeMutableBufferPointer<UInt32>
  ) {
    self.reverse = reverse
    self.forward = forward
    self.kinds = kinds
    self.table = table
    self.items = items
    self.depth = depth
    let nodeCount = items.count
    blocked = .allocate(capacity: nodeCount)
    delta = .allocate(capacity: nodeCount)
    nextDelta = .allocate(capacity: nodeCount)
    frontierBits = .allocate(capacity: (nodeCount + 63) / 64)
    frontierBits.initialize(repeating: 0)
  }

  func deallocate() {
    blocked.deallocate()
    delta.deallocate()
    nextDelta.deallocate()
    frontierBits.deallocate()
  }

  /// Fills the per-node arrays: nothing reached, and in `blocked` the items each node stops
  /// with the flags above them. A group node stops every item, because it receives items only
  /// from its members.
  ///
  /// - Complexity: O(*n* + *g* + *p*), where *g* is the number of edges out of any-of group
  ///   nodes and *p* the number of edges out of parties.
  mutating func prepare(chain: SupplyChain, addressing: CapabilityAddressing, parallel: Bool) {
    let implemented = chain.implemented
    let isAnyOfGroup = chain.isAnyOfGroup
    let arrays = self
    ParallelLoop.run(count: items.count, parallel: parallel) { nodes in
      let (items, depth, blocked) = (arrays.items, arrays.depth, arrays.blocked)
      for node in nodes {
        items[node] = 0
        depth[node] = PropagationResult.unreached
        arrays.delta[node] = 0
        arrays.nextDelta[node] = 0
        var mask = addressing.stoppedItems(capabilities: implemented[node])
        if isAnyOfGroup[node] { mask |= LayeredPropagation.groupFlag | SupplyChainItems.allItems }
        blocked[node] = mask
      }
    }
    let partyKind = NodeKind.party.rawValue
    isAnyOfGroup.withUnsafeBufferPointer { isGroup in
      for node in isGroup.indices where isGroup[node] || kinds[node] == partyKind {
        if isGroup[node] {
          hasGroups = true
          for index in forward.range(of: NodeID(node), kind: .dependsOn) {
            let member = Int(forward.entries[index] & Adjacency.nodeMask)
            blocked[member] |= LayeredPropagation.memberFlag
          }
        } else {
          for index in forward.range(of: NodeID(node), kind: .provides) {
            let service = Int(forward.entries[index] & Adjacency.nodeMask)
            blocked[service] |= LayeredPropagation.providedFlag
          }
        }
      }
    }
  }

  /// Returns what the items of `mask` become through the channel with raw value `channel`.
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

  /// Returns the number of edges a push from `node` follows.
  @inline(__always)
  func outgoingEdgeCount(_ node: Int) -> Int {
    Int(reverse.offsets[node &+ 1] &- reverse.offsets[node])
  }

  /// Runs the layers; `step` chooses from the number of edges out of a frontier how to run the
  /// layer. Returns the number of layers run, which no depth exceeds.
  mutating func run(
    origins: [PropagationOrigin], maxDepth: Int?, pullRanges: [Range<Int>],
    pushRanges: [Range<Int>], step: (Int) -> LayerStep
  ) -> Int {
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
      switch step(frontierEdges) {
      case .push:
        frontierEdges = push(frontier: frontier, layer: layer, into: &next)
      case .parallelPush:
        frontierEdges = push(frontier: frontier, layer: layer, ranges: pushRanges, into: &next)
      case .pull:
        frontierEdges = pull(frontier: frontier, layer: layer, ranges: pullRanges, into: &next)
      }
      if hasGroups {
        frontierEdges += evaluateGroups(frontier: frontier, layer: layer, into: &next)
      }
      // Only frontier nodes have items in `delta`; a large frontier is cleared by whole ranges.
      if isLarge(frontier, ranges: pullRanges) {
        Self.clear(delta, chunks: pullRanges.count)
      } else {
        for node in frontier { delta[Int(node)] = 0 }
      }
      swap(&delta, &nextDelta)
      swap(&frontier, &next)
      next.removeAll(keepingCapacity: true)
      layer &+= 1
    }
    return Int(layer)
  }

  /// Calls `body` once per range, on several threads when there are several ranges. Appends
  /// the nodes each call found to `next` in range order and returns the sum of the results.
  func collect(
    over ranges: [Range<Int>], into next: inout [NodeID],
    _ body: @Sendable (Range<Int>, inout [NodeID]) -> Int
  ) -> Int {
    if ranges.count == 1 { return body(ranges[0], &next) }
    let output = RangeOutput<NodeID>(count: ranges.count)
    defer { output.deallocate() }
    ParallelLoop.run(count: ranges.count, workers: ranges.count) { chunks in
      for chunk in chunks {
        var found: [NodeID] = []
        output.sums[chunk] = body(ranges[chunk], &found)
        output.found[chunk] = found
      }
    }
    var total = 0
    for chunk in ranges.indices {
      next.append(contentsOf: output.found[chunk])
      total += output.sums[chunk]
    }
    return total
  }

  // MARK: Push

  /// Calls `body` once per link from `frontier[sources]` with the node it reaches and the items
  /// that are new there. Reads the per-node arrays without writing them.
  @inline(__always)
  func forEachLink(
    from frontier: [NodeID], sources: Range<Int>, _ body: (Int, UInt32) -> Void
  ) {
    let shift = Adjacency.kindShift
    let mask = Adjacency.nodeMask
    let dependsOn = UInt32(EdgeKind.dependsOn.rawValue)
    let suppliedBy = UInt32(EdgeKind.suppliedBy.rawValue)
    let partyKind = NodeKind.party.rawValue
    for position in sources {
      let source = frontier[position]
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
          if new != 0 { body(u, new) }
        }
      }
      guard kinds[v] == partyKind else { continue }
      let provision = transfer(sent, 2)
      guard provision != 0 else { continue }
      for index in forward.range(of: source, kind: .provides) {
        let u = Int(forward.entries[index] & mask)
        let new = provision & ~blocked[u]
        if new != 0 { body(u, new) }
      }
    }
  }

  /// Follows the links out of every frontier node on one thread; returns the edges out of the
  /// next frontier.
  func push(frontier: [NodeID], layer: UInt32, into next: inout [NodeID]) -> Int {
    var nextEdges = 0
    forEachLink(from: frontier, sources: frontier.indices) { u, new in
      if add(u, new, layer: layer) {
        next.append(NodeID(u))
        nextEdges &+= outgoingEdgeCount(u)
      }
    }
    return nextEdges
  }

  /// Pushes the layer on several threads in two steps. First the threads split the frontier and
  /// list the (node, new items) pairs its links bring, without writing any node. Then they
  /// split the nodes by `ranges`, and each adds the pairs that land in its own range.
  func push(
    frontier: [NodeID], layer: UInt32, ranges: [Range<Int>], into next: inout [NodeID]
  ) -> Int {
    let parts = ranges.count * LayeredPropagation.chunksPerThread
    let pairs = RangeOutput<UInt64>(count: parts)
    defer { pairs.deallocate() }
    ParallelLoop.run(count: parts, workers: parts) { chunks in
      for chunk in chunks {
        var found: [UInt64] = []
        let sources = ParallelLoop.bounds(of: chunk, in: frontier.count, chunks: parts)
        forEachLink(from: frontier, sources: sources) { u, new in
          found.append(UInt64(u) << 32 | UInt64(new))
        }
        pairs.found[chunk] = found
      }
    }
    return collect(over: ranges, into: &next) { targets, found in
      var nextEdges = 0
      for part in 0..<parts {
        for pair in pairs.found[part] {
          let u = Int(truncatingIfNeeded: pair >> 32)
          guard targets.contains(u) else { continue }
          let new = UInt32(truncatingIfNeeded: pair) & ~blocked[u]
          if new != 0 && add(u, new, layer: layer) {
            found.append(NodeID(u))
            nextEdges &+= outgoingEdgeCount(u)
          }
        }
      }
      return nextEdges
    }
  }

  // MARK: Pull

  /// Lets every node gather what its frontier upstream nodes send, split by node range over the
  /// threads. Appends the next frontier to `next` in id order and returns its outgoing edges.
  func pull(
    frontier: [NodeID], layer: UInt32, ranges: [Range<Int>], into next: inout [NodeID]
  ) -> Int {
    let isLarge = isLarge(frontier, ranges: ranges)
    let sent: UInt32
    if isLarge {
      sent = markFrontier(wordChunks: ranges.count)
    } else {
      var union: UInt32 = 0
      for node in frontier {
        union |= delta[Int(node)]
        frontierBits[Int(node) >> 6] |= 1 << UInt64(node & 63)
      }
      sent = union
    }
    defer {
      if isLarge {
        Self.clear(frontierBits, chunks: ranges.count)
      } else {
        for node in frontier { frontierBits[Int(node) >> 6] = 0 }
      }
    }
    let arriving = transfer(sent, 0) | transfer(sent, 1) | transfer(sent, 2)
    return collect(over: ranges, into: &next) { nodes, found in
      pull(nodes: nodes, sent: sent, arriving: arriving, layer: layer, into: &found)
    }
  }

  /// Returns whether a frontier is large enough that marking or clearing whole node ranges on
  /// several threads costs less than visiting the frontier's nodes one by one.
  func isLarge(_ frontier: [NodeID], ranges: [Range<Int>]) -> Bool {
    ranges.count > 1 && frontier.count &* 16 >= items.count
  }

  /// Sets every element of `buffer` to zero, split into `chunks` ranges over threads.
  static func clear<Element: FixedWidthInteger & SendableMetatype>(
    _ buffer: UnsafeMutableBufferPointer<Element>, chunks: Int
  ) {
    let shared = SendableBuffer(buffer)
    ParallelLoop.run(count: chunks, parallel: chunks > 1, workers: chunks) { range in
      for chunk in range {
        let elements = ParallelLoop.bounds(of: chunk, in: shared.buffer.count, chunks: chunks)
        UnsafeMutableBufferPointer(rebasing: shared.buffer[elements]).update(repeating: 0)
      }
    }
  }

  /// Sets the frontier bits from `delta` word by word, split over threads, and returns the
  /// union of the frontier's new items.
  func markFrontier(wordChunks: Int) -> UInt32 {
    let nodeCount = items.count
    let wordCount = frontierBits.count
    let unions = RangeOutput<NodeID>(count: wordChunks)
    defer { unions.deallocate() }
    ParallelLoop.run(count: wordChunks, workers: wordChunks) { chunks in
      for chunk in chunks {
        var union: UInt32 = 0
        for word in ParallelLoop.bounds(of: chunk, in: wordCount, chunks: wordChunks) {
          var bits: UInt64 = 0
          let first = word &* 64
          for node in first..<min(first &+ 64, nodeCount) {
            let sent = delta[node]
            union |= sent
            bits |= (sent == 0 ? 0 : 1) << UInt64(node &- first)
          }
          frontierBits[word] = bits
        }
        unions.sums[chunk] = Int(union)
      }
    }
    var union: UInt32 = 0
    for chunk in 0..<wordChunks { union |= UInt32(truncatingIfNeeded: unions.sums[chunk]) }
    return union
  }

  /// Runs the pulled layer over `nodes`, which only this call writes.
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
  /// at the start of the layer. Returns the edges out of the groups that join the next frontier.
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

// MARK: - Affected list

extension Layers {
  /// Lists the reached nodes other than origins and group nodes, by depth and then id, with a
  /// counting sort over `chunkCount` node ranges.
  ///
  /// - Complexity: O(*n* + *d* · *c*), where *d* is `layerCount` and *c* is `chunkCount`.
  func affected(layerCount: Int, chunkCount: Int, origins: [PropagationOrigin]) -> [NodeID] {
    let nodeCount = items.count
    // Depths run from 0 to `layerCount`. Slot `levels` of each range collects the nodes that
    // are not affected, so the loops below do not branch on every node.
    let levels = layerCount + 1
    // Each range's counters end at least 64 bytes before the next range's begin, so threads
    // counting different ranges never write the same cache line.
    let stride = levels + 1 + 64 / MemoryLayout<Int>.stride
    // Counts per range and depth take memory; long chains of layers use one range.
    let chunks = stride * chunkCount <= nodeCount ? chunkCount : 1
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: stride * chunks)
    counts.initialize(repeating: 0)
    defer { counts.deallocate() }
    let slots = SendableBuffer(counts)
    let depths = SendableBuffer(depth)
    let flags = SendableBuffer(blocked)

    // Origins hold depth 0 and are left out with it. Group nodes are never affected.
    @inline(__always)
    @Sendable func level(_ node: Int) -> Int {
      let level = depths.buffer[node]
      let isReachedLater = level &- 1 < PropagationResult.unreached &- 1
      let isGroup = flags.buffer[node] & LayeredPropagation.groupFlag != 0
      return isReachedLater && !isGroup ? Int(level) : levels
    }

    ParallelLoop.run(count: chunks, parallel: chunks > 1, workers: chunks) { range in
      let counts = slots.buffer
      for chunk in range {
        let base = chunk * stride
        for node in ParallelLoop.bounds(of: chunk, in: nodeCount, chunks: chunks) {
          counts[base &+ level(node)] &+= 1
        }
      }
    }
    var total = 0
    for level in 0..<levels {
      for chunk in 0..<chunks {
        let count = counts[chunk * stride + level]
        counts[chunk * stride + level] = total
        total += count
      }
    }
    // The nodes of a range that are not affected all go to one spare element after the last.
    for chunk in 0..<chunks { counts[chunk * stride + levels] = total + chunk }
    var sorted = [NodeID](unsafeUninitializedCapacity: total + chunks) { sorted, initialized in
      let output = SendableBuffer(sorted)
      ParallelLoop.run(count: chunks, parallel: chunks > 1, workers: chunks) { range in
        let counts = slots.buffer
        for chunk in range {
          let base = chunk * stride
          for node in ParallelLoop.bounds(of: chunk, in: nodeCount, chunks: chunks) {
            let level = level(node)
            let slot = base &+ level
            output.buffer[counts[slot]] = NodeID(node)
            counts[slot] &+= level == levels ? 0 : 1
          }
        }
      }
      initialized = total
    }
    // An origin whose items all lie outside the 26 does not start at depth 0 but is no more
    // affected than the other origins.
    let lateOrigins = origins.filter {
      $0.items != 0 && $0.items & SupplyChainItems.allItems == 0
    }.map(\.node)
    if !lateOrigins.isEmpty { sorted.removeAll { lateOrigins.contains($0) } }
    return sorted
  }
}

/// A buffer that workers of one step share, each writing its own elements.
private struct SendableBuffer<Element>: @unchecked Sendable {
  // Unchecked Sendable: the callers give each worker disjoint elements.
  let buffer: UnsafeMutableBufferPointer<Element>

  init(_ buffer: UnsafeMutableBufferPointer<Element>) {
    self.buffer = buffer
  }
}

/// The per-range outputs of a step split over threads.
private struct RangeOutput<Element>: @unchecked Sendable {
  // Unchecked Sendable: each worker writes only the slots of its own ranges, and the slots are
  // read after the workers have returned.
  let found: UnsafeMutableBufferPointer<[Element]>
  let sums: UnsafeMutableBufferPointer<Int>

  init(count: Int) {
    found = .allocate(capacity: count)
    found.initialize(repeating: [])
    sums = .allocate(capacity: count)
    sums.initialize(repeating: 0)
  }

  func deallocate() {
    found.deinitialize()
    found.deallocate()
    sums.deallocate()
  }
}
