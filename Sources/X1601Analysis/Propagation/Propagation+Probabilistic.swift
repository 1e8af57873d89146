import Dispatch
import X1601Graph

/// The settings of a probabilistic propagation.
public struct ProbabilisticOptions: Sendable {
  /// The number of Monte Carlo samples, when the exact method does not apply.
  public var samples: Int
  /// The seed of the Monte Carlo samples; the same seed gives the same estimates.
  public var seed: UInt64
  /// The largest number of distinct item masks the exact method keeps per node before it gives
  /// way to Monte Carlo.
  public var exactMaskLimit: Int
  /// The number of threads that draw samples.
  public var threads: Int

  public init(samples: Int = 10_000, seed: UInt64 = 1, exactMaskLimit: Int = 64, threads: Int = 2) {
    self.samples = samples
    self.seed = seed
    self.exactMaskLimit = exactMaskLimit
    self.threads = threads
  }
}

/// For each node, the probability that some item reaches it.
public struct ProbabilisticResult: Sendable {
  /// How the probabilities were computed.
  public enum Method: Sendable, Equatable {
    /// Exactly, because the edges that carry items form a polytree.
    case exact
    /// By Monte Carlo sampling, with a 95 % Wilson score interval per node.
    case monteCarlo(samples: Int, seed: UInt64)
  }

  public let method: Method
  /// For each node, the probability that an item reaches it; 1 for origins.
  public let probability: [Double]
  /// For each node, the lower and upper bounds of the 95 % interval; equal to `probability`
  /// when the method is exact.
  public let lower: [Double]
  public let upper: [Double]
  /// The nodes with a positive probability, other than origins and any-of group nodes, most
  /// probable first.
  public let affected: [NodeID]
}

extension Propagation {
  /// Computes, for each node, the probability that an item reaches it when each link carries
  /// items independently with its transmission probability (an independent cascade).
  ///
  /// In one outcome a link is either live or not, for every item at once, and items travel the
  /// live links as in `run`. The exact method applies when no any-of group node is reached and
  /// the links that carry items in the deterministic run form a polytree: a directed graph whose
  /// underlying undirected graph has no cycle, parallel links included. Then the parents of a
  /// node have disjoint ancestries, their contributions are independent, and the distribution
  /// of each node's item mask follows from its parents' in topological order. Otherwise, or when
  /// a node would keep more than `exactMaskLimit` masks, Monte Carlo sampling estimates the
  /// probabilities.
  ///
  /// - Complexity: exact, O(*n* + *m* · *s*²) with *s* the largest number of masks kept per
  ///   node; Monte Carlo, O(*samples* · (*n* + 26 · *m*)) in the worst case, shared among
  ///   `threads`.
  public static func runProbabilistic(
    _ chain: SupplyChain, _ options: PropagationOptions,
    _ probabilistic: ProbabilisticOptions = ProbabilisticOptions()
  ) -> ProbabilisticResult {
    let deterministic = run(chain, options)
    if let exact = exactProbabilities(chain, options, deterministic, probabilistic) {
      return finish(
        chain, options, method: .exact, probability: exact, lower: exact, upper: exact)
    }
    return monteCarlo(chain, options, probabilistic)
  }

  /// The transmission probability of the link from `upstream` to `downstream`.
  static func probability(
    _ chain: SupplyChain, _ upstream: NodeID, _ downstream: NodeID
  )
    -> Double
  {
    chain.transmission[SupplyChain.Link(upstream: upstream, downstream: downstream)] ?? 1
  }

  static func finish(
    _ chain: SupplyChain, _ options: PropagationOptions, method: ProbabilisticResult.Method,
    probability: [Double], lower: [Double], upper: [Double]
  ) -> ProbabilisticResult {
    var isOrigin = [Bool](repeating: false, count: probability.count)
    for origin in options.origins where origin.items != 0 { isOrigin[Int(origin.node)] = true }
    var affected: [NodeID] = []
    for node in 0..<probability.count
    where probability[node] > 0 && !isOrigin[node] && !chain.isAnyOfGroup[node] {
      affected.append(NodeID(node))
    }
    affected.sort { (-probability[Int($0)], $0) < (-probability[Int($1)], $1) }
    return ProbabilisticResult(
      method: method, probability: probability, lower: lower, upper: upper, affected: affected)
  }

  // MARK: - Exact

  /// A link that carries items in the deterministic run.
  private struct CarryingLink {
    var upstream: NodeID
    var downstream: NodeID
    var channel: TransferChannel
  }

