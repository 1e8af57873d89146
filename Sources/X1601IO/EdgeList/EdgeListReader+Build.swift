import X1601Analysis
import X1601Graph

extension EdgeListReader {
  /// Node kinds in the order of preference when a node's edges allow several.
  static let kindPreference: [NodeKind] = [
    .component, .service, .party, .capability, .threat, .challenge,
  ]

  static let sourceMasks: [UInt8] = EdgeKind.allCases.map { mask($0.allowedSourceKinds) }
  static let targetMasks: [UInt8] = EdgeKind.allCases.map { mask($0.allowedTargetKinds) }

  static func mask(_ kinds: Set<NodeKind>) -> UInt8 {
    kinds.reduce(0) { $0 | (1 << $1.rawValue) }
  }

  /// Infers node kinds and builds the graph. The edges are counted and placed straight into
  /// CSR arrays on all processors, one parsed piece per worker, and the parsed pieces are
  /// released before the slices are sorted and the reverse adjacency is built.
  package static func build(
    _ parsed: inout Parsed, bytes: UnsafeRawBufferPointer, path: String
  ) throws(EdgeListError) -> Graph {
    let nodeCount = parsed.nodeCount
    guard nodeCount <= Graph.maximumNodeCount else {
      throw .invalidGraph(
        path: path, detail: "\(nodeCount) nodes exceed the limit of \(Graph.maximumNodeCount)")
    }
    let edgeCount = parsed.edgeCount
    guard edgeCount <= Graph.maximumEdgeCount else {
      throw .invalidGraph(
        path: path, detail: "\(edgeCount) edges exceed the limit of \(Graph.maximumEdgeCount)")
    }
    // Inference leaves each node a kind that all its edges allow, so every edge is valid.
    let kinds: [UInt8]
    if let dependencyOnly = dependencyKinds(parsed) {
      kinds = dependencyOnly
    } else {
      kinds = try inferKinds(parsed, bytes: bytes, path: path)
    }
    let names: NameTable
    if let table = parsed.names {
      guard let interned = NameTable.interned(bytes: table.bytes, offsets: table.offsets) else {
        throw .invalidGraph(path: path, detail: "node names could not be interned")
      }
      names = interned
    } else {
      names = .numbered(prefix: "", count: nodeCount)
    }

    let grouped = groupBySource(parsed.pieces, nodeCount: nodeCount, edgeCount: edgeCount)
    parsed.pieces = []

    let kindBuffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: nodeCount)
    _ = kindBuffer.initialize(from: kinds)
    let tags = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: nodeCount)
    tags.initialize(repeating: 0)
    return Graph.assembling(
      forwardOffsets: grouped.offsets, forwardEntries: grouped.entries, nodeKinds: kindBuffer,
      nodeTags: tags, nodeJurisdictions: .allocate(capacity: 0), jurisdictionNames: [],
      names: names)
  }

  /// Places every edge of `pieces` in CSR arrays grouped by source, whose entries hold the kind
  /// and the target. Each worker counts and then places the edges of one piece, after those of
  /// the earlier pieces with the same source. Within a source, edges keep their order in the
  /// file, so the arrays are the same for any thread count.
  ///
  /// - Complexity: O(*n* *p* + *m*) for *p* pieces.
  static func groupBySource(
    _ pieces: [EdgeListParser.Edges], nodeCount: Int, edgeCount: Int
  ) -> (offsets: UnsafeMutableBufferPointer<UInt32>, entries: UnsafeMutableBufferPointer<UInt32>) {
    let offsets = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: nodeCount + 1)
    let entries = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: edgeCount)
    // One row of `nodeCount` counters per piece, which become that piece's write cursors.
    let cursors = UnsafeMutableBufferPointer<UInt32>.allocateLarge(
      capacity: max(1, nodeCount * pieces.count))
    cursors.initialize(repeating: 0)
    defer { cursors.deallocate() }
    let shared = GroupingBuffers(cursors: cursors, entries: entries)
    let parallel = edgeCount >= 1 << 16

    ParallelLoop.run(count: pieces.count, parallel: parallel, workers: pieces.count) { range in
      for piece in range {
        let row = shared.cursors.baseAddress! + piece * nodeCount
        for source in pieces[piece].sources { row[Int(source)] &+= 1 }
      }
    }

    var running: UInt32 = 0
    for node in 0..<nodeCount {
      offsets[node] = running
      for piece in 0..<pieces.count {
        let position = piece * nodeCount + node
        let count = cursors[position]
        cursors[position] = running
        running &+= count
      }
    }
    offsets[nodeCount] = running

    ParallelLoop.run(count: pieces.count, parallel: parallel, workers: pieces.count) { range in
      for piece in range {
        let row = shared.cursors.baseAddress! + piece * nodeCount
        let entries = shared.entries.baseAddress!
        let edges = pieces[piece]
        edges.sources.withUnsafeBufferPointer { sources in
          edges.targets.withUnsafeBufferPointer { targets in
            if edges.kinds.isEmpty {
              let kind = UInt32(EdgeKind.dependsOn.rawValue) << Adjacency.kindShift
              for index in 0..<sources.count {
                let source = Int(sources[index])
                let position = Int(row[source])
                row[source] = UInt32(position + 1)
                (entries + position).initialize(to: kind | targets[index])
              }
              return
            }
            edges.kinds.withUnsafeBufferPointer { kinds in
              for index in 0..<sources.count {
                let source = Int(sources[index])
                let position = Int(row[source])
                row[source] = UInt32(position + 1)
                (entries + position).initialize(
                  to: (UInt32(kinds[index]) << Adjacency.kindShift) | targets[index])
              }
            }
          }
        }
      }
    }
    return (offsets, entries)
  }

  /// Returns the node kinds of a file whose edges all depend on other nodes, or `nil` when some
  /// edge has another kind or a declared kind conflicts with an edge, which `inferKinds` then
  /// handles and reports. Such a file makes undeclared nodes components and declared nodes what
  /// they are declared, so only the declared nodes need checking.
  ///
  /// - Complexity: O(*n*) without declarations, O(*n* + *m*) with them.
  static func dependencyKinds(_ parsed: Parsed) -> [UInt8]? {
    let dependsOn = Int(EdgeKind.dependsOn.rawValue)
    let component = NodeKind.component.rawValue
    guard !parsed.pieces.contains(where: \.hasOtherKinds),
      sourceMasks[dependsOn] & targetMasks[dependsOn] & (1 << component) != 0
    else { return nil }
    var kinds = [UInt8](repeating: component, count: parsed.nodeCount)
    let hasDeclarations = parsed.pieces.contains { !$0.declarations.isEmpty }
    guard hasDeclarations else { return kinds }

    var declared = BitSet(capacity: parsed.nodeCount)
    // Kinds that may both start and end a dependency need no look at the edges.
    let eitherEnd = sourceMasks[dependsOn] & targetMasks[dependsOn]
    var needsRoles = false
    for piece in parsed.pieces {
      for declaration in piece.declarations {
        let node = Int(declaration.node)
        if declared.contains(node) && kinds[node] != declaration.kind.rawValue { return nil }
        _ = declared.insert(node)
        kinds[node] = declaration.kind.rawValue
        if eitherEnd & (1 << declaration.kind.rawValue) == 0 { needsRoles = true }
      }
    }
    guard needsRoles else { return kinds }
    // Which declared nodes start or end an edge, found by each worker in its own piece.
    let roles = DeclaredRoles(pieceCount: parsed.pieces.count)
    let pieces = parsed.pieces
    let parallel = parsed.edgeCount >= 1 << 16
    let lookup = declared
    ParallelLoop.run(count: pieces.count, parallel: parallel, workers: pieces.count) { range in
      for piece in range {
        var starts = BitSet(capacity: lookup.capacity)
        var ends = BitSet(capacity: lookup.capacity)
        // The bit test is written out because `BitSet.contains` is not inlined across modules.
        lookup.words.withUnsafeBufferPointer { words in
          for source in pieces[piece].sources
          where words[Int(source >> 6)] & (1 << (source & 63)) != 0 {
            _ = starts.insert(Int(source))
          }
          for target in pieces[piece].targets
          where words[Int(target >> 6)] & (1 << (target & 63)) != 0 {
            _ = ends.insert(Int(target))
          }
        }
        roles.store(starts: starts, ends: ends, piece: piece)
      }
    }
    let declaredNodes = pieces.flatMap { $0.declarations.map { Int($0.node) } }
    for piece in 0..<pieces.count {
      guard let (starts, ends) = roles.take(piece) else { return nil }
      for node in declaredNodes {
        let bit: UInt8 = 1 << kinds[node]
        if starts.contains(node) && sourceMasks[dependsOn] & bit == 0 { return nil }
        if ends.contains(node) && targetMasks[dependsOn] & bit == 0 { return nil }
      }
    }
    return kinds
  }

  /// The kind of each node, as `NodeKind.rawValue`.
  static func inferKinds(
    _ parsed: Parsed, bytes: UnsafeRawBufferPointer, path: String
  ) throws(EdgeListError) -> [UInt8] {
    let nodeCount = parsed.nodeCount
    var masks = [UInt8](repeating: 0x3F, count: nodeCount)
    var declared = [UInt8](repeating: 0xFF, count: nodeCount)
    func name(_ node: UInt32) -> String {
      parsed.names?.name(of: Int(node)) ?? String(node)
    }
    for piece in parsed.pieces {
      for declaration in piece.declarations {
        let node = Int(declaration.node)
        let kind = declaration.kind.rawValue
        if declared[node] != 0xFF && declared[node] != kind {
          let earlier = NodeKind(rawValue: declared[node])?.name ?? "?"
          throw .conflictingKinds(
            path: path, line: declaration.line, node: name(declaration.node),
            detail: "is declared \(declaration.kind.name) after being declared \(earlier)")
        }
        declared[node] = kind
        masks[node] = 1 << kind
      }
    }

    var edgeIndex = 0
    for piece in parsed.pieces {
      for index in piece.sources.indices {
        let kind = Int(piece.kind(at: index))
        let source = Int(piece.sources[index])
        let target = Int(piece.targets[index])
        let sourceMask = masks[source] & sourceMasks[kind]
        let targetMask = masks[target] & targetMasks[kind]
        if sourceMask == 0 || targetMask == 0 {
          let node = sourceMask == 0 ? source : target
          let edgeKind = EdgeKind(rawValue: UInt8(kind)) ?? .dependsOn
          let role = sourceMask == 0 ? "start" : "end"
          let allowed =
            (sourceMask == 0 ? edgeKind.allowedSourceKinds : edgeKind.allowedTargetKinds)
            .map(\.name).sorted().joined(separator: " or ")
          let previous = kindNames(masks[node])
          throw .conflictingKinds(
            path: path, line: lineOfEdge(edgeIndex, in: bytes), node: name(UInt32(node)),
            detail: "cannot \(role) a \(edgeKind.name) edge, which needs a \(allowed), because "
              + "its other edges or its declaration make it a \(previous)")
        }
        masks[source] = sourceMask
        masks[target] = targetMask
        edgeIndex += 1
      }
    }

    var kinds = [UInt8](repeating: NodeKind.component.rawValue, count: nodeCount)
    for node in 0..<nodeCount {
      let mask = masks[node]
      for kind in kindPreference where mask & (1 << kind.rawValue) != 0 {
        kinds[node] = kind.rawValue
        break
      }
    }
    return kinds
  }

  static func kindNames(_ mask: UInt8) -> String {
    kindPreference.filter { mask & (1 << $0.rawValue) != 0 }.map(\.name).joined(separator: " or ")
  }

  /// The line of the `index`-th edge line in a file that parsed without errors.
  static func lineOfEdge(_ index: Int, in bytes: UnsafeRawBufferPointer) -> Int {
    var line = 1
    var seen = 0
    var lineStart = true
    var position = 0
    while position < bytes.count {
      let byte = bytes[position]
      if byte == 0x0A {
        line += 1
        lineStart = true
      } else if lineStart && byte != 0x20 && byte != 0x09 && byte != 0x0D {
        lineStart = false
        if byte != 0x23 {
          if seen == index { return line }
          seen += 1
        }
        while position + 1 < bytes.count && bytes[position + 1] != 0x0A { position += 1 }
      }
      position += 1
    }
    return line
  }
}

/// The buffers that grouping workers share. Each worker writes its own row of cursors and the
/// entry positions those cursors reserve, which no other worker's cursors reach.
private struct GroupingBuffers: @unchecked Sendable {
  // Unchecked Sendable: workers write disjoint elements, and the join orders later reads.
  let cursors: UnsafeMutableBufferPointer<UInt32>
  let entries: UnsafeMutableBufferPointer<UInt32>
}

/// The declared nodes that start and end edges in each parsed piece, each piece written by one
/// worker.
private final class DeclaredRoles: @unchecked Sendable {
  // Unchecked Sendable: each worker stores into its own slot of a buffer allocated once, before
  // the join; reads follow it.
  private let slots: UnsafeMutableBufferPointer<(starts: BitSet, ends: BitSet)?>

  init(pieceCount: Int) {
    slots = .allocate(capacity: pieceCount)
    slots.initialize(repeating: nil)
  }

  deinit {
    _ = slots.deinitialize()
    slots.deallocate()
  }

  func store(starts: BitSet, ends: BitSet, piece: Int) {
    slots[piece] = (starts, ends)
  }

  func take(_ piece: Int) -> (starts: BitSet, ends: BitSet)? {
    slots[piece]
  }
}
