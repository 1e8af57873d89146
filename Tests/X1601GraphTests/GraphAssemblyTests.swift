import Testing
import X1601TestSupport

@testable import X1601Graph

@Suite("Graph assembly")
struct GraphAssemblyTests {
  /// Forward CSR arrays of `model`'s edges in their given order, as a loader places them.
  static func assembled(_ model: RandomTypedGraph) -> Graph {
    let nodeCount = model.kinds.count
    let offsets = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: nodeCount + 1)
    offsets.initialize(repeating: 0)
    for (source, _, _) in model.edges { offsets[Int(source) + 1] += 1 }
    for node in 0..<nodeCount { offsets[node + 1] += offsets[node] }
    let entries = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: model.edges.count)
    var cursor = Array(offsets.dropLast())
    for (source, target, kind) in model.edges {
      entries[Int(cursor[Int(source)])] = Adjacency.entry(target, kind: kind)
      cursor[Int(source)] += 1
    }
    let kinds = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: nodeCount)
    _ = kinds.initialize(from: model.kinds.map(\.rawValue))
    let tags = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: nodeCount)
    tags.initialize(repeating: 0)
    return Graph.assembling(
      forwardOffsets: offsets, forwardEntries: entries, nodeKinds: kinds, nodeTags: tags,
      nodeJurisdictions: .allocate(capacity: 0), jurisdictionNames: [],
      names: .numbered(prefix: "node-", count: nodeCount))
  }

  static func arrays(_ graph: Graph, _ direction: Graph.Direction) -> ([UInt32], [UInt32]) {
    graph.withAdjacency(direction) { (Array($0.offsets), Array($0.entries)) }
  }

  @Test("Small graphs match the builder", arguments: 0..<100)
  func smallGraphs(seed: Int) throws {
    let model = RandomTypedGraph(
      seed: UInt64(seed) &+ 31_000, nodeCount: 1 + seed % 30, edgeAttempts: seed * 3)
    let expected = try model.build()
    let actual = Self.assembled(model)
    for direction in [Graph.Direction.forward, .reverse] {
      let (expectedOffsets, expectedEntries) = Self.arrays(expected, direction)
      let (actualOffsets, actualEntries) = Self.arrays(actual, direction)
      #expect(actualOffsets == expectedOffsets, "seed \(seed) \(direction)")
      #expect(actualEntries == expectedEntries, "seed \(seed) \(direction)")
    }
  }

  // Enough edges for the parallel paths, and slices long enough for the radix sort.
  @Test("Dense graph matches the builder", arguments: 0..<2)
  func denseGraph(seed: Int) throws {
    let model = RandomTypedGraph(
      seed: UInt64(seed) &+ 32_000, nodeCount: 400, edgeAttempts: 120_000)
    #expect(model.edges.count >= 1 << 16)
    let expected = try model.build()
    let actual = Self.assembled(model)
    #expect(actual.edgeCount == expected.edgeCount)
    for direction in [Graph.Direction.forward, .reverse] {
      let (expectedOffsets, expectedEntries) = Self.arrays(expected, direction)
      let (actualOffsets, actualEntries) = Self.arrays(actual, direction)
      #expect(actualOffsets == expectedOffsets, "seed \(seed) \(direction)")
      #expect(actualEntries == expectedEntries, "seed \(seed) \(direction)")
    }
  }

  @Test("Radix sort matches the standard sort", arguments: [33, 100, 1_000, 5_000])
  func radixSort(count: Int) {
    var random = SplitMix64(seed: UInt64(count))
    // Values that share their top bytes, as entries of one kind do, and values that differ
    // in every byte.
    for mask in [UInt32(0x000F_FFFF), UInt32.max] {
      var values = (0..<count).map { _ in UInt32(truncatingIfNeeded: random.next()) & mask }
      let expected = values.sorted()
      let scratch = UnsafeMutablePointer<UInt32>.allocate(capacity: count)
      let histograms = UnsafeMutablePointer<Int>.allocate(capacity: 4 * 256)
      defer {
        scratch.deallocate()
        histograms.deallocate()
      }
      values.withUnsafeMutableBufferPointer { buffer in
        CSRConstruction.radixSort(
          buffer.baseAddress!, count: count, scratch: scratch, histograms: histograms)
      }
      #expect(values == expected, "mask \(mask)")
    }
  }
}
