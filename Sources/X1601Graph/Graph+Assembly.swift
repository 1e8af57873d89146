extension Graph {
  /// Builds a graph from forward CSR arrays filled in place by a generator or loader that
  /// produces edges grouped by source, without the builder's edge arrays: sorts each node's
  /// entries, removes repeated ones, and computes the reverse adjacency.
  ///
  /// The graph takes ownership of every buffer. The caller guarantees what the builder would
  /// check: `forwardOffsets` has `nodeKinds.count + 1` non-decreasing values from 0 to
  /// `forwardEntries.count`, every entry names a node below the node count, and every edge kind
  /// joins node kinds it allows. `nodeTags` has one byte per node and `nodeJurisdictions` is
  /// empty or has one value per node.
  ///
  /// - Complexity: O(*n* + *m* log *d*), where *d* is the largest degree; the reverse arrays
  ///   are the only memory added.
  package static func assembling(
    forwardOffsets: UnsafeMutableBufferPointer<UInt32>,
    forwardEntries: UnsafeMutableBufferPointer<UInt32>,
    nodeKinds: UnsafeMutableBufferPointer<UInt8>, nodeTags: UnsafeMutableBufferPointer<UInt8>,
    nodeJurisdictions: UnsafeMutableBufferPointer<UInt32>, jurisdictionNames: [String],
    names: NameTable
  ) -> Graph {
    let nodeCount = nodeKinds.count
    precondition(forwardOffsets.count == nodeCount + 1, "offsets need one value per node and one")
    precondition(Int(forwardOffsets[nodeCount]) == forwardEntries.count, "offsets end mismatch")
    let forward = CSRConstruction.sortAndDeduplicate(
      CSRConstruction.Arrays(offsets: forwardOffsets, entries: forwardEntries))
    let reverse = CSRConstruction.transpose(forward, nodeCount: nodeCount)
    return assembled(
      forward: forward, reverse: reverse, nodeKinds: nodeKinds, nodeTags: nodeTags,
      nodeJurisdictions: nodeJurisdictions, jurisdictionNames: jurisdictionNames, names: names)
  }
}

extension Graph {
  /// Wraps finished adjacency arrays and node arrays in a graph that owns them.
  private static func assembled(
    forward: CSRConstruction.Arrays, reverse: CSRConstruction.Arrays,
    nodeKinds: UnsafeMutableBufferPointer<UInt8>, nodeTags: UnsafeMutableBufferPointer<UInt8>,
    nodeJurisdictions: UnsafeMutableBufferPointer<UInt32>, jurisdictionNames: [String],
    names: NameTable
  ) -> Graph {
    let parts = Parts(
      forwardOffsets: UnsafeBufferPointer(forward.offsets),
      forwardEntries: UnsafeBufferPointer(forward.entries),
      reverseOffsets: UnsafeBufferPointer(reverse.offsets),
      reverseEntries: UnsafeBufferPointer(reverse.entries),
      nodeKinds: UnsafeBufferPointer(nodeKinds), nodeTags: UnsafeBufferPointer(nodeTags),
      nodeJurisdictions: UnsafeBufferPointer(nodeJurisdictions),
      jurisdictionNames: jurisdictionNames, names: names)
    let owned = AssembledBuffers(
      words: [
        forward.offsets, forward.entries, reverse.offsets, reverse.entries, nodeJurisdictions,
      ],
      bytes: [nodeKinds, nodeTags])
    return Graph.trusted(parts: parts, release: { owned.deallocate() })
  }
}

/// Buffers handed over by `Graph.assembling`, freed together when the graph goes away.
private final class AssembledBuffers: @unchecked Sendable {
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
