import Foundation
import Testing
import X1601TestSupport

@testable import X1601Graph

@Suite("Graph storage")
struct GraphStorageTests {
  /// A generated dependency graph: 150,000 services, each depending on 8 random earlier ones.
  static func generatedGraph() throws -> Graph {
    var random = SplitMix64(seed: 42)
    let nodeCount = 150_000
    var builder = GraphBuilder(
      numberedNamesWithPrefix: "s", expectedNodes: nodeCount, expectedEdges: nodeCount * 8)
    for _ in 0..<nodeCount { builder.addNode(kind: .service) }
    for node in 1..<UInt32(nodeCount) {
      for _ in 0..<8 {
        builder.addEdge(
          from: node, to: UInt32.random(in: 0..<node, using: &random), kind: .dependsOn)
      }
    }
    return try builder.build()
  }

  @Test("At most 10 bytes per edge")
  func bytesPerEdge() throws {
    let graph = try Self.generatedGraph()
    #expect(graph.edgeCount >= 1_000_000)
    let bytesPerEdge = Double(graph.adjacencyByteCount) / Double(graph.edgeCount)
    #expect(bytesPerEdge <= 10, "adjacency takes \(bytesPerEdge) bytes per edge")
  }

  @Test("Validation accepts built arrays")
  func validationAcceptsBuilt() throws {
    let model = RandomTypedGraph(seed: 7, nodeCount: 50, edgeAttempts: 300)
    let graph = try model.build()
    let copy = try Self.revalidate(graph) { _ in }
    #expect(copy.edgeCount == graph.edgeCount)
  }

  @Test("Validation rejects corruption", arguments: CorruptionCase.allCases)
  func validationRejectsCorruption(corruption: CorruptionCase) throws {
    let model = RandomTypedGraph(seed: 11, nodeCount: 40, edgeAttempts: 300)
    let graph = try model.build()
    #expect(throws: GraphBuildError.self) {
      _ = try Self.revalidate(graph) { arrays in corruption.apply(to: &arrays) }
    }
  }

  enum CorruptionCase: CaseIterable, Sendable {
    case offsetPastEnd, targetOutOfRange, unknownKind, unsortedSlice, missingReverseEdge,
      badNodeKind

    func apply(to arrays: inout MutableArrays) {
      switch self {
      case .offsetPastEnd:
        arrays.forwardOffsets[arrays.forwardOffsets.count - 1] += 1
      case .targetOutOfRange:
        arrays.forwardEntries[0] = (arrays.forwardEntries[0] & ~Adjacency.nodeMask) | 0x0FF_FFFF
      case .unknownKind:
        arrays.forwardEntries[0] = (arrays.forwardEntries[0] & Adjacency.nodeMask) | (15 << 28)
      case .unsortedSlice:
        if let node = (0..<arrays.nodeKinds.count).first(where: {
          arrays.forwardOffsets[$0 + 1] - arrays.forwardOffsets[$0] >= 2
        }) {
          let start = Int(arrays.forwardOffsets[node])
          arrays.forwardEntries.swapAt(start, start + 1)
        }
      case .missingReverseEdge:
        if let index = arrays.reverseEntries.indices.first {
          arrays.reverseEntries[index] ^= 1
        }
      case .badNodeKind:
        arrays.nodeKinds[0] = 200
      }
    }
  }

  struct MutableArrays {
    var forwardOffsets: [UInt32]
    var forwardEntries: [UInt32]
    var reverseOffsets: [UInt32]
    var reverseEntries: [UInt32]
    var nodeKinds: [UInt8]
    var nodeTags: [UInt8]
  }

  /// Copies the graph's arrays, lets `change` alter them and validates the result.
  static func revalidate(_ graph: Graph, change: (inout MutableArrays) -> Void) throws -> Graph {
    let storage = graph.storage
    var arrays = MutableArrays(
      forwardOffsets: Array(storage.forwardOffsets), forwardEntries: Array(storage.forwardEntries),
      reverseOffsets: Array(storage.reverseOffsets), reverseEntries: Array(storage.reverseEntries),
      nodeKinds: Array(storage.nodeKinds), nodeTags: Array(storage.nodeTags))
    change(&arrays)
    let owner = ArrayOwner(arrays)
    let parts = Graph.Parts(
      forwardOffsets: owner.forwardOffsets, forwardEntries: owner.forwardEntries,
      reverseOffsets: owner.reverseOffsets, reverseEntries: owner.reverseEntries,
      nodeKinds: owner.nodeKinds, nodeTags: owner.nodeTags,
      nodeJurisdictions: UnsafeBufferPointer(start: nil, count: 0),
      jurisdictionNames: [], names: storage.names)
    return try Graph.validated(parts: parts, release: { owner.free() })
  }

  final class ArrayOwner: @unchecked Sendable {
    let forwardOffsets: UnsafeBufferPointer<UInt32>
    let forwardEntries: UnsafeBufferPointer<UInt32>
    let reverseOffsets: UnsafeBufferPointer<UInt32>
    let reverseEntries: UnsafeBufferPointer<UInt32>
    let nodeKinds: UnsafeBufferPointer<UInt8>
    let nodeTags: UnsafeBufferPointer<UInt8>

    init(_ arrays: MutableArrays) {
      func copy<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
        _ = buffer.initialize(from: array)
        return UnsafeBufferPointer(buffer)
      }
      forwardOffsets = copy(arrays.forwardOffsets)
      forwardEntries = copy(arrays.forwardEntries)
      reverseOffsets = copy(arrays.reverseOffsets)
      reverseEntries = copy(arrays.reverseEntries)
      nodeKinds = copy(arrays.nodeKinds)
      nodeTags = copy(arrays.nodeTags)
    }

    func free() {
      forwardOffsets.deallocate()
      forwardEntries.deallocate()
      reverseOffsets.deallocate()
      reverseEntries.deallocate()
      nodeKinds.deallocate()
      nodeTags.deallocate()
    }
  }
}

