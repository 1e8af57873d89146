/// An immutable typed graph in compressed sparse row (CSR) form, with adjacency in both
/// directions.
///
/// Nodes are numbered `0..<nodeCount`. Each direction stores `nodeCount + 1` offsets and one
/// `UInt32` entry per edge, in which the top four bits hold the `EdgeKind` and the low 28 bits
/// the neighbour's id. A node's entries are sorted by kind and then by neighbour, so the
/// neighbours of one kind form a contiguous slice. Adjacency takes 8 bytes per edge for both
/// directions and kinds together, plus 8 bytes per node for offsets; names are stored apart.
///
/// Build a graph with `GraphBuilder`. Copies share storage, and a graph is safe to read from
/// several threads at once.
public struct Graph: Sendable {
  @usableFromInline
  let storage: GraphStorage

  init(storage: GraphStorage) {
    self.storage = storage
  }

  /// The largest number of nodes a graph can hold: ids must fit in the 28 bits of an entry.
  public static let maximumNodeCount = 1 << Adjacency.kindShift

  /// The largest number of edges a graph can hold, because offsets are `UInt32`.
  public static let maximumEdgeCount = Int(UInt32.max)

  /// The number of nodes.
  public var nodeCount: Int { storage.nodeCount }

  /// The number of edges.
  public var edgeCount: Int { storage.forwardEntries.count }

  /// The kind of `node`.
  public func kind(of node: NodeID) -> NodeKind {
    NodeKind(rawValue: storage.nodeKinds[Int(node)]) ?? .component
  }

  /// The name of `node`.
  public func name(of node: NodeID) -> String {
    storage.names.name(of: node)
  }

  /// The node called `name`, or `nil` when there is none.
  ///
  /// - Complexity: O(length of `name`) expected, through a hash index.
  public func node(named name: String) -> NodeID? {
    storage.names.id(of: name)
  }

  /// The role, category, deployment model and jurisdiction of `node`.
  public func attributes(of node: NodeID) -> NodeAttributes {
    NodeAttributes(packedTag: storage.nodeTags[Int(node)], jurisdiction: jurisdiction(of: node))
  }

  /// The jurisdiction of `node`, or `nil`.
  public func jurisdiction(of node: NodeID) -> String? {
    guard !storage.nodeJurisdictions.isEmpty else { return nil }
    let index = storage.nodeJurisdictions[Int(node)]
    return index == 0 ? nil : storage.jurisdictionNames[Int(index - 1)]
  }

  /// The distinct jurisdictions that nodes carry, in order of first appearance.
  public var jurisdictions: [String] { storage.jurisdictionNames }

  /// The nodes of kind `kind`, in increasing id order.
  ///
  /// - Complexity: O(*n*), where *n* is the number of nodes.
  public func nodes(ofKind kind: NodeKind) -> [NodeID] {
    var result: [NodeID] = []
    let raw = kind.rawValue
    for (index, value) in storage.nodeKinds.enumerated() where value == raw {
      result.append(NodeID(index))
    }
    return result
  }

  /// The number of nodes of each kind, indexed by `NodeKind.rawValue`.
  public var nodeCountsByKind: [Int] {
    var counts = [Int](repeating: 0, count: NodeKind.allCases.count)
    for value in storage.nodeKinds where Int(value) < counts.count {
      counts[Int(value)] += 1
    }
    return counts
  }

  /// The bytes that adjacency takes: offsets and entries of both directions, node kinds and
  /// attributes, with names not counted.
  public var adjacencyByteCount: Int {
    4 * (storage.forwardOffsets.count + storage.forwardEntries.count)
      + 4 * (storage.reverseOffsets.count + storage.reverseEntries.count)
      + storage.nodeKinds.count + storage.nodeTags.count + 4 * storage.nodeJurisdictions.count
  }

  /// The bytes that node names take.
  public var nameByteCount: Int { storage.names.byteCount }

  /// The name table, for writers that store names.
  public var names: NameTable { storage.names }
}

// MARK: - Neighbours

extension Graph {
  /// The direction in which edges are followed: `forward` from source to target, `reverse` from
  /// target to source.
  public enum Direction: Sendable, Hashable {
    case forward
    case reverse
  }

  /// The neighbours of `node` along edges of kind `kind`, sorted by id.
  ///
  /// - Complexity: O(log *d*), where *d* is the degree of `node` in `direction`.
  public func neighbors(of node: NodeID, _ direction: Direction, kind: EdgeKind) -> NeighborSlice {
    withAdjacency(direction) { adjacency in
      let range = adjacency.range(of: node, kind: kind)
      return NeighborSlice(storage: storage, direction: direction, range: range)
    }
  }

  /// All neighbours of `node` with the kind of each edge, sorted by kind and then by id.
  ///
  /// - Complexity: O(1).
  public func edges(of node: NodeID, _ direction: Direction) -> EdgeSlice {
    withAdjacency(direction) { adjacency in
      EdgeSlice(storage: storage, direction: direction, range: adjacency.range(of: node))
    }
  }

  /// The number of edges of `node` in `direction`.
  public func degree(of node: NodeID, _ direction: Direction) -> Int {
    let offsets = direction == .forward ? storage.forwardOffsets : storage.reverseOffsets
    return Int(offsets[Int(node) + 1] - offsets[Int(node)])
  }

