import Foundation
import Testing
import X1601Graph
import X1601TestSupport

@testable import X1601IO

private func read(_ text: String, path: String = "edges.txt") throws(EdgeListError) -> Graph {
  let bytes = Array(text.utf8)
  let result = bytes.withUnsafeBytes { buffer in
    Result { () throws(EdgeListError) in try EdgeListReader.read(buffer, path: path) }
  }
  return try result.get()
}

private func readError(_ text: String) -> EdgeListError? {
  do {
    _ = try read(text)
    return nil
  } catch {
    return error
  }
}

@Suite("Text edge lists")
struct EdgeListTests {
  @Test("Decimal tokens are node ids")
  func decimalIds() throws {
    let graph = try read("# a comment\n0 1\n1\t2\r\n\n  3 1  # trailing comment\n5 0\n")
    #expect(graph.nodeCount == 6)
    #expect(graph.edgeCount == 4)
    #expect(graph.name(of: 4) == "4")
    #expect(Array(graph.neighbors(of: 1, .forward, kind: .dependsOn)) == [2])
    #expect(Array(graph.neighbors(of: 1, .reverse, kind: .dependsOn)) == [0, 3])
    #expect(graph.kind(of: 0) == .component)
  }

  @Test("Names and kinds are inferred")
  func namesAndKinds() throws {
    let text = """
      acme web provides
      web db depends-on
      web leak exposed-to
      crypto leak addresses
      web crypto implements
      #node db service
      """
    let graph = try read(text)
    #expect(graph.nodeCount == 5)
    let acme = try #require(graph.node(named: "acme"))
    let web = try #require(graph.node(named: "web"))
    let db = try #require(graph.node(named: "db"))
    let leak = try #require(graph.node(named: "leak"))
    let crypto = try #require(graph.node(named: "crypto"))
    #expect(graph.kind(of: acme) == .party)
    #expect(graph.kind(of: web) == .service)
    #expect(graph.kind(of: db) == .service)
    #expect(graph.kind(of: leak) == .threat)
    #expect(graph.kind(of: crypto) == .capability)
    #expect(Array(graph.neighbors(of: web, .forward, kind: .dependsOn)) == [db])
  }

  @Test("Declarations add isolated nodes")
  func isolatedDeclaration() throws {
    let graph = try read("0 1\n#node 7 challenge\n")
    #expect(graph.nodeCount == 8)
    #expect(graph.kind(of: 7) == .challenge)
    #expect(graph.kind(of: 5) == .component)
  }

