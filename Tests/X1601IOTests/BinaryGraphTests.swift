import Foundation
import Testing
import X1601Graph
import X1601TestSupport

@testable import X1601IO

/// A seeded random graph with interned names, attributes and jurisdictions.
func randomNamedGraph(seed: UInt64, nodeCount: Int, edgeCount: Int) throws -> Graph {
  var random = SplitMix64(seed: seed)
  var builder = GraphBuilder()
  var kinds: [NodeKind] = []
  let regions = ["DE", "FR", "US-CA", "JP"]
  for index in 0..<nodeCount {
    let kind = NodeKind.allCases.randomElement(using: &random)!
    kinds.append(kind)
    let attributes = NodeAttributes(
      role: kind == .party ? PartyRole.allCases.randomElement(using: &random) : nil,
      category: kind == .service ? ServiceCategory.allCases.randomElement(using: &random) : nil,
      deployment: kind == .service ? DeploymentModel.allCases.randomElement(using: &random) : nil,
      jurisdiction: random.next() % 3 == 0 ? regions.randomElement(using: &random) : nil)
    builder.addNode("node \(index) é", kind: kind, attributes: attributes)
  }
  for _ in 0..<(nodeCount > 0 ? edgeCount : 0) {
    let source = UInt32.random(in: 0..<UInt32(nodeCount), using: &random)
    let target = UInt32.random(in: 0..<UInt32(nodeCount), using: &random)
    let allowed = EdgeKind.allCases.filter {
      $0.allows(from: kinds[Int(source)], to: kinds[Int(target)])
    }
    if let kind = allowed.randomElement(using: &random) {
      builder.addEdge(from: source, to: target, kind: kind)
    }
  }
  return try builder.build()
}

/// Checks that two graphs have the same nodes, attributes, names and adjacency.
func expectSameGraph(_ left: Graph, _ right: Graph) {
  #expect(left.nodeCount == right.nodeCount)
  #expect(left.edgeCount == right.edgeCount)
  guard left.nodeCount == right.nodeCount else { return }
  for node in 0..<NodeID(left.nodeCount) {
    #expect(left.kind(of: node) == right.kind(of: node))
    #expect(left.name(of: node) == right.name(of: node))
    #expect(left.attributes(of: node) == right.attributes(of: node))
  }
  for direction in [Graph.Direction.forward, .reverse] {
    let leftArrays = left.withAdjacency(direction) { (Array($0.offsets), Array($0.entries)) }
    let rightArrays = right.withAdjacency(direction) { (Array($0.offsets), Array($0.entries)) }
    #expect(leftArrays.0 == rightArrays.0)
    #expect(leftArrays.1 == rightArrays.1)
  }
}

/// A fresh path in a temporary folder made for one test.
func temporaryPath(_ name: String) -> String {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("x1601-io-tests-\(UUID().uuidString)")
  try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder.appendingPathComponent(name).path
}

@Suite("Binary graph format")
struct BinaryGraphTests {
  @Test("XXH64 matches reference digests")
  func xxHashVectors() {
    // Reference digests from the xxhash 3.x Python package.
    #expect(XXHash64.hash(Array("".utf8)) == 0xEF46_DB37_51D8_E999)
    #expect(XXHash64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
    #expect(XXHash64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
    #expect(XXHash64.hash(Array("abc".utf8), seed: 7) == 0x9E75_5206_1566_76D7)
    let long = Array((0..<3).flatMap { _ in (0..<256).map { UInt8($0) } }) + Array("xyz".utf8)
    #expect(XXHash64.hash(long) == 0xE921_A1B4_5BD7_79F8)
    #expect(XXHash64.hash(long, seed: 7) == 0xB635_55D1_BF05_377F)
    let mixed = Array("0123456789abcdef0123456789abcdefXYZW123".utf8)
    #expect(XXHash64.hash(mixed) == 0x6112_17E6_B634_6723)
  }

