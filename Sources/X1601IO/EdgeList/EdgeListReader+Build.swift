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

  /// Infers node kinds and builds the graph, placing the edges straight into CSR arrays and
  /// releasing the parsed pieces before the reverse adjacency is built.
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
    let kinds = try inferKinds(parsed, bytes: bytes, path: path)
    let names: NameTable
    if let table = parsed.names {
      guard let interned = NameTable.interned(bytes: table.bytes, offsets: table.offsets) else {
        throw .invalidGraph(path: path, detail: "node names could not be interned")
      }
      names = interned
    } else {
      names = .numbered(prefix: "", count: nodeCount)
    }

    let offsets = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: nodeCount + 1)
    offsets.initialize(repeating: 0)
    for piece in parsed.pieces {
      for source in piece.sources { offsets[Int(source) + 1] &+= 1 }
    }
    for node in 0..<nodeCount { offsets[node + 1] &+= offsets[node] }
    let entries = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: edgeCount)
    let cursor = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(nodeCount, 1))
    defer { cursor.deallocate() }
    _ = cursor.initialize(from: offsets[0..<nodeCount])
    for piece in parsed.pieces {
      piece.sources.withUnsafeBufferPointer { sources in
        piece.targets.withUnsafeBufferPointer { targets in
          piece.kinds.withUnsafeBufferPointer { edgeKinds in
            for index in 0..<sources.count {
              let source = Int(sources[index])
              let position = Int(cursor[source])
              cursor[source] = UInt32(position + 1)
              entries[position] = (UInt32(edgeKinds[index]) << Adjacency.kindShift) | targets[index]
            }
          }
        }
      }
    }
    parsed.pieces = []

    let kindBuffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: nodeCount)
    _ = kindBuffer.initialize(from: kinds)
    let tags = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: nodeCount)
    tags.initialize(repeating: 0)
    return Graph.assembling(
      forwardOffsets: offsets, forwardEntries: entries, nodeKinds: kindBuffer, nodeTags: tags,
      nodeJurisdictions: .allocate(capacity: 0), jurisdictionNames: [], names: names)
  }

  /// The kind of each node, as `NodeKind.rawValue`.
  static func inferKinds(
    _ parsed: Parsed, bytes: UnsafeRawBufferPointer, path: String
  ) throws(EdgeListError) -> [UInt8] {
    let nodeCount = parsed.nodeCount
    let onlyDependencies =
      parsed.pieces.allSatisfy { piece in
        piece.declarations.isEmpty
          && piece.kinds.allSatisfy { $0 == EdgeKind.dependsOn.rawValue }
      }
    if onlyDependencies {
      return [UInt8](repeating: NodeKind.component.rawValue, count: nodeCount)
    }

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
        let kind = Int(piece.kinds[index])
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