  /// Calls `body` with the raw CSR arrays of `direction`, for hot loops.
  ///
  /// The buffers are valid only inside `body`.
  @inlinable
  public func withAdjacency<Result>(
    _ direction: Direction, _ body: (Adjacency) throws -> Result
  ) rethrows -> Result {
    try withExtendedLifetime(storage) {
      try body(storage.adjacency(direction))
    }
  }

  /// Calls `body` with the node kinds, one byte per node holding `NodeKind.rawValue`.
  @inlinable
  public func withNodeKinds<Result>(
    _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
  ) rethrows -> Result {
    try withExtendedLifetime(storage) {
      try body(storage.nodeKinds)
    }
  }
}

extension Graph {
  /// Calls `body` with the packed role, category and deployment byte of each node, for writers
  /// of graph files.
  package func withNodeTags<Result>(
    _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
  ) rethrows -> Result {
    try withExtendedLifetime(storage) { try body(storage.nodeTags) }
  }

  /// Calls `body` with each node's jurisdiction index (zero for none, otherwise an index into
  /// `jurisdictions` plus one), or with an empty buffer when no node has a jurisdiction.
  package func withNodeJurisdictions<Result>(
    _ body: (UnsafeBufferPointer<UInt32>) throws -> Result
  ) rethrows -> Result {
    try withExtendedLifetime(storage) { try body(storage.nodeJurisdictions) }
  }
}

/// The raw CSR arrays of one direction of a graph, valid inside `Graph.withAdjacency`.
///
/// `offsets` has `nodeCount + 1` elements, and the entries of node `v` are
/// `entries[offsets[v]..<offsets[v + 1]]`. An entry stores the edge kind in its top four bits and
/// the neighbour's id in the low 28 bits.
public struct Adjacency {
  /// The bit position of the kind inside an entry.
  public static let kindShift: UInt32 = 28

  /// The mask that extracts the neighbour's id from an entry.
  public static let nodeMask: UInt32 = (1 << kindShift) - 1

  public let offsets: UnsafeBufferPointer<UInt32>
  public let entries: UnsafeBufferPointer<UInt32>

  @inlinable
  public init(offsets: UnsafeBufferPointer<UInt32>, entries: UnsafeBufferPointer<UInt32>) {
    self.offsets = offsets
    self.entries = entries
  }

  /// The number of nodes.
  @inlinable
  public var nodeCount: Int { offsets.count - 1 }

  /// The indices into `entries` of `node`'s edges.
  @inlinable
  public func range(of node: NodeID) -> Range<Int> {
    Int(offsets[Int(node)])..<Int(offsets[Int(node) + 1])
  }

  /// The indices into `entries` of `node`'s edges of kind `kind`, found by binary search.
  @inlinable
  public func range(of node: NodeID, kind: EdgeKind) -> Range<Int> {
    let all = range(of: node)
    let low = UInt32(kind.rawValue) << Adjacency.kindShift
    let lower = lowerBound(low, in: all)
    let upper =
      kind.rawValue == 15
      ? all.upperBound : lowerBound(low &+ (1 << Adjacency.kindShift), in: lower..<all.upperBound)
    return lower..<upper
  }

  @inlinable
  func lowerBound(_ value: UInt32, in range: Range<Int>) -> Int {
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
      let middle = low + (high - low) / 2
      if entries[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The neighbour's id in `entry`.
  @inlinable
  public static func node(_ entry: UInt32) -> NodeID { entry & nodeMask }

  /// The edge kind's raw value in `entry`.
  @inlinable
  public static func kindValue(_ entry: UInt32) -> UInt8 {
    UInt8(truncatingIfNeeded: entry >> kindShift)
  }

  /// Packs a neighbour and an edge kind into an entry.
  @inlinable
  public static func entry(_ node: NodeID, kind: EdgeKind) -> UInt32 {
    (UInt32(kind.rawValue) << kindShift) | node
  }
}

/// The neighbours of one node along edges of one kind: a contiguous slice of the adjacency.
public struct NeighborSlice: RandomAccessCollection, Sendable {
  let storage: GraphStorage
  let direction: Graph.Direction
  let range: Range<Int>

  public var startIndex: Int { range.lowerBound }
  public var endIndex: Int { range.upperBound }

  public subscript(position: Int) -> NodeID {
    precondition(range.contains(position), "index out of range")
    return storage.adjacency(direction).entries[position] & Adjacency.nodeMask
  }
}

/// The edges of one node in one direction, as (neighbour, kind) pairs sorted by kind then id.
public struct EdgeSlice: RandomAccessCollection, Sendable {
  let storage: GraphStorage
  let direction: Graph.Direction
  let range: Range<Int>

  public var startIndex: Int { range.lowerBound }
  public var endIndex: Int { range.upperBound }

  public subscript(position: Int) -> (node: NodeID, kind: EdgeKind) {
    precondition(range.contains(position), "index out of range")
    let entry = storage.adjacency(direction).entries[position]
    return (
      entry & Adjacency.nodeMask, EdgeKind(rawValue: Adjacency.kindValue(entry)) ?? .dependsOn
    )
  }
}
