import X1601Analysis
import X1601Graph

extension RMATGenerator {
  /// Generates the graph in memory: the edges are drawn twice, once to count each node's
  /// out-degree and once to place each edge straight into the forward CSR arrays, so no edge
  /// list is held. Nodes are named by their ids.
  ///
  /// - Throws: `GraphBuildError.tooManyEdges` when the stored edges exceed the core's limit.
  /// - Complexity: O(*m* · `scale`) time split across processors, then O(*m* log *d*) to sort
  ///   the slices; memory is the graph plus 4 bytes per node per processor.
  public func makeGraph(parallel: Bool = true) throws(GraphBuildError) -> Graph {
    let nodeCount = self.nodeCount
    let drawn = drawnEdgeCount
    let stored = symmetric ? 2 * drawn : drawn
    guard stored <= Graph.maximumEdgeCount else {
      throw GraphBuildError(problems: [.tooManyEdges(count: stored)])
    }
    let workers = parallel ? max(1, min(ParallelLoop.processorCount, drawn / 4096)) : 1
    let cursors = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: workers * nodeCount)
    cursors.initialize(repeating: 0)
    defer { cursors.deallocate() }
    let shared = SharedWords(cursors)
    let generator = self
    let thresholds = self.thresholds

    ParallelLoop.run(count: workers, parallel: workers > 1) { chunks in
      for chunk in chunks {
        let counts = shared.buffer.baseAddress! + chunk * nodeCount
        for index in ParallelLoop.bounds(of: chunk, in: drawn, chunks: workers) {
          let (source, target) = generator.edge(index, thresholds: thresholds)
          counts[Int(source)] &+= 1
          if generator.symmetric { counts[Int(target)] &+= 1 }
        }
      }
    }

    // Worker w places node v's edges after those of workers before it, so the order of the
    // entries does not depend on timing.
    let offsets = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: nodeCount + 1)
    var running: UInt32 = 0
    for node in 0..<nodeCount {
      offsets[node] = running
      for worker in 0..<workers {
        let count = cursors[worker * nodeCount + node]
        cursors[worker * nodeCount + node] = running
        running &+= count
      }
    }
    offsets[nodeCount] = running

    let entries = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: Int(running))
    let sharedEntries = SharedWords(entries)
    let kindBits = UInt32(EdgeKind.dependsOn.rawValue) << Adjacency.kindShift
    ParallelLoop.run(count: workers, parallel: workers > 1) { chunks in
      for chunk in chunks {
        let cursor = shared.buffer.baseAddress! + chunk * nodeCount
        let output = sharedEntries.buffer.baseAddress!
        for index in ParallelLoop.bounds(of: chunk, in: drawn, chunks: workers) {
          let (source, target) = generator.edge(index, thresholds: thresholds)
          output[Int(cursor[Int(source)])] = kindBits | target
          cursor[Int(source)] &+= 1
          if generator.symmetric {
            output[Int(cursor[Int(target)])] = kindBits | source
            cursor[Int(target)] &+= 1
          }
        }
      }
    }

    let kinds = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: nodeCount)
    kinds.initialize(repeating: NodeKind.component.rawValue)
    let tags = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: nodeCount)
    tags.initialize(repeating: 0)
    return Graph.assembling(
      forwardOffsets: offsets, forwardEntries: entries, nodeKinds: kinds, nodeTags: tags,
      nodeJurisdictions: .allocate(capacity: 0), jurisdictionNames: [],
      names: .numbered(prefix: "", count: nodeCount))
  }
}

/// A word buffer shared with parallel workers that write disjoint elements.
struct SharedWords: @unchecked Sendable {
  // Unchecked Sendable: each worker writes only the elements its chunk owns.
  let buffer: UnsafeMutableBufferPointer<UInt32>
  init(_ buffer: UnsafeMutableBufferPointer<UInt32>) { self.buffer = buffer }
}