  @Test("Missing target names line and token")
  func missingTarget() {
    let error = readError("0 1\n# comment\n2\n")
    #expect(
      error
        == .syntax(
          path: "edges.txt", line: 3, token: "2",
          problem: "missing target: a line holds \"source target [kind]\""))
    #expect(error?.description.hasPrefix("edges.txt:3:") == true)
  }

  @Test("Unknown edge kind names line and token")
  func unknownKind() throws {
    let error = try #require(readError("a b depends-on\na c uses\n"))
    guard case .syntax(_, let line, let token, let problem) = error else {
      Issue.record("expected a syntax error, got \(error)")
      return
    }
    #expect(line == 2)
    #expect(token == "uses")
    #expect(problem.contains("depends-on"))
  }

  @Test("Extra token names line and token")
  func extraToken() throws {
    let error = try #require(readError("1 2\n1 2 depends-on extra\n"))
    guard case .syntax(_, let line, let token, _) = error else {
      Issue.record("expected a syntax error, got \(error)")
      return
    }
    #expect(line == 2)
    #expect(token == "extra")
  }

  @Test("Unknown node kind in a declaration")
  func unknownNodeKind() throws {
    let error = try #require(readError("#node x gadget\n"))
    guard case .syntax(_, 1, "gadget", _) = error else {
      Issue.record("expected a syntax error on line 1, got \(error)")
      return
    }
  }

  @Test("Conflicting kinds name the line and the node")
  func conflictingKinds() throws {
    let error = try #require(readError("p s provides\nx y depends-on\np q supplied-by\n"))
    guard case .conflictingKinds(_, let line, let node, _) = error else {
      Issue.record("expected conflicting kinds, got \(error)")
      return
    }
    #expect(line == 3)
    #expect(node == "p")
    #expect(error.description.contains("#node NAME KIND"))

    let declared = try #require(readError("#node a service\n#node a party\n"))
    guard case .conflictingKinds(_, 2, "a", _) = declared else {
      Issue.record("expected conflicting declarations on line 2, got \(declared)")
      return
    }
  }

  @Test("Write and read back", arguments: 0..<20)
  func roundTrip(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed))
    let numbered = seed % 2 == 0
    var builder =
      numbered
      ? GraphBuilder(numberedNamesWithPrefix: "", expectedNodes: 50) : GraphBuilder()
    var kinds: [NodeKind] = []
    let nodeCount = 5 + seed * 3
    for index in 0..<nodeCount {
      let kind = NodeKind.allCases.randomElement(using: &random)!
      kinds.append(kind)
      if numbered {
        builder.addNode(kind: kind)
      } else {
        builder.addNode("node-\(index)", kind: kind)
      }
    }
    for _ in 0..<(nodeCount * 3) {
      let source = UInt32.random(in: 0..<UInt32(nodeCount), using: &random)
      let target = UInt32.random(in: 0..<UInt32(nodeCount), using: &random)
      let allowed = EdgeKind.allCases.filter {
        $0.allows(from: kinds[Int(source)], to: kinds[Int(target)])
      }
      if let kind = allowed.randomElement(using: &random) {
        builder.addEdge(from: source, to: target, kind: kind)
      }
    }
    let graph = try builder.build()
    let path = temporaryPath("edges.txt")
    try EdgeListWriter.write(graph, to: path)
    let loaded = try EdgeListReader.load(path: path)
    #expect(loaded.nodeCount == graph.nodeCount)
    #expect(loaded.edgeCount == graph.edgeCount)
    guard loaded.nodeCount == graph.nodeCount else { return }
    // Names keep their order of first appearance, so compare through names.
    for node in 0..<NodeID(graph.nodeCount) {
      let other = try #require(loaded.node(named: graph.name(of: node)))
      #expect(loaded.kind(of: other) == graph.kind(of: node))
      let expected = graph.edges(of: node, .forward).map { "\(graph.name(of: $0.node)) \($0.kind)" }
      let actual = loaded.edges(of: other, .forward).map {
        "\(loaded.name(of: $0.node)) \($0.kind)"
      }
      #expect(Set(actual) == Set(expected))
    }
  }

  @Test("Split parse equals a single parse")
  func splitParse() throws {
    var random = SplitMix64(seed: 99)
    var text = "# generated\n"
    for _ in 0..<200_000 {
      text += "\(random.next() % 50_000) \(random.next() % 50_000)\n"
    }
    text += "7 8\n"
    let bytes = Array(text.utf8)
    #expect(bytes.count > 1 << 20)
    try bytes.withUnsafeBytes { buffer in
      let split = try EdgeListReader.parse(buffer, path: "big.txt", parallel: true)
      let single = try EdgeListReader.parse(buffer, path: "big.txt", parallel: false)
      #expect(split.pieces.count == 2)
      #expect(split.nodeCount == single.nodeCount)
      #expect(split.pieces.flatMap(\.sources) == single.pieces.flatMap(\.sources))
      #expect(split.pieces.flatMap(\.targets) == single.pieces.flatMap(\.targets))
    }
    // An error in the second half reports the line counted from the start of the file.
    let broken = Array((text + "9\n").utf8)
    let lines = text.utf8.filter { $0 == 0x0A }.count
    _ = broken.withUnsafeBytes { buffer in
      #expect(
        throws: EdgeListError.syntax(
          path: "big.txt", line: lines + 1, token: "9",
          problem: "missing target: a line holds \"source target [kind]\"")
      ) {
        _ = try EdgeListReader.parse(buffer, path: "big.txt", parallel: true)
      }
    }
  }

  @Test("Names that an edge list cannot hold are rejected")
  func unwritableName() throws {
    var builder = GraphBuilder()
    builder.addNode("two words", kind: .component)
    let graph = try builder.build()
    let path = temporaryPath("bad.txt")
    #expect(throws: EdgeListError.self) { try EdgeListWriter.write(graph, to: path) }
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
