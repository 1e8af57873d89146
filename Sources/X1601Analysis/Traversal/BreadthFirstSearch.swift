import X1601Graph

/// Breadth-first search over a graph: the depth of every node reachable from a set of source
/// nodes, following edges in one direction and of chosen kinds.
///
/// Three strategies return the same depths:
/// - `topDown` expands the frontier queue edge by edge;
/// - `directionOptimizing` switches to bottom-up steps, in which each unvisited node looks for
///   a parent in the frontier, while the frontier is large (Beamer, Asanović and Patterson,
///   "Direction-Optimizing Breadth-First Search", SC 2012), with their `alpha` and `beta`;
/// - `parallel` is `directionOptimizing` with each step split across processors.
public enum BreadthFirstSearch {
  /// How to run the search.
  public enum Strategy: Sendable, Hashable, CaseIterable {
    case topDown
    case directionOptimizing
    case parallel
  }

  /// Tuning of the direction-optimising switch: go bottom-up when the edges out of the
  /// frontier exceed the edges left to check divided by `alpha`, and back top-down when the
  /// frontier shrinks below the node count divided by `beta`. Beamer et al. use 15 and 18.
  public struct Heuristics: Sendable, Hashable {
    public var alpha: Int
    public var beta: Int

    public init(alpha: Int = 15, beta: Int = 18) {
      self.alpha = max(alpha, 1)
      self.beta = max(beta, 1)
    }
  }

  /// The depth of every node reached by a search.
  public struct Result: Sendable {
    /// The depth of each node: 0 for a source, `unreached` for a node not reached.
    public let depths: [UInt32]
    /// The number of nodes reached, sources included.
    public let reachedCount: Int
    /// The number of levels, that is the largest depth plus one, or 0 when nothing was reached.
    public let levelCount: Int

    /// The depth of nodes that were not reached.
    public static let unreached = UInt32.max

    /// The depth of `node`, or `nil` when it was not reached.
    public func depth(of node: NodeID) -> Int? {
      let depth = depths[Int(node)]
      return depth == Self.unreached ? nil : Int(depth)
    }

    /// Whether `node` was reached.
    public func isReached(_ node: NodeID) -> Bool {
      depths[Int(node)] != Self.unreached
    }
  }

  /// Searches `graph` from `sources` along edges in `direction` whose kind is in `kinds`
  /// (all kinds when `nil`).
  ///
  /// - Precondition: every source is below `graph.nodeCount`.
  /// - Complexity: O(*n* + *m*) time for `topDown`; the direction-optimising strategies do
  ///   O(*n*) work per bottom-up step and usually examine far fewer edges. O(*n*) extra memory.
  public static func run(
    on graph: Graph, from sources: some Sequence<NodeID>, direction: Graph.Direction = .forward,
    kinds: Set<EdgeKind>? = nil, strategy: Strategy = .directionOptimizing,
    heuristics: Heuristics = Heuristics()
  ) -> Result {
    let sourceList = Array(sources)
    for source in sourceList {
      precondition(Int(source) < graph.nodeCount, "source \(source) is not a node of the graph")
    }
    let opposite: Graph.Direction = direction == .forward ? .reverse : .forward
    return graph.withAdjacency(direction) { out in
      graph.withAdjacency(opposite) { into in
        if let kinds, kinds.count < EdgeKind.allCases.count {
          let filter = KindMask(kinds)
          return search(
            out: out, into: into, sources: sourceList, filter: filter, strategy: strategy,
            heuristics: heuristics)
        }
        return search(
          out: out, into: into, sources: sourceList, filter: AllKinds(), strategy: strategy,
          heuristics: heuristics)
      }
    }
  }

  static func search<Filter: EdgeFilter>(
    out: Adjacency, into: Adjacency, sources: [NodeID], filter: Filter, strategy: Strategy,
    heuristics: Heuristics
  ) -> Result {
    let nodeCount = out.nodeCount
    var depths = [UInt32](repeating: Result.unreached, count: nodeCount)
    var reached = 0
    var levels = 0
    depths.withUnsafeMutableBufferPointer { depths in
      var state = SearchState(out: out, into: into, depths: depths, heuristics: heuristics)
      defer { state.deallocate() }
      state.seed(sources)
      switch strategy {
      case .topDown:
        state.runTopDown(filter: filter)
      case .directionOptimizing:
        state.runDirectionOptimizing(filter: filter, parallel: false)
      case .parallel:
        state.runDirectionOptimizing(filter: filter, parallel: true)
      }
      reached = state.reachedCount
      levels = state.levelCount
    }
    return Result(depths: depths, reachedCount: reached, levelCount: levels)
  }
}

/// Decides whether an adjacency entry's edge kind is followed.
protocol EdgeFilter: Sendable {
  func allows(_ entry: UInt32) -> Bool
}

/// Follows every edge.
struct AllKinds: EdgeFilter {
  @inline(__always)
  func allows(_ entry: UInt32) -> Bool { true }
}

/// Follows edges whose kind is in a bit mask.
struct KindMask: EdgeFilter {
  let mask: UInt32

  init(_ kinds: Set<EdgeKind>) {
    mask = kinds.reduce(0) { $0 | (1 << UInt32($1.rawValue)) }
  }

  @inline(__always)
  func allows(_ entry: UInt32) -> Bool {
    mask & (1 << (entry >> Adjacency.kindShift)) != 0
  }
}