  @Test("Round trip keeps the graph", arguments: 0..<40)
  func roundTrip(seed: Int) throws {
    let graph = try randomNamedGraph(
      seed: UInt64(seed), nodeCount: seed * 7 % 90, edgeCount: seed * 13)
    let path = temporaryPath("graph.x1601")
    try BinaryGraphWriter.write(graph, to: path)
    let loaded = try BinaryGraphReader.load(path: path)
    expectSameGraph(graph, loaded)
    #expect(loaded.jurisdictions == graph.jurisdictions)
    let verified = try BinaryGraphReader.load(path: path, verification: .full)
    expectSameGraph(graph, verified)
    if graph.nodeCount > 0 {
      #expect(loaded.node(named: graph.name(of: 0)) == 0)
    }
  }

  @Test("Round trip keeps numbered names")
  func numberedNames() throws {
    var builder = GraphBuilder(numberedNamesWithPrefix: "c", expectedNodes: 100)
    for _ in 0..<100 { builder.addNode(kind: .component) }
    for index in 0..<99 {
      builder.addEdge(from: UInt32(index), to: UInt32(index + 1), kind: .dependsOn)
    }
    let graph = try builder.build()
    let path = temporaryPath("numbered.x1601")
    try BinaryGraphWriter.write(graph, to: path)
    let loaded = try BinaryGraphReader.load(path: path)
    expectSameGraph(graph, loaded)
    #expect(loaded.node(named: "c42") == 42)
  }

  @Test("Arrays are aligned and the file size follows the counts")
  func layout() throws {
    let graph = try randomNamedGraph(seed: 5, nodeCount: 33, edgeCount: 100)
    let path = temporaryPath("layout.x1601")
    try BinaryGraphWriter.write(graph, to: path)
    let size = try #require(
      try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let header = try BinaryGraphReader.parseHeader(Array(data.prefix(128)), path: path)
    let layout = BinaryGraphFormat.Layout(header.counts)
    #expect(layout.fileSize == size)
    for range in layout.ranges {
      #expect(range.lowerBound % BinaryGraphFormat.alignment == 0)
    }
  }

  // MARK: - Damaged files

