/// Structural checks for graphs whose arrays come from a file instead of the builder.
enum GraphValidation {
  static func check(_ storage: GraphStorage) throws(GraphBuildError) {
    let nodeCount = storage.nodeCount
    guard nodeCount <= Graph.maximumNodeCount else {
      throw GraphBuildError(problems: [.tooManyNodes(count: nodeCount)])
    }
    guard storage.nodeTags.count == nodeCount else {
      throw invalid("\(storage.nodeTags.count) attribute bytes for \(nodeCount) nodes")
    }
    guard storage.nodeJurisdictions.isEmpty || storage.nodeJurisdictions.count == nodeCount else {
      throw invalid("\(storage.nodeJurisdictions.count) jurisdictions for \(nodeCount) nodes")
    }
    guard storage.names.count == nodeCount else {
      throw invalid("\(storage.names.count) names for \(nodeCount) nodes")
    }
    for (node, value) in storage.nodeKinds.enumerated() where NodeKind(rawValue: value) == nil {
      throw invalid("node \(node) has unknown kind \(value)")
    }
    for (node, value) in storage.nodeJurisdictions.enumerated()
    where Int(value) > storage.jurisdictionNames.count {
      throw invalid("node \(node) has jurisdiction index \(value) out of range")
    }
    try checkDirection(storage.adjacency(.forward), storage: storage, label: "forward")
    try checkDirection(storage.adjacency(.reverse), storage: storage, label: "reverse")
    try checkTranspose(storage)
  }

  private static func checkDirection(
    _ adjacency: Adjacency, storage: GraphStorage, label: String
  ) throws(GraphBuildError) {
    let nodeCount = storage.nodeCount
    guard adjacency.offsets.count == nodeCount + 1 else {
      throw invalid(
        "\(label) offsets hold \(adjacency.offsets.count) values, expected \(nodeCount + 1)")
    }
    guard adjacency.offsets[0] == 0 else {
      throw invalid("\(label) offsets start at \(adjacency.offsets[0]), expected 0")
    }
    guard Int(adjacency.offsets[nodeCount]) == adjacency.entries.count else {
      throw invalid(
        "\(label) offsets end at \(adjacency.offsets[nodeCount]), expected \(adjacency.entries.count)"
      )
    }
    for node in 0..<nodeCount {
      let start = adjacency.offsets[node]
      let end = adjacency.offsets[node + 1]
      guard start <= end else {
        throw invalid("\(label) offsets decrease at node \(node)")
      }
      var previous: UInt32? = nil
      let nodeKind = Int(storage.nodeKinds[node])
      for index in Int(start)..<Int(end) {
        let entry = adjacency.entries[index]
        let neighbor = Int(entry & Adjacency.nodeMask)
        let kindValue = Int(entry >> Adjacency.kindShift)
        guard neighbor < nodeCount else {
          throw invalid("\(label) entry \(index) names node \(neighbor) of \(nodeCount)")
        }
        guard kindValue < EdgeKind.allCases.count else {
          throw invalid("\(label) entry \(index) has unknown edge kind \(kindValue)")
        }
        let neighborKind = Int(storage.nodeKinds[neighbor])
        let pair = label == "forward" ? nodeKind * 8 + neighborKind : neighborKind * 8 + nodeKind
        guard EdgeKindRules.table[kindValue] & (1 << UInt64(pair)) != 0 else {
          throw invalid("\(label) entry \(index) joins node kinds its edge kind does not allow")
        }
        if let previous, previous > entry {
          throw invalid("\(label) entries of node \(node) are not sorted")
        }
        previous = entry
      }
    }
  }

  /// Checks that reverse is the transpose of forward by counting, per node, the incoming edges
  /// of each kind both ways and by matching every reverse entry against a forward one.
  private static func checkTranspose(_ storage: GraphStorage) throws(GraphBuildError) {
    let forward = storage.adjacency(.forward)
    let reverse = storage.adjacency(.reverse)
    guard forward.entries.count == reverse.entries.count else {
      throw invalid(
        "forward holds \(forward.entries.count) edges and reverse \(reverse.entries.count)")
    }
    var incoming = [UInt32](repeating: 0, count: storage.nodeCount)
    for entry in forward.entries {
      incoming[Int(entry & Adjacency.nodeMask)] &+= 1
    }
    for node in 0..<storage.nodeCount where reverse.range(of: NodeID(node)).count != incoming[node]
    {
      throw invalid("reverse adjacency of node \(node) does not match the forward edges")
    }
    // Every reverse entry (kind, source) at target t needs the forward entry (kind, t) at source;
    // forward slices are sorted, so a binary search finds it.
    for target in 0..<storage.nodeCount {
      for index in reverse.range(of: NodeID(target)) {
        let entry = reverse.entries[index]
        let source = NodeID(entry & Adjacency.nodeMask)
        let wanted = (entry & ~Adjacency.nodeMask) | UInt32(target)
        let range = forward.range(of: source)
        let position = forward.lowerBound(wanted, in: range)
        guard position < range.upperBound, forward.entries[position] == wanted else {
          throw invalid("reverse edge \(source) -> \(target) has no forward edge")
        }
      }
    }
  }

  private static func invalid(_ detail: String) -> GraphBuildError {
    GraphBuildError(problems: [.invalidStructure(detail)])
  }
}
