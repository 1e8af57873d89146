import X1601Graph

/// A node where propagation starts, with the items it starts with.
public struct PropagationOrigin: Sendable, Hashable {
  public var node: NodeID
  /// Mask of the items the node starts with; bit 0 is clause 7.1.1.
  public var items: UInt32

  public init(node: NodeID, items: UInt32) {
    self.node = node
    self.items = items
  }
}

/// The settings of one propagation.
public struct PropagationOptions: Sendable {
  public var origins: [PropagationOrigin]
  /// The largest number of edges an item travels; `nil` runs to the fixed point.
  public var maxDepth: Int?
  /// Which capabilities stop which items.
  public var addressing: CapabilityAddressing
  /// What an item becomes on each channel.
  public var rules: TransferRules
  /// The largest number of threads `Propagation.run` uses: `nil` uses one per processor, and
  /// values below 1 count as 1. The result is the same for every thread count.
  public var threads: Int?

  public init(
    origins: [PropagationOrigin], maxDepth: Int? = nil, addressing: CapabilityAddressing = .none,
    rules: TransferRules = .standard, threads: Int? = nil
  ) {
    self.origins = origins
    self.maxDepth = maxDepth
    self.addressing = addressing
    self.rules = rules
    self.threads = threads
  }
}

/// The items that reached each node.
public struct PropagationResult: Sendable {
  /// For each node, the mask of items that reached it (origins include their starting items).
  public let items: [UInt32]
  /// For each node, the number of edges from the nearest origin to the first item that reached
  /// it, or `PropagationResult.unreached`.
  public let depth: [UInt32]
  /// The origins as given.
  public let origins: [PropagationOrigin]
  /// The nodes reached other than origins and any-of group nodes, by depth and then id.
  public let affected: [NodeID]

  /// The depth of a node that no item reached.
  public static let unreached = UInt32.max

  /// Whether an item reached `node`.
  public func isReached(_ node: NodeID) -> Bool { items[Int(node)] != 0 }
}

/// Propagation of indirect threats (clause 8) from origins to the nodes downstream of them.
///
/// Items travel from a dependency to its dependents (against `dependsOn`), from a supplying
/// party to what it supplies (against `suppliedBy`) and from a provider to its services (along
/// `provides`); they never travel into a party. On each edge an item becomes what the transfer
/// rules of that channel say. A node that implements a capability addressing an item stops that
/// item: the item neither affects the node nor travels on from it. Origins keep their starting
/// items whatever they implement, because the scenario states that they are compromised or down.
/// An any-of group node holds the items that every one of its members holds, unchanged, and its
/// dependents then apply the rules.
public enum Propagation {
  /// Runs the propagation to its fixed point, or to `options.maxDepth` edges.
  ///
  /// Each layer carries only the items that are new at a node, so every (node, item) pair is
  /// expanded once: the work is that of a breadth-first search of the graph whose states are
  /// (node, item) pairs. A layer whose frontier has many outgoing links is computed by every
  /// node gathering from its upstream nodes instead, split over `options.threads` threads.
  ///
  /// - Complexity: O(*n* + *k* · *m*) over the pushed layers, plus O(*n* + *m*) for each
  ///   gathered layer. Here *n* is the number of nodes, *m* the number of edges and *k* ≤ 26
  ///   the number of items that reach a node.
  public static func run(_ chain: SupplyChain, _ options: PropagationOptions) -> PropagationResult {
    let threads = max(1, options.threads ?? ParallelLoop.processorCount)
    let engine = LayeredPropagation(
      chain: chain, rules: options.rules, addressing: options.addressing, threads: threads)
    return engine.run(origins: options.origins, maxDepth: options.maxDepth)
  }
}

// MARK: - Engine

/// The read-only inputs of the propagation loop.
struct PropagationContext {
  let graph: Graph
  let stopped: [UInt32]
  let isAnyOfGroup: [Bool]
  let rules: TransferRules

