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

  /// Infers node kinds and builds the graph.
  package static func build(
    _ parsed: Parsed, bytes: UnsafeRawBufferPointer, path: String
  ) throws(EdgeListError) -> Graph {
    let nodeCount = parsed.nodeCount
    guard nodeCount <= Graph.maximumNodeCount else {
      throw .invalidGraph(
        path: path, detail: "\(nodeCount) nodes exceed the limit of \(Graph.maximumNodeCount)")
    }
    let kinds = try inferKinds(parsed, bytes: bytes, path: path)

    var builder: GraphBuilder
    if let names = parsed.names {
      builder = GraphBuilder(expectedNodes: nodeCount, expectedEdges: parsed.edgeCount)
      for node in 0..<nodeCount {
        builder.addNode(names.name(of: node), kind: NodeKind(rawValue: kinds[node]) ?? .component)
      }
    } else {
      builder = GraphBuilder(
        numberedNamesWithPrefix: "", expectedNodes: nodeCount, expectedEdges: parsed.edgeCount)
      for node in 0..<nodeCount {
        builder.addNode(kind: NodeKind(rawValue: kinds[node]) ?? .component)
      }
    }
    for piece in parsed.pieces {
      for index in piece.sources.indices {
        builder.addEdge(
          from: piece.sources[index], to: piece.targets[index],
          kind: EdgeKind(rawValue: piece.kinds[index]) ?? .dependsOn)
      }
    }
    do {
      return try builder.build()
    } catch {
      throw .invalidGraph(path: path, detail: error.description)
    }
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
