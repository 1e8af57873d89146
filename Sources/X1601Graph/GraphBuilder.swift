/// Collects nodes and edges and builds an immutable `Graph`.
///
/// Nodes get ids in the order they are added. Edges are given by id, which is the fast path for
/// large graphs, or by name, resolved when `build()` runs so that an edge may name a node added
/// later. `build()` checks every edge and reports all problems at once: duplicate names, unknown
/// endpoints and edge kinds not allowed between the two node kinds.
public struct GraphBuilder {
  private var kinds: [UInt8] = []
  private var tags: [UInt8] = []
  private var jurisdictionIndices: [UInt32] = []
  private var jurisdictionNames: [String] = []
  private var jurisdictionLookup: [String: UInt32] = [:]
  private var names: NameTable.Builder
  private let numberedPrefix: String?

  private var sources: [UInt32] = []
  private var targets: [UInt32] = []
  private var edgeKinds: [UInt8] = []
  private var namedEdges: [(from: String, to: String, kind: EdgeKind)] = []

  private var problems: [GraphBuildError.Problem] = []
  private var problemCount = 0

  /// Whether `build()` keeps one edge of each (source, target, kind) triple. On by default.
  public var deduplicatesEdges = true

  /// Creates a builder; the expected counts only reserve memory.
  public init(expectedNodes: Int = 0, expectedEdges: Int = 0) {
    names = NameTable.Builder(expectedCount: expectedNodes)
    numberedPrefix = nil
    reserve(nodes: expectedNodes, edges: expectedEdges)
  }

  /// Creates a builder whose nodes are named `prefix` followed by their id, as generated graphs
  /// are. Nodes are then added with `addNode(kind:attributes:)` and no names are stored.
  public init(
    numberedNamesWithPrefix prefix: String, expectedNodes: Int = 0, expectedEdges: Int = 0
  ) {
    names = NameTable.Builder()
    numberedPrefix = prefix
    reserve(nodes: expectedNodes, edges: expectedEdges)
  }

  private mutating func reserve(nodes: Int, edges: Int) {
    kinds.reserveCapacity(nodes)
    tags.reserveCapacity(nodes)
    sources.reserveCapacity(edges)
    targets.reserveCapacity(edges)
    edgeKinds.reserveCapacity(edges)
  }

  /// The number of nodes added so far.
  public var nodeCount: Int { kinds.count }

  /// The number of edges added so far, counting those given by name.
  public var edgeCount: Int { sources.count + namedEdges.count }

  /// The id of the node called `name` when it was added before.
  public func node(named name: String) -> NodeID? {
    if let numberedPrefix {
      return NameTable.numbered(prefix: numberedPrefix, count: kinds.count).id(of: name)
    }
    return names.id(of: name)
  }

  /// Adds a node called `name` and returns its id.
  ///
  /// A name added before is recorded as a duplicate, which `build()` reports, and the id of the
  /// earlier node is returned so that edges still resolve.
  @discardableResult
  public mutating func addNode(
    _ name: String, kind: NodeKind, attributes: NodeAttributes = NodeAttributes()
  ) -> NodeID {
    precondition(numberedPrefix == nil, "a builder with numbered names takes no node names")
    let (id, inserted) = names.insert(name)
    guard inserted else {
      record(.duplicateName(name))
      return id
    }
    appendNode(kind: kind, attributes: attributes)
    return id
  }

  /// Adds a node named by its id, in a builder made with `init(numberedNamesWithPrefix:)`.
  @discardableResult
  public mutating func addNode(
    kind: NodeKind, attributes: NodeAttributes = NodeAttributes()
  )
    -> NodeID
  {
    precondition(numberedPrefix != nil, "this builder needs a name for each node")
    let id = NodeID(truncatingIfNeeded: kinds.count)
    appendNode(kind: kind, attributes: attributes)
    return id
  }

  private mutating func appendNode(kind: NodeKind, attributes: NodeAttributes) {
    kinds.append(kind.rawValue)
    tags.append(attributes.packedTag)
    if let jurisdiction = attributes.jurisdiction {
      if jurisdictionIndices.isEmpty {
        jurisdictionIndices = [UInt32](repeating: 0, count: kinds.count - 1)
      }
      let index: UInt32
      if let known = jurisdictionLookup[jurisdiction] {
        index = known
      } else {
        jurisdictionNames.append(jurisdiction)
        index = UInt32(jurisdictionNames.count)
        jurisdictionLookup[jurisdiction] = index
      }
      jurisdictionIndices.append(index)
    } else if !jurisdictionIndices.isEmpty {
      jurisdictionIndices.append(0)
    }
  }

  /// Adds an edge between two node ids.
  public mutating func addEdge(from source: NodeID, to target: NodeID, kind: EdgeKind) {
    sources.append(source)
    targets.append(target)
    edgeKinds.append(kind.rawValue)
  }

  /// Adds an edge between two nodes named by name; `build()` resolves the names.
  public mutating func addEdge(from source: String, to target: String, kind: EdgeKind) {
    namedEdges.append((source, target, kind))
  }

  private mutating func record(_ problem: GraphBuildError.Problem) {
    problemCount += 1
    if problems.count < GraphBuildError.listedLimit {
      problems.append(problem)
    }
  }

  private func nameForMessage(_ id: UInt32) -> String {
    if let numberedPrefix { return numberedPrefix + String(id) }
    return names.finishName(of: id)
  }
}

// MARK: - Building

