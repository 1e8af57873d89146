import Foundation
import X1601Graph
import X1601Render

#if canImport(Glibc)
  import Glibc
#endif

/// Sizes of the benchmarked graph.
struct GraphFigures: Codable {
  var nodes: Int
  var edges: Int
  var binaryBytes: Int
  /// Bytes of offsets, entries, kinds and attributes per edge, both directions.
  var adjacencyBytesPerEdge: Double
  /// Growth of the resident set per edge when the binary file is loaded (mapped and read).
  var residentBytesPerEdge: Double
}

/// Everything one run of the benchmark measured.
struct BenchReport: Codable {
  var machine = MachineInfo.current()
  var build = "release"
  var generator: String
  var scale: Int
  var edgeFactor: Int
  var symmetric: Bool
  var runs: Int
  var binaryPath: String
  var textPath: String
  var sources: [Int] = []
  var graph: GraphFigures?
  var measurements: [Measurement] = []
  var figures: [String: Double] = [:]

  init(options: Options) {
    #if DEBUG
      build = "debug"
    #endif
    generator = "R-MAT a=0.57 b=0.19 c=0.19 d=0.05, seed \(options.seed)"
    scale = options.scale
    edgeFactor = options.edgeFactor
    symmetric = options.symmetric
    runs = options.runs
    binaryPath = "\(options.dataFolder)/\(options.stem).x1601"
    textPath = "\(options.dataFolder)/\(options.stem).txt"
  }

  mutating func add(_ measurement: Measurement) {
    measurements.append(measurement)
    let line =
      "\(measurement.name): median \(Self.format(measurement.median)) "
      + "(min \(Self.format(measurement.minimum)), max \(Self.format(measurement.maximum)); "
      + "processor \(Self.format(measurement.cpuMedian)))"
    FileHandle.standardError.write(Data(("  " + line + "\n").utf8))
  }

  static func format(_ seconds: Double) -> String {
    if seconds < 1 { return String(format: "%.1f ms", seconds * 1000) }
    return String(format: "%.3f s", seconds)
  }

  func printTable() {
    print(
      "x1601-bench: \(generator), scale \(scale), edge factor \(edgeFactor)"
        + "\(symmetric ? ", symmetric" : ""), \(build) build")
    print(
      "machine: \(machine.processors) processors, \(machine.cpuModel), "
        + "\(machine.memoryBytes >> 30) GiB, Linux \(machine.kernel), \(machine.date)")
    if let graph {
      print(
        "graph: \(graph.nodes) nodes, \(graph.edges) edges, binary file \(graph.binaryBytes) "
          + "bytes; adjacency \(String(format: "%.2f", graph.adjacencyBytesPerEdge)) B/edge, "
          + "resident after load \(String(format: "%.2f", graph.residentBytesPerEdge)) B/edge")
    }
    print("")
    print("| operation | median | min | max | processor time (median) | notes |")
    print("|---|---|---|---|---|---|")
    for measurement in measurements {
      let notes = measurement.figures.sorted { $0.key < $1.key }
        .map { "\($0.key) \(String(format: "%.3g", $0.value))" }.joined(separator: ", ")
      print(
        "| \(measurement.name) | \(Self.format(measurement.median)) | "
          + "\(Self.format(measurement.minimum)) | \(Self.format(measurement.maximum)) | "
          + "\(Self.format(measurement.cpuMedian)) | \(notes) |")
    }
    print("")
    for (key, value) in figures.sorted(by: { $0.key < $1.key }) {
      print("\(key): \(String(format: "%.3g", value))")
    }
  }

  func write(to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = try encoder.encode(self)
    try AtomicFileWriter.write(Array(data), to: path)
  }
}

/// SplitMix64, for choosing sources.
struct BenchRandom {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The baseline for text import: the least work that reads a numeric edge list, two decimal
/// numbers per line into two arrays, skipping `#` lines, on one thread.
enum RawEdgeParse {
  static func withMappedFile<Result>(
    _ path: String, _ body: (UnsafeRawBufferPointer) throws -> Result
  ) throws -> Result {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw CocoaError(.fileNoSuchFile) }
    defer { close(descriptor) }
    var status = stat()
    fstat(descriptor, &status)
    let size = Int(status.st_size)
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0),
      base != MAP_FAILED
    else { throw CocoaError(.fileReadUnknown) }
    defer { munmap(base, size) }
    return try body(UnsafeRawBufferPointer(start: base, count: size))
  }

  static func parse(path: String) throws -> (sources: [UInt32], targets: [UInt32]) {
    try withMappedFile(path) { bytes in
      var sources: [UInt32] = []
      var targets: [UInt32] = []
      sources.reserveCapacity(bytes.count / 12)
      targets.reserveCapacity(bytes.count / 12)
      var position = 0
      let end = bytes.count
      while position < end {
        if bytes[position] == 0x23 {
          while position < end && bytes[position] != 0x0A { position += 1 }
          position += 1
          continue
        }
        var source: UInt32 = 0
        while position < end && bytes[position] >= 0x30 {
          source = source &* 10 &+ UInt32(bytes[position] &- 0x30)
          position += 1
        }
        position += 1
        var target: UInt32 = 0
        while position < end && bytes[position] >= 0x30 {
          target = target &* 10 &+ UInt32(bytes[position] &- 0x30)
          position += 1
        }
        while position < end && bytes[position] != 0x0A { position += 1 }
        position += 1
        sources.append(source)
        targets.append(target)
      }
      return (sources, targets)
    }
  }
}

/// A small drawing of a graph's neighbourhood, for timing rendering.
enum Neighborhood {
  /// The tree of a breadth-first search from `source` over its first `limit` nodes, as DOT:
  /// each node with the edge that reached it, so that the layout time stays small.
  static func dot(_ graph: Graph, around source: NodeID, limit: Int) -> DOTGraph {
    var chosen: [NodeID] = [source]
    var seen: Set<NodeID> = [source]
    var dot = DOTGraph(id: "neighbourhood")
    dot.body.nodes.append(DOTNode("n\(source)"))
    var head = 0
    while head < chosen.count && chosen.count < limit {
      let node = chosen[head]
      head += 1
      for (neighbor, _) in graph.edges(of: node, .forward) where !seen.contains(neighbor) {
        seen.insert(neighbor)
        chosen.append(neighbor)
        dot.body.nodes.append(DOTNode("n\(neighbor)"))
        dot.body.edges.append(DOTEdge("n\(node)", "n\(neighbor)"))
        if chosen.count == limit { break }
      }
    }
    return dot
  }
}
