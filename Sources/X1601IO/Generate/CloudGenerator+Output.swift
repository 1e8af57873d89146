import X1601Analysis
import X1601Graph

extension CloudGenerator {
  /// Generates the graph in memory, splitting the nodes across processors. Each worker fills
  /// the edges of a range of nodes, which are then copied once into the forward CSR arrays, so
  /// the peak is about the final graph's size and no builder is used.
  ///
  /// - Throws: `GraphBuildError` when the graph exceeds the core's limits.
  /// - Complexity: O(*n* + *m* log *d*) time; memory about 12 bytes per edge at the peak.
  public func makeGraph(parallel: Bool = true) throws(GraphBuildError) -> Graph {
    let nodeCount = layout.nodeCount
    guard nodeCount <= Graph.maximumNodeCount else {
      throw GraphBuildError(problems: [.tooManyNodes(count: nodeCount)])
    }
    let kinds = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: nodeCount)
    let tags = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: nodeCount)
    let jurisdictions = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: nodeCount)
    let offsets = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: nodeCount + 1)
    let chunkCount = parallel ? min(nodeCount, ParallelLoop.processorCount * 8) : 1
    let pieces = PieceSlots(count: chunkCount)
    let nodeArrays = NodeArrays(
      kinds: kinds, tags: tags, jurisdictions: jurisdictions, offsets: offsets)
    let generator = self

    ParallelLoop.run(count: chunkCount, parallel: parallel, workers: chunkCount) { chunks in
      for chunk in chunks {
        var entries: [UInt32] = []
        let nodes = ParallelLoop.bounds(of: chunk, in: nodeCount, chunks: chunkCount)
        entries.reserveCapacity(nodes.count * 12)
        for node in nodes {
          nodeArrays.kinds[node] = generator.kind(of: node).rawValue
          let attributes = generator.attributes(of: node)
          nodeArrays.tags[node] = attributes.tag
          nodeArrays.jurisdictions[node] = attributes.jurisdiction
          // Holds the node's degree until the prefix sum below.
          let before = entries.count
          generator.appendEdges(of: node, to: &entries)
          nodeArrays.offsets[node + 1] = UInt32(truncatingIfNeeded: entries.count - before)
        }
        pieces.store(entries, at: chunk)
      }
    }

    let edgeCount = pieces.totalCount
    guard edgeCount <= Graph.maximumEdgeCount else {
      kinds.deallocate()
      tags.deallocate()
      jurisdictions.deallocate()
      offsets.deallocate()
      throw GraphBuildError(problems: [.tooManyEdges(count: edgeCount)])
    }
    offsets[0] = 0
    for node in 0..<nodeCount {
      offsets[node + 1] &+= offsets[node]
    }
    let forward = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: edgeCount)
    var position = 0
    for chunk in 0..<chunkCount {
      let piece = pieces.take(chunk)
      _ = UnsafeMutableBufferPointer(rebasing: forward[position..<(position + piece.count)])
        .initialize(from: piece)
      position += piece.count
    }
    return Graph.assembling(
      forwardOffsets: offsets, forwardEntries: forward, nodeKinds: kinds, nodeTags: tags,
      nodeJurisdictions: jurisdictions,
      jurisdictionNames: Self.regionNames(count: parameters.regionCount),
      names: .numbered(prefix: "", count: nodeCount))
  }

  /// Writes the generated graph as a text edge list while generating it, node by node, with
  /// no graph in memory: `#node` lines for nodes that are not components, then the edges.
  ///
  /// - Throws: `FileWriteError` when the file cannot be written.
  /// - Complexity: O(*n* + *m*) time, O(largest degree) memory.
  public func writeEdgeList(to path: String) throws(FileWriteError) {
    var lines = try EdgeListLineWriter(path: path, names: .numbered(prefix: ""))
    try lines.comment(
      "x1601 generate cloud: seed \(parameters.seed), \(layout.nodeCount) nodes, "
        + "target \(parameters.targetEdges) edges")
    for node in 0..<layout.nodeCount where kind(of: node) != .component {
      try lines.declare(NodeID(node), kind: kind(of: node))
    }
    var entries: [UInt32] = []
    for node in 0..<layout.nodeCount {
      entries.removeAll(keepingCapacity: true)
      appendEdges(of: node, to: &entries)
      for entry in entries {
        try lines.edge(
          from: NodeID(node), to: Adjacency.node(entry),
          kind: EdgeKind(rawValue: Adjacency.kindValue(entry)) ?? .dependsOn)
      }
    }
    try lines.commit()
  }
}

extension RMATGenerator {
  /// Writes the drawn edges as a text edge list while drawing them, with no graph in memory.
  /// Repeated edges stay in the file; readers remove them.
  ///
  /// - Throws: `FileWriteError` when the file cannot be written.
  public func writeEdgeList(to path: String) throws(FileWriteError) {
    var lines = try EdgeListLineWriter(path: path, names: .numbered(prefix: ""))
    try lines.comment(
      "x1601 generate rmat: scale \(scale), edge factor \(edgeFactor), a \(a), b \(b), "
        + "c \(c), seed \(seed)\(symmetric ? ", symmetric" : "")")
    // Declares the last node so that readers count every node, isolated ones included.
    try lines.declare(NodeID(nodeCount - 1), kind: .component)
    let thresholds = thresholds
    for index in 0..<drawnEdgeCount {
      let (source, target) = edge(index, thresholds: thresholds)
      try lines.edge(from: source, to: target, kind: .dependsOn)
      if symmetric { try lines.edge(from: target, to: source, kind: .dependsOn) }
    }
    try lines.commit()
  }
}

/// Per-node output arrays written by the workers of `makeGraph`, each node by one worker.
private struct NodeArrays: @unchecked Sendable {
  // Unchecked Sendable: workers write disjoint node ranges and the join orders the reads.
  let kinds: UnsafeMutableBufferPointer<UInt8>
  let tags: UnsafeMutableBufferPointer<UInt8>
  let jurisdictions: UnsafeMutableBufferPointer<UInt32>
  let offsets: UnsafeMutableBufferPointer<UInt32>
}

/// The entries of each chunk, stored by its worker.
private final class PieceSlots: @unchecked Sendable {
  // Unchecked Sendable: each worker stores into its own slot of a buffer allocated once, and
  // reads follow the join. An array property would be written as a whole by every store, which
  // is a data race between workers (ThreadSanitizer reports it).
  private let slots: UnsafeMutableBufferPointer<[UInt32]>

  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: [])
  }

  deinit {
    _ = slots.deinitialize()
    slots.deallocate()
  }

  func store(_ piece: [UInt32], at index: Int) {
    slots[index] = piece
  }

  func take(_ index: Int) -> [UInt32] {
    let piece = slots[index]
    slots[index] = []
    return piece
  }

  var totalCount: Int { slots.reduce(0) { $0 + $1.count } }
}
