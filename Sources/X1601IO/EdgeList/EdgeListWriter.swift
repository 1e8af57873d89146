import X1601Graph

/// Writes graphs as text edge lists that `EdgeListReader` reads back to the same nodes, kinds
/// and edges. Node attributes and jurisdictions are not kept; use the binary format for them.
public enum EdgeListWriter {
  /// Writes `graph` to `path` atomically: `#node NAME KIND` for every node that is not a
  /// component or has no edges, then one `source target [kind]` line per edge, with the kind
  /// left out for `depends-on`.
  ///
  /// - Throws: `EdgeListError.writeFailed`, or `.invalidGraph` when a name contains a space,
  ///   tab or line break, is empty or starts with `#`, so that the file could not hold it.
  /// - Complexity: O(*n* + *m*).
  public static func write(_ graph: Graph, to path: String) throws(EdgeListError) {
    let nameLayout = graph.names.layout
    if case .interned(let bytes, let offsets) = nameLayout {
      for node in 0..<graph.nodeCount {
        let name = bytes[Int(offsets[node])..<Int(offsets[node + 1])]
        if name.isEmpty || name.first == 0x23
          || name.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        {
          throw .invalidGraph(
            path: path,
            detail: "node name \"\(graph.name(of: NodeID(node)))\" is empty, starts with # or "
              + "contains a space or line break, which an edge list cannot hold; write the "
              + "binary format instead")
        }
      }
    }
    do throws(FileWriteError) {
      var lines = try EdgeListLineWriter(path: path, names: nameLayout)
      for node in 0..<graph.nodeCount {
        let kind = graph.kind(of: NodeID(node))
        let isolated =
          graph.degree(of: NodeID(node), .forward) == 0
          && graph.degree(of: NodeID(node), .reverse) == 0
        if kind != .component || isolated {
          try lines.declare(NodeID(node), kind: kind)
        }
      }
      var failure: FileWriteError?
      graph.withAdjacency(.forward) { adjacency in
        do throws(FileWriteError) {
          for source in 0..<adjacency.nodeCount {
            for index in adjacency.range(of: NodeID(source)) {
              let entry = adjacency.entries[index]
              try lines.edge(
                from: NodeID(source), to: Adjacency.node(entry),
                kind: EdgeKind(rawValue: Adjacency.kindValue(entry)) ?? .dependsOn)
            }
          }
        } catch {
          failure = error
        }
      }
      if let failure { throw failure }
      try lines.commit()
    } catch {
      throw .writeFailed(path: path, message: error.description)
    }
  }
}

/// Formats edge-list lines into a buffer and writes them atomically, for writers that produce
/// edges one at a time, such as generators.
package struct EdgeListLineWriter: ~Copyable {
  private var file: AtomicFileWriter
  private var buffer: [UInt8] = []
  private let prefix: [UInt8]
  private let interned: (bytes: [UInt8], offsets: [UInt32])?
  private static let kindNames: [[UInt8]] = EdgeKind.allCases.map { Array($0.name.utf8) }
  private static let nodeKindNames: [[UInt8]] = NodeKind.allCases.map { Array($0.name.utf8) }

  package init(path: String, names: NameTable.Layout) throws(FileWriteError) {
    file = try AtomicFileWriter(path: path)
    switch names {
    case .numbered(let prefix):
      self.prefix = Array(prefix.utf8)
      interned = nil
    case .interned(let bytes, let offsets):
      prefix = []
      interned = (bytes, offsets)
    }
    buffer.reserveCapacity(1 << 20 + 256)
  }

  /// Appends a comment line; `text` must not contain a line break.
  package mutating func comment(_ text: String) throws(FileWriteError) {
    buffer.append(0x23)
    buffer.append(0x20)
    buffer.append(contentsOf: text.utf8)
    buffer.append(0x0A)
    try flushIfFull()
  }

  package mutating func declare(_ node: NodeID, kind: NodeKind) throws(FileWriteError) {
    buffer.append(contentsOf: "#node ".utf8)
    appendName(node)
    buffer.append(0x20)
    buffer.append(contentsOf: Self.nodeKindNames[Int(kind.rawValue)])
    buffer.append(0x0A)
    try flushIfFull()
  }

  @inline(__always)
  package mutating func edge(
    from source: NodeID, to target: NodeID, kind: EdgeKind
  )
    throws(FileWriteError)
  {
    appendName(source)
    buffer.append(0x20)
    appendName(target)
    if kind != .dependsOn {
      buffer.append(0x20)
      buffer.append(contentsOf: Self.kindNames[Int(kind.rawValue)])
    }
    buffer.append(0x0A)
    try flushIfFull()
  }

  package consuming func commit() throws(FileWriteError) {
    try file.write(buffer)
    buffer = []
    try file.commit()
  }

  @inline(__always)
  private mutating func flushIfFull() throws(FileWriteError) {
    if buffer.count >= 1 << 20 {
      try file.write(buffer)
      buffer.removeAll(keepingCapacity: true)
    }
  }

  @inline(__always)
  private mutating func appendName(_ node: NodeID) {
    if let interned {
      buffer.append(
        contentsOf: interned.bytes[
          Int(interned.offsets[Int(node)])..<Int(interned.offsets[Int(node) + 1])])
      return
    }
    if !prefix.isEmpty { buffer.append(contentsOf: prefix) }
    appendDecimal(node)
  }

  @inline(__always)
  private mutating func appendDecimal(_ value: UInt32) {
    if value < 10 {
      buffer.append(0x30 &+ UInt8(value))
      return
    }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var rest = value
    withUnsafeMutableBytes(of: &digits) { raw in
      while rest > 0 {
        raw[9 - count] = 0x30 &+ UInt8(rest % 10)
        rest /= 10
        count += 1
      }
    }
    withUnsafeBytes(of: &digits) { raw in
      buffer.append(contentsOf: raw[(10 - count)...])
    }
  }
}