  init(chain: SupplyChain, addressing: CapabilityAddressing, rules: TransferRules) {
    graph = chain.graph
    stopped = chain.stoppedItems(addressing)
    isAnyOfGroup = chain.isAnyOfGroup
    self.rules = rules
  }
}

/// Decides whether a link carries items in one run; the probabilistic mode draws it.
protocol LinkFilter {
  /// Whether the link from `upstream` to `downstream` is live.
  func isLive(upstream: NodeID, downstream: NodeID, threshold: UInt64) -> Bool
  /// The threshold of the edge at `index` in the reverse entries, or in the forward entries.
  func reverseThreshold(_ index: Int) -> UInt64
  func forwardThreshold(_ index: Int) -> UInt64
}

/// The filter of the deterministic propagation: every link is live.
struct AllLinksLive: LinkFilter {
  @inline(__always)
  func isLive(upstream: NodeID, downstream: NodeID, threshold: UInt64) -> Bool { true }
  @inline(__always)
  func reverseThreshold(_ index: Int) -> UInt64 { .max }
  @inline(__always)
  func forwardThreshold(_ index: Int) -> UInt64 { .max }
}

/// The arrays of one propagation, kept between runs so that repeated runs (Monte Carlo
/// samples) reset only the nodes they touched.
struct PropagationWorkspace {
  var state: [UInt32]
  var depth: [UInt32]
  var delta: [UInt32]
  var nextDelta: [UInt32]
  var queuedGroup: [Bool]
  /// The nodes whose state is not zero.
  var touched: [NodeID] = []

  init(nodeCount: Int) {
    state = [UInt32](repeating: 0, count: nodeCount)
    depth = [UInt32](repeating: PropagationResult.unreached, count: nodeCount)
    delta = [UInt32](repeating: 0, count: nodeCount)
    nextDelta = [UInt32](repeating: 0, count: nodeCount)
    queuedGroup = [Bool](repeating: false, count: nodeCount)
  }

  /// Clears the nodes the last run touched.
  mutating func reset() {
    for node in touched {
      state[Int(node)] = 0
      depth[Int(node)] = PropagationResult.unreached
    }
    touched.removeAll(keepingCapacity: true)
  }