@Suite("Atomic file writer")
struct AtomicFileWriterTests {
  static func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "x1601-atomic-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test("Replaces contents whole")
  func replacesContents() throws {
    let folder = try Self.temporaryFolder()
    let path = folder + "/out.txt"
    try AtomicFileWriter.write("old", to: path)
    try AtomicFileWriter.write(String(repeating: "n", count: 3_000_000), to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8).count == 3_000_000)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.txt"])
  }

  @Test("Abandoned writer leaves old file")
  func abandonedWriter() throws {
    let folder = try Self.temporaryFolder()
    let path = folder + "/out.txt"
    try AtomicFileWriter.write("old", to: path)
    do {
      var writer = try AtomicFileWriter(path: path)
      try writer.write(String(repeating: "x", count: 2_000_000))
      _ = writer
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.txt"])
  }

  @Test("Missing folder is an error")
  func missingFolder() {
    #expect(throws: FileWriteError.self) {
      try AtomicFileWriter.write("x", to: "/nonexistent-x1601-folder/out.txt")
    }
  }
}

@Suite("Bit set")
struct BitSetTests {
  @Test("Members match a Set", arguments: 0..<20)
  func matchesSet(seed: Int) {
    var random = SplitMix64(seed: UInt64(seed))
    let capacity = 1 + seed * 13
    var bits = BitSet(capacity: capacity)
    var reference = Set<Int>()
    for _ in 0..<(capacity * 2) {
      let member = Int.random(in: 0..<capacity, using: &random)
      if random.next() % 3 == 0 {
        bits.remove(member)
        reference.remove(member)
      } else {
        #expect(bits.insert(member) == reference.insert(member).inserted)
      }
    }
    #expect(bits.members == reference.sorted())
    #expect(bits.count == reference.count)
  }
}

@Suite("File write errors")
struct FileWriteErrorTests {
  @Test("Missing folder names the fix")
  func missingFolderMessage() {
    do {
      try AtomicFileWriter.write("x", to: "/nonexistent-x1601-folder/out.txt")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("/nonexistent-x1601-folder/out.txt"))
      #expect(error.description.contains("create the folder /nonexistent-x1601-folder first"))
    }
  }

  @Test("Folder as output is rejected")
  func folderAsOutput() throws {
    let folder = try AtomicFileWriterTests.temporaryFolder()
    do {
      try AtomicFileWriter.write("x", to: folder)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == EISDIR)
      #expect(error.description.contains("not the folder itself"))
    }
  }
}