  static func exactProbabilities(
    _ chain: SupplyChain, _ options: PropagationOptions, _ result: PropagationResult,
    _ probabilistic: ProbabilisticOptions
  ) -> [Double]? {
    guard options.maxDepth == nil else { return nil }
    let graph = chain.graph
    let stopped = chain.stoppedItems(options.addressing)
    var reached: [NodeID] = []
    for node in 0..<graph.nodeCount where result.items[node] != 0 {
      if chain.isAnyOfGroup[node] { return nil }
      reached.append(NodeID(node))
    }

    // The carrying links, and a union-find check that they form an undirected forest.
    var links: [CarryingLink] = []
    var root: [NodeID: NodeID] = [:]
    func find(_ node: NodeID) -> NodeID {
      var current = node
      while let next = root[current], next != current { current = next }
      var walk = node
      while let next = root[walk], next != current {
        root[walk] = current
        walk = next
      }
      return current
    }
    for upstream in reached {
      let items = result.items[Int(upstream)]
      var outgoing: [(NodeID, TransferChannel)] = []
      for (neighbor, kind) in graph.edges(of: upstream, .reverse) {
        if kind == .dependsOn { outgoing.append((neighbor, .dependency)) }
        if kind == .suppliedBy { outgoing.append((neighbor, .supply)) }
      }
      if graph.kind(of: upstream) == .party {
        for neighbor in graph.neighbors(of: upstream, .forward, kind: .provides) {
          outgoing.append((neighbor, .provision))
        }
      }
      for (downstream, channel) in outgoing {
        let carried = options.rules.transfer(items, through: channel) & ~stopped[Int(downstream)]
        guard carried != 0 else { continue }
        let a = find(upstream)
        let b = find(downstream)
        if a == b { return nil }
        root[a] = b
        root[b] = root[b] ?? b
        links.append(CarryingLink(upstream: upstream, downstream: downstream, channel: channel))
      }
    }

    // Topological order of the polytree (Kahn's algorithm over the carrying links).
    var incoming: [NodeID: [Int]] = [:]
    var outgoingLinks: [NodeID: [Int]] = [:]
    for (index, link) in links.enumerated() {
      incoming[link.downstream, default: []].append(index)
      outgoingLinks[link.upstream, default: []].append(index)
    }
    var remaining: [NodeID: Int] = [:]
    for node in reached { remaining[node] = incoming[node]?.count ?? 0 }
    var order = reached.filter { remaining[$0] == 0 }
    var head = 0
    while head < order.count {
      let node = order[head]
      head += 1
      for index in outgoingLinks[node] ?? [] {
        let next = links[index].downstream
        remaining[next, default: 0] -= 1
        if remaining[next] == 0 { order.append(next) }
      }
    }
    guard order.count == reached.count else { return nil }

    var injected: [NodeID: UInt32] = [:]
    for origin in options.origins {
      injected[origin.node, default: 0] |= origin.items & SupplyChainItems.allItems
    }
    var distributions: [NodeID: [UInt32: Double]] = [:]
    var probability = [Double](repeating: 0, count: graph.nodeCount)
    for node in order {
      var distribution: [UInt32: Double] = [injected[node] ?? 0: 1]
      for index in incoming[node] ?? [] {
        let link = links[index]
        let p = min(1, max(0, Propagation.probability(chain, link.upstream, node)))
        var contribution: [UInt32: Double] = [:]
        for (mask, q) in distributions[link.upstream] ?? [:] {
          let carried =
            mask == 0
            ? 0 : options.rules.transfer(mask, through: link.channel) & ~stopped[Int(node)]
          contribution[carried, default: 0] += q * p
          contribution[0, default: 0] += q * (1 - p)
        }
        var combined: [UInt32: Double] = [:]
        for (left, leftProbability) in distribution {
          for (right, rightProbability) in contribution {
            combined[left | right, default: 0] += leftProbability * rightProbability
          }
        }
        guard combined.count <= probabilistic.exactMaskLimit else { return nil }
        distribution = combined
      }
      distributions[node] = distribution
      probability[Int(node)] = distribution.reduce(0) { $0 + ($1.key != 0 ? $1.value : 0) }
    }
    return probability
  }

  // MARK: - Monte Carlo