  /// Runs one propagation; the workspace must be clear.
  mutating func run<Filter: LinkFilter>(
    _ context: PropagationContext, origins: [PropagationOrigin], maxDepth: Int?, filter: Filter
  ) {
    var frontier: [NodeID] = []
    for origin in origins {
      let node = Int(origin.node)
      let new = origin.items & SupplyChainItems.allItems & ~state[node]
      guard new != 0 else { continue }
      if state[node] == 0 {
        touched.append(origin.node)
        depth[node] = 0
      }
      if delta[node] == 0 { frontier.append(origin.node) }
      delta[node] |= new
      state[node] |= new
    }

    var state: [UInt32] = []
    var depth: [UInt32] = []
    var delta: [UInt32] = []
    var nextDelta: [UInt32] = []
    var queuedGroup: [Bool] = []
    var touched: [NodeID] = []
    swap(&state, &self.state)
    swap(&depth, &self.depth)
    swap(&delta, &self.delta)
    swap(&nextDelta, &self.nextDelta)
    swap(&queuedGroup, &self.queuedGroup)
    swap(&touched, &self.touched)
    defer {
      swap(&state, &self.state)
      swap(&depth, &self.depth)
      swap(&delta, &self.delta)
      swap(&nextDelta, &self.nextDelta)
      swap(&queuedGroup, &self.queuedGroup)
      swap(&touched, &self.touched)
    }

    let limit = maxDepth.map { UInt32(clamping: max(0, $0)) } ?? UInt32.max
    let partyKind = NodeKind.party.rawValue
    let dependsOn = UInt32(EdgeKind.dependsOn.rawValue)
    let suppliedBy = UInt32(EdgeKind.suppliedBy.rawValue)
    let provides = EdgeKind.provides
    let mask = Adjacency.nodeMask
    let shift = Adjacency.kindShift
    var next: [NodeID] = []
    var groups: [NodeID] = []

    context.graph.withAdjacency(.reverse) { reverse in
      context.graph.withAdjacency(.forward) { forward in
        context.graph.withNodeKinds { kinds in
          context.rules.bytes.withUnsafeBufferPointer { table in
            context.stopped.withUnsafeBufferPointer { stopped in
              context.isAnyOfGroup.withUnsafeBufferPointer { isGroup in
                @inline(__always)
                func transfer(_ items: UInt32, _ channel: Int) -> UInt32 {
                  let base = channel &* 1024
                  return table[base &+ Int(items & 0xff)]
                    | table[base &+ 256 &+ Int((items >> 8) & 0xff)]
                    | table[base &+ 512 &+ Int((items >> 16) & 0xff)]
                    | table[base &+ 768 &+ Int(items >> 24)]
                }

                @inline(__always)
                func add(_ node: Int, _ items: UInt32, layer: UInt32) {
                  if state[node] == 0 {
                    depth[node] = layer &+ 1
                    touched.append(NodeID(node))
                  }
                  if nextDelta[node] == 0 { next.append(NodeID(node)) }
                  nextDelta[node] |= items
                  state[node] |= items
                }

                var layer: UInt32 = 0
                while !frontier.isEmpty && layer < limit {
                  for source in frontier {
                    let v = Int(source)
                    let items = delta[v]
                    delta[v] = 0
                    let transferredDependency = transfer(items, 0)
                    let transferredSupply = transfer(items, 1)
                    for index in reverse.range(of: source) {
                      let entry = reverse.entries[index]
                      let kind = entry >> shift
                      let carried: UInt32
                      if kind == dependsOn {
                        carried = transferredDependency
                      } else if kind == suppliedBy {
                        carried = transferredSupply
                      } else {
                        continue
                      }
                      let u = Int(entry & mask)
                      if isGroup[u] {
                        if kind == dependsOn && !queuedGroup[u] {
                          queuedGroup[u] = true
                          groups.append(NodeID(u))
                        }
                        continue
                      }
                      let new = carried & ~stopped[u] & ~state[u]
                      if new != 0
                        && filter.isLive(
                          upstream: source, downstream: NodeID(u),
                          threshold: filter.reverseThreshold(index))
                      {
                        add(u, new, layer: layer)
                      }
                    }
                    if kinds[v] == partyKind {
                      let carried = transfer(items, 2)
                      guard carried != 0 else { continue }
                      for index in forward.range(of: source, kind: provides) {
                        let u = Int(forward.entries[index] & mask)
                        if isGroup[u] { continue }
                        let new = carried & ~stopped[u] & ~state[u]
                        if new != 0
                          && filter.isLive(
                            upstream: source, downstream: NodeID(u),
                            threshold: filter.forwardThreshold(index))
                        {
                          add(u, new, layer: layer)
                        }
                      }
                    }
                  }

                  // A group holds what every member held at the end of this layer: items added
                  // during the layer are in `nextDelta` and are left out.
                  for group in groups {
                    let g = Int(group)
                    queuedGroup[g] = false
                    var common = SupplyChainItems.allItems
                    var memberCount = 0
                    for index in forward.range(of: group, kind: .dependsOn) {
                      let w = Int(forward.entries[index] & mask)
                      memberCount += 1
                      let held = state[w] & ~nextDelta[w]
                      if held == 0
                        || !filter.isLive(
                          upstream: NodeID(w), downstream: group,
                          threshold: filter.forwardThreshold(index))
                      {
                        common = 0
                        break
                      }
                      common &= held
                    }
                    let new = memberCount == 0 ? 0 : common & ~state[g]
                    if new != 0 { add(g, new, layer: layer) }
                  }
                  groups.removeAll(keepingCapacity: true)

                  swap(&delta, &nextDelta)
                  swap(&frontier, &next)
                  next.removeAll(keepingCapacity: true)
                  layer &+= 1
                }
                // Items left in the frontier when the depth limit stops the run.
                for node in frontier { delta[Int(node)] = 0 }
              }
            }
          }
        }
      }
    }
  }
}