  private func writeSample() throws -> (path: String, bytes: [UInt8]) {
    let graph = try randomNamedGraph(seed: 11, nodeCount: 60, edgeCount: 300)
    let path = temporaryPath("sample.x1601")
    try BinaryGraphWriter.write(graph, to: path)
    return (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
  }

  private func load(_ bytes: [UInt8], name: String) -> (path: String, error: BinaryGraphError?) {
    let path = temporaryPath(name)
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    do {
      _ = try BinaryGraphReader.load(path: path)
      return (path, nil)
    } catch {
      return (path, error)
    }
  }

  private func resealHeader(_ bytes: inout [UInt8]) {
    let checksum = XXHash64.hash(Array(bytes[0..<120]))
    withUnsafeBytes(of: checksum.littleEndian) { bytes.replaceSubrange(120..<128, with: $0) }
  }

  @Test("Truncated file is rejected")
  func truncated() throws {
    let sample = try writeSample()
    let (path, error) = load(Array(sample.bytes.dropLast(100)), name: "truncated.x1601")
    let found = try #require(error)
    guard case .sizeMismatch = found else {
      Issue.record("expected a size mismatch, got \(found)")
      return
    }
    #expect(found.description.contains(path))
    #expect(found.description.contains("truncated"))
    #expect(found.description.contains("write the file again"))

    let (shortPath, shortError) = load(Array(sample.bytes.prefix(50)), name: "short.x1601")
    let short = try #require(shortError)
    #expect(short == .truncatedHeader(path: shortPath, size: 50))
    #expect(short.description.contains(shortPath))
  }

  @Test("Wrong magic is rejected")
  func wrongMagic() throws {
    var bytes = try writeSample().bytes
    bytes[1] = UInt8(ascii: "Y")
    let (path, error) = load(bytes, name: "magic.x1601")
    #expect(error == .wrongMagic(path: path))
    #expect(error?.description.contains("not an x1601 binary graph") == true)
    #expect(error?.description.contains(path) == true)
  }

  @Test("Header claiming more data than the file is rejected")
  func headerClaimsTooMuch() throws {
    var bytes = try writeSample().bytes
    let edges = UInt64(1_000_000)
    withUnsafeBytes(of: edges.littleEndian) { bytes.replaceSubrange(32..<40, with: $0) }
    resealHeader(&bytes)
    let (path, error) = load(bytes, name: "claims.x1601")
    let found = try #require(error)
    guard case .sizeMismatch(_, let expected, let actual) = found else {
      Issue.record("expected a size mismatch, got \(found)")
      return
    }
    #expect(expected > actual)
    #expect(found.description.contains(path))

    // Without resealing, the header's own checksum catches the edit.
    var unsealed = try writeSample().bytes
    unsealed[32] ^= 1
    let (unsealedPath, unsealedError) = load(unsealed, name: "unsealed.x1601")
    #expect(unsealedError == .headerChecksumMismatch(path: unsealedPath))
  }

  @Test("Huge counts are rejected before mapping")
  func hugeCounts() throws {
    var bytes = try writeSample().bytes
    withUnsafeBytes(of: UInt64.max.littleEndian) { bytes.replaceSubrange(24..<32, with: $0) }
    resealHeader(&bytes)
    let (path, error) = load(bytes, name: "huge.x1601")
    #expect(error == .invalidHeader(path: path, field: "node count", value: UInt64.max))
  }

  @Test("Checksum mismatch is rejected")
  func checksumMismatch() throws {
    var bytes = try writeSample().bytes
    bytes[bytes.count / 2] ^= 0x40
    let (path, error) = load(bytes, name: "damaged.x1601")
    let found = try #require(error)
    guard case .checksumMismatch = found else {
      Issue.record("expected a checksum mismatch, got \(found)")
      return
    }
    #expect(found.description.contains(path))
    #expect(found.description.contains("damaged"))
  }

  @Test("Out-of-range entries are rejected despite a valid checksum")
  func outOfRangeEntry() throws {
    let graph = try randomNamedGraph(seed: 3, nodeCount: 40, edgeCount: 200)
    let counts = BinaryGraphFormat.Counts(
      nodeCount: graph.nodeCount, edgeCount: graph.edgeCount, numberedNames: true,
      hasJurisdictions: false, nameByteCount: 1, jurisdictionCount: 0, jurisdictionByteCount: 0)
    let path = temporaryPath("forged.x1601")
    let forwardOffsets = graph.withAdjacency(.forward) { Array($0.offsets) }
    var forwardEntries = graph.withAdjacency(.forward) { Array($0.entries) }
    let reverseOffsets = graph.withAdjacency(.reverse) { Array($0.offsets) }
    let reverseEntries = graph.withAdjacency(.reverse) { Array($0.entries) }
    let kinds = graph.withNodeKinds { Array($0) }
    forwardEntries[0] = (forwardEntries[0] & ~Adjacency.nodeMask) | 4000
    let tags = [UInt8](repeating: 0, count: graph.nodeCount)
    let prefix: [UInt8] = [0x6E]
    let jurisdictionOffsets: [UInt32] = [0]
    try forwardOffsets.withUnsafeBytes { a in
      try forwardEntries.withUnsafeBytes { b in
        try reverseOffsets.withUnsafeBytes { c in
          try reverseEntries.withUnsafeBytes { d in
            try kinds.withUnsafeBytes { e in
              try tags.withUnsafeBytes { f in
                try prefix.withUnsafeBytes { g in
                  try jurisdictionOffsets.withUnsafeBytes { h in
                    let empty = UnsafeRawBufferPointer(start: nil, count: 0)
                    try BinaryGraphWriter.write(
                      sections: [a, b, c, d, e, f, empty, empty, g, h, empty], counts: counts,
                      to: path)
                  }
                }
              }
            }
          }
        }
      }
    }
    #expect(
      throws: BinaryGraphError.invalidStructure(
        path: path, detail: "forward entry 0 names node 4000 of 40")
    ) {
      _ = try BinaryGraphReader.load(path: path)
    }
  }

  @Test("Missing file names the path")
  func missingFile() {
    let path = temporaryPath("absent.x1601")
    #expect(throws: BinaryGraphError.unreadable(path: path, operation: "open", code: 2)) {
      _ = try BinaryGraphReader.load(path: path)
    }
  }
}