  static func monteCarlo(
    _ chain: SupplyChain, _ options: PropagationOptions, _ probabilistic: ProbabilisticOptions
  ) -> ProbabilisticResult {
    let graph = chain.graph
    let nodeCount = graph.nodeCount
    let samples = max(1, probabilistic.samples)
    let threads = max(1, min(probabilistic.threads, samples))

    // Thresholds of the links, aligned with the adjacency entries that lead to them.
    func threshold(_ p: Double) -> UInt64 {
      if p >= 1 { return .max }
      if p <= 0 { return 0 }
      return UInt64(p * 18_446_744_073_709_551_616.0)
    }
    var reverseThresholds = [UInt64](repeating: .max, count: graph.edgeCount)
    var forwardThresholds = [UInt64](repeating: .max, count: graph.edgeCount)
    if !chain.transmission.isEmpty {
      graph.withAdjacency(.reverse) { reverse in
        for node in 0..<nodeCount {
          for index in reverse.range(of: NodeID(node)) {
            let neighbor = Adjacency.node(reverse.entries[index])
            let p = Propagation.probability(chain, NodeID(node), neighbor)
            reverseThresholds[index] = threshold(p)
          }
        }
      }
      graph.withAdjacency(.forward) { forward in
        for node in 0..<nodeCount {
          for index in forward.range(of: NodeID(node)) {
            let entry = forward.entries[index]
            let neighbor = Adjacency.node(entry)
            // Provides links run from the node to its neighbour; group links from the member
            // (the neighbour) to the group.
            let p =
              Adjacency.kindValue(entry) == EdgeKind.provides.rawValue
              ? Propagation.probability(chain, NodeID(node), neighbor)
              : Propagation.probability(chain, neighbor, NodeID(node))
            forwardThresholds[index] = threshold(p)
          }
        }
      }
    }

    let context = PropagationContext(
      chain: chain, addressing: options.addressing, rules: options.rules)
    let counts = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: threads * nodeCount)
    counts.initialize(repeating: 0)
    defer { counts.deallocate() }
    nonisolated(unsafe) let sharedCounts = counts
    let origins = options.origins
    let maxDepth = options.maxDepth
    let seed = probabilistic.seed
    let reverseLinks = reverseThresholds
    let forwardLinks = forwardThresholds

    DispatchQueue.concurrentPerform(iterations: threads) { worker in
      let first = samples * worker / threads
      let last = samples * (worker + 1) / threads
      var workspace = PropagationWorkspace(nodeCount: nodeCount)
      let base = worker * nodeCount
      reverseLinks.withUnsafeBufferPointer { reverse in
        forwardLinks.withUnsafeBufferPointer { forward in
          for sample in first..<last {
            let filter = SampledLinks(
              reverse: reverse, forward: forward,
              key: mix(seed ^ (UInt64(sample) &* 0x9e37_79b9_7f4a_7c15)))
            workspace.run(context, origins: origins, maxDepth: maxDepth, filter: filter)
            for node in workspace.touched { sharedCounts[base + Int(node)] += 1 }
            workspace.reset()
          }
        }
      }
    }

    var probability = [Double](repeating: 0, count: nodeCount)
    var lower = probability
    var upper = probability
    let n = Double(samples)
    let z = 1.959_963_984_540_054
    for node in 0..<nodeCount {
      var hits: UInt32 = 0
      for worker in 0..<threads { hits += counts[worker * nodeCount + node] }
      let p = Double(hits) / n
      let denominator = 1 + z * z / n
      let center = (p + z * z / (2 * n)) / denominator
      let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / denominator
      probability[node] = p
      // The interval contains the estimate; rounding could otherwise put a bound past it at
      // 0 or 1.
      lower[node] = min(p, max(0, center - half))
      upper[node] = max(p, min(1, center + half))
    }
    return finish(
      chain, options, method: .monteCarlo(samples: samples, seed: seed),
      probability: probability, lower: lower, upper: upper)
  }
}

/// The links of one Monte Carlo sample: each link is live when a hash of the sample key and its
/// endpoints falls below its threshold, so the same link gets the same draw however often the
/// propagation looks at it.
struct SampledLinks: LinkFilter {
  let reverse: UnsafeBufferPointer<UInt64>
  let forward: UnsafeBufferPointer<UInt64>
  let key: UInt64

  @inline(__always)
  func isLive(upstream: NodeID, downstream: NodeID, threshold: UInt64) -> Bool {
    if threshold == .max { return true }
    if threshold == 0 { return false }
    return mix(key ^ (UInt64(upstream) << 32 | UInt64(downstream))) < threshold
  }

  @inline(__always)
  func reverseThreshold(_ index: Int) -> UInt64 { reverse[index] }

  @inline(__always)
  func forwardThreshold(_ index: Int) -> UInt64 { forward[index] }
}

/// The SplitMix64 finalizer: a bijective mix of 64 bits.
@inline(__always)
func mix(_ value: UInt64) -> UInt64 {
  var z = value &+ 0x9e37_79b9_7f4a_7c15
  z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
  z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
  return z ^ (z >> 31)
}
