/// The memory behind a `Graph`: buffers that this object owns (allocated by the builder) or that
/// point into memory it releases on `deinit`, such as a mapped file.
@usableFromInline
final class GraphStorage: @unchecked Sendable {
  // Unchecked Sendable: every buffer is written before init returns and only read afterwards.
  let nodeCount: Int
  let forwardOffsets: UnsafeBufferPointer<UInt32>
  let forwardEntries: UnsafeBufferPointer<UInt32>
  let reverseOffsets: UnsafeBufferPointer<UInt32>
  let reverseEntries: UnsafeBufferPointer<UInt32>
  @usableFromInline
  let nodeKinds: UnsafeBufferPointer<UInt8>
  let nodeTags: UnsafeBufferPointer<UInt8>
  /// Empty, or one value per node: zero for none, otherwise an index into `jurisdictionNames`
  /// plus one.
  let nodeJurisdictions: UnsafeBufferPointer<UInt32>
  let jurisdictionNames: [String]
  let names: NameTable
  private let release: @Sendable () -> Void

  init(parts: Graph.Parts, release: @escaping @Sendable () -> Void) {
    nodeCount = parts.nodeKinds.count
    forwardOffsets = parts.forwardOffsets
    forwardEntries = parts.forwardEntries
    reverseOffsets = parts.reverseOffsets
    reverseEntries = parts.reverseEntries
    nodeKinds = parts.nodeKinds
    nodeTags = parts.nodeTags
    nodeJurisdictions = parts.nodeJurisdictions
    jurisdictionNames = parts.jurisdictionNames
    names = parts.names
    self.release = release
  }

  deinit {
    release()
  }

  @usableFromInline
  func adjacency(_ direction: Graph.Direction) -> Adjacency {
    switch direction {
    case .forward: Adjacency(offsets: forwardOffsets, entries: forwardEntries)
    case .reverse: Adjacency(offsets: reverseOffsets, entries: reverseEntries)
    }
  }
}

// MARK: - Parts

extension Graph {
  /// The arrays a graph is made of, for loaders that place them in memory themselves, such as a
  /// binary file mapped with `mmap`.
  package struct Parts {
    package var forwardOffsets: UnsafeBufferPointer<UInt32>
    package var forwardEntries: UnsafeBufferPointer<UInt32>
    package var reverseOffsets: UnsafeBufferPointer<UInt32>
    package var reverseEntries: UnsafeBufferPointer<UInt32>
    package var nodeKinds: UnsafeBufferPointer<UInt8>
    package var nodeTags: UnsafeBufferPointer<UInt8>
    package var nodeJurisdictions: UnsafeBufferPointer<UInt32>
    package var jurisdictionNames: [String]
    package var names: NameTable

    package init(
      forwardOffsets: UnsafeBufferPointer<UInt32>, forwardEntries: UnsafeBufferPointer<UInt32>,
      reverseOffsets: UnsafeBufferPointer<UInt32>, reverseEntries: UnsafeBufferPointer<UInt32>,
      nodeKinds: UnsafeBufferPointer<UInt8>, nodeTags: UnsafeBufferPointer<UInt8>,
      nodeJurisdictions: UnsafeBufferPointer<UInt32>, jurisdictionNames: [String],
      names: NameTable
    ) {
      self.forwardOffsets = forwardOffsets
      self.forwardEntries = forwardEntries
      self.reverseOffsets = reverseOffsets
      self.reverseEntries = reverseEntries
      self.nodeKinds = nodeKinds
      self.nodeTags = nodeTags
      self.nodeJurisdictions = nodeJurisdictions
      self.jurisdictionNames = jurisdictionNames
      self.names = names
    }
  }

  /// Makes a graph from arrays that a loader placed in memory, after checking every structural
  /// invariant: offsets start at zero, never decrease and end at the entry count; every entry
  /// names an existing node and a known edge kind allowed between the two node kinds; each node's
  /// entries are sorted; and the reverse adjacency is the exact transpose of the forward one.
  /// `release` runs when the last copy of the graph goes away, whether or not the check passes.
  ///
  /// - Throws: `GraphBuildError` naming the first broken invariant.
  /// - Complexity: O(*n* + *m*) time and O(*n*) extra memory.
  package static func validated(
    parts: Parts, release: @escaping @Sendable () -> Void
  ) throws(GraphBuildError) -> Graph {
    let storage = GraphStorage(parts: parts, release: release)
    try GraphValidation.check(storage)
    return Graph(storage: storage)
  }

  /// Makes a graph from parts already known to be valid.
  package static func trusted(parts: Parts, release: @escaping @Sendable () -> Void) -> Graph {
    Graph(storage: GraphStorage(parts: parts, release: release))
  }
}