extension GraphBuilder {
  /// Checks every node and edge and builds the graph.
  ///
  /// - Throws: `GraphBuildError` listing every problem found.
  /// - Complexity: O(*n* + *m* log *d*) time, where *d* is the largest degree, and about
  ///   17 bytes per edge at the peak.
  public consuming func build() throws(GraphBuildError) -> Graph {
    let nodeCount = kinds.count
    if nodeCount > Graph.maximumNodeCount {
      throw GraphBuildError(problems: [.tooManyNodes(count: nodeCount)])
    }
    if names.exceedsCapacity {
      throw GraphBuildError(problems: [.namesTooLarge])
    }
    resolveNamedEdges()
    if sources.count > Graph.maximumEdgeCount {
      throw GraphBuildError(problems: [.tooManyEdges(count: sources.count)])
    }
    checkEdges()
    if problemCount > 0 {
      throw GraphBuildError(problems: problems, totalCount: problemCount)
    }

    let forward = CSRConstruction.forward(
      nodeCount: nodeCount, sources: sources, targets: targets, kinds: edgeKinds,
      deduplicate: deduplicatesEdges)
    sources = []
    targets = []
    edgeKinds = []
    let reverse = CSRConstruction.transpose(forward, nodeCount: nodeCount)

    let kindBuffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: nodeCount)
    _ = kindBuffer.initialize(from: kinds)
    let tagBuffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: nodeCount)
    _ = tagBuffer.initialize(from: tags)
    let jurisdictionBuffer = UnsafeMutableBufferPointer<UInt32>.allocate(
      capacity: jurisdictionIndices.count)
    _ = jurisdictionBuffer.initialize(from: jurisdictionIndices)

    let nameTable =
      numberedPrefix.map { NameTable.numbered(prefix: $0, count: nodeCount) } ?? names.finish()
    let parts = Graph.Parts(
      forwardOffsets: UnsafeBufferPointer(forward.offsets),
      forwardEntries: UnsafeBufferPointer(forward.entries),
      reverseOffsets: UnsafeBufferPointer(reverse.offsets),
      reverseEntries: UnsafeBufferPointer(reverse.entries),
      nodeKinds: UnsafeBufferPointer(kindBuffer), nodeTags: UnsafeBufferPointer(tagBuffer),
      nodeJurisdictions: UnsafeBufferPointer(jurisdictionBuffer),
      jurisdictionNames: jurisdictionNames, names: nameTable)
    let owned = OwnedBuffers(
      words: [
        forward.offsets, forward.entries, reverse.offsets, reverse.entries,
        jurisdictionBuffer,
      ],
      bytes: [kindBuffer, tagBuffer])
    return Graph.trusted(parts: parts, release: { owned.deallocate() })
  }

  private mutating func resolveNamedEdges() {
    for edge in namedEdges {
      let source = node(named: edge.from)
      let target = node(named: edge.to)
      if source == nil {
        record(.unknownEndpoint(name: edge.from, edgeKind: edge.kind, from: edge.from, to: edge.to))
      }
      if target == nil {
        record(.unknownEndpoint(name: edge.to, edgeKind: edge.kind, from: edge.from, to: edge.to))
      }
      if let source, let target {
        addEdge(from: source, to: target, kind: edge.kind)
      }
    }
    namedEdges = []
  }

  private mutating func checkEdges() {
    let nodeCount = kinds.count
    var badIndices: [Int] = []
    kinds.withUnsafeBufferPointer { nodeKinds in
      for index in sources.indices {
        let source = Int(sources[index])
        let target = Int(targets[index])
        guard source < nodeCount, target < nodeCount else {
          badIndices.append(index)
          continue
        }
        let pair = Int(nodeKinds[source]) * 8 + Int(nodeKinds[target])
        let rules = EdgeKindRules.table[Int(edgeKinds[index])]
        if rules & (1 << UInt64(pair)) == 0 {
          badIndices.append(index)
        }
      }
    }
    for index in badIndices {
      let source = sources[index]
      let target = targets[index]
      let kind = EdgeKind(rawValue: edgeKinds[index]) ?? .dependsOn
      if Int(source) >= nodeCount {
        record(.nodeIDOutOfRange(id: source, nodeCount: nodeCount))
      } else if Int(target) >= nodeCount {
        record(.nodeIDOutOfRange(id: target, nodeCount: nodeCount))
      } else {
        record(
          .edgeKindNotAllowed(
            edgeKind: kind, from: nameForMessage(source),
            fromKind: NodeKind(rawValue: kinds[Int(source)]) ?? .component,
            to: nameForMessage(target),
            toKind: NodeKind(rawValue: kinds[Int(target)]) ?? .component))
      }
    }
  }
}

extension NameTable.Builder {
  func finishName(of id: UInt32) -> String {
    let start = Int(offsets[Int(id)])
    let end = Int(offsets[Int(id) + 1])
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}

/// Buffers that the builder allocated, freed together when the graph goes away.
private final class OwnedBuffers: @unchecked Sendable {
  // Unchecked Sendable: the buffers are only freed once, by the storage's deinit.
  let words: [UnsafeMutableBufferPointer<UInt32>]
  let bytes: [UnsafeMutableBufferPointer<UInt8>]

  init(words: [UnsafeMutableBufferPointer<UInt32>], bytes: [UnsafeMutableBufferPointer<UInt8>]) {
    self.words = words
    self.bytes = bytes
  }

  func deallocate() {
    for buffer in words { buffer.deallocate() }
    for buffer in bytes { buffer.deallocate() }
  }
}
