import Testing
import X1601Graph
import X1601TestSupport

@testable import X1601IO

@Suite("Text edge-list import")
struct EdgeListImportTests {
  static func arrays(_ graph: Graph, _ direction: Graph.Direction) -> ([UInt32], [UInt32]) {
    graph.withAdjacency(direction) { (Array($0.offsets), Array($0.entries)) }
  }

  static func kinds(_ graph: Graph) -> [NodeKind] {
    (0..<graph.nodeCount).map { graph.kind(of: NodeID($0)) }
  }

  /// Checks that `actual` has the nodes, kinds and adjacency of `expected`.
  static func expectEqual(_ actual: Graph, _ expected: Graph, _ label: String) {
    #expect(actual.nodeCount == expected.nodeCount, "\(label)")
    #expect(kinds(actual) == kinds(expected), "\(label)")
    for direction in [Graph.Direction.forward, .reverse] {
      let (expectedOffsets, expectedEntries) = arrays(expected, direction)
      let (actualOffsets, actualEntries) = arrays(actual, direction)
      #expect(actualOffsets == expectedOffsets, "\(label) \(direction)")
      #expect(actualEntries == expectedEntries, "\(label) \(direction)")
    }
  }

  // More than 1 MiB of text, so the parse splits it, with repeated edges, self-loops, hubs and
  // a declared node. The graph must equal the builder's on one thread and on all.
  @Test("Large file matches the builder", arguments: 0..<2)
  func largeFile(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed) &+ 41_000)
    let nodeCount = 20_000
    var text = "# random edges\n#node \(nodeCount - 1) service\n"
    var edges: [(UInt32, UInt32)] = []
    for _ in 0..<120_000 {
      // A quarter of the edges start at one of eight hubs.
      let source =
        random.next() % 4 == 0
        ? UInt32(random.next() % 8) : UInt32(random.next() % UInt64(nodeCount))
      let target = UInt32(random.next() % UInt64(nodeCount))
      edges.append((source, target))
      if random.next() % 9 == 0 { edges.append((source, target)) }
    }
    for (source, target) in edges { text += "\(source) \(target)\n" }
    let bytes = Array(text.utf8)
    #expect(bytes.count > 1 << 20)

    var builder = GraphBuilder(
      numberedNamesWithPrefix: "", expectedNodes: nodeCount, expectedEdges: edges.count)
    for node in 0..<nodeCount {
      builder.addNode(kind: node == nodeCount - 1 ? .service : .component)
    }
    for (source, target) in edges { builder.addEdge(from: source, to: target, kind: .dependsOn) }
    let expected = try builder.build()

    try bytes.withUnsafeBytes { buffer in
      for parallel in [false, true] {
        var parsed = try EdgeListReader.parse(buffer, path: "big.txt", parallel: parallel)
        let graph = try EdgeListReader.build(&parsed, bytes: buffer, path: "big.txt")
        Self.expectEqual(graph, expected, "seed \(seed) parallel \(parallel)")
      }
    }
  }

  @Test("Kinds after decimal lines keep their edges")
  func kindsAfterDecimalLines() throws {
    let text = "1 2\n2 3 depends-on\n4 5 implements\n6 7\n"
    let graph = try Array(text.utf8).withUnsafeBytes { buffer in
      try EdgeListReader.read(buffer, path: "kinds.txt")
    }
    #expect(Array(graph.neighbors(of: 1, .forward, kind: .dependsOn)) == [2])
    #expect(Array(graph.neighbors(of: 2, .forward, kind: .dependsOn)) == [3])
    #expect(Array(graph.neighbors(of: 4, .forward, kind: .implements)) == [5])
    #expect(Array(graph.neighbors(of: 6, .forward, kind: .dependsOn)) == [7])
    #expect(graph.kind(of: 5) == .capability)
    #expect(graph.edgeCount == 4)
  }

  @Test("Declared kind conflicting with dependencies")
  func declaredConflict() {
    let text = "0 1\n#node 3 threat\n2 3\n"
    let error = Array(text.utf8).withUnsafeBytes { buffer -> EdgeListError? in
      do throws(EdgeListError) {
        _ = try EdgeListReader.read(buffer, path: "conflict.txt")
        return nil
      } catch {
        return error
      }
    }
    guard case .conflictingKinds(_, let line, let node, _) = error else {
      Issue.record("expected a kind conflict, got \(String(describing: error))")
      return
    }
    #expect(line == 3)
    #expect(node == "3")
  }

  @Test("Declared kinds that dependencies allow")
  func declaredAllowed() throws {
    let text = "#node 1 service\n0 1\n1 2\n#node 4 threat\n"
    let graph = try Array(text.utf8).withUnsafeBytes { buffer in
      try EdgeListReader.read(buffer, path: "declared.txt")
    }
    #expect(graph.kind(of: 0) == .component)
    #expect(graph.kind(of: 1) == .service)
    #expect(graph.kind(of: 4) == .threat)
  }

  @Test("Low line estimate falls back to a count")
  func lowLineEstimate() throws {
    // Long comment lines fill the sample the estimate reads, so it is far too low.
    let comment = "# " + String(repeating: "x", count: 998) + "\n"
    var text = String(repeating: comment, count: 80)
    for index in 0..<20_000 { text += "\(index % 500) \(index % 300)\n" }
    let bytes = Array(text.utf8)
    #expect(bytes.withUnsafeBytes { EdgeListParser.estimatedLineCount($0) } < 20_000)
    let parsed = try bytes.withUnsafeBytes { buffer in
      try EdgeListReader.parse(buffer, path: "long.txt", parallel: false)
    }
    let sources = parsed.pieces.flatMap(\.sources)
    let targets = parsed.pieces.flatMap(\.targets)
    #expect(sources == (0..<20_000).map { UInt32($0 % 500) })
    #expect(targets == (0..<20_000).map { UInt32($0 % 300) })
  }

  @Test("Word-wide ids match byte-wide ids", arguments: 0..<4)
  func wordWideIds(seed: Int) {
    var random = SplitMix64(seed: UInt64(seed) &+ 43_000)
    let alphabet = Array("0123456789 \t\r\n#x/:".utf8)
    for _ in 0..<5_000 {
      // Mostly digits, so that runs of every length up to beyond eight occur.
      let length = Int(random.next() % 14)
      let bytes = (0..<length).map { _ in
        random.next() % 4 == 0
          ? alphabet[Int(random.next() % UInt64(alphabet.count))]
          : UInt8(0x30 + random.next() % 10)
      }
      bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return }
        var byteCursor = 0
        var wordCursor = 0
        let expected = EdgeListParser.decimal(base, &byteCursor, buffer.count)
        let actual = EdgeListParser.decimalWord(base, &wordCursor, buffer.count)
        #expect(actual == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        if expected != nil {
          #expect(wordCursor == byteCursor)
        }
      }
    }
  }

  @Test("Line count matches a byte count", arguments: [0, 1, 7, 8, 9, 100])
  func lineCount(length: Int) {
    var random = SplitMix64(seed: UInt64(length))
    let bytes = (0..<length).map { _ in random.next() % 3 == 0 ? UInt8(0x0A) : UInt8(0x30) }
    let expected = bytes.filter { $0 == 0x0A }.count
    #expect(bytes.withUnsafeBytes { EdgeListParser.lineCount($0) } == expected)
  }
}
