import X1601Graph
import X1601IO

#if canImport(Glibc)
  import Glibc
#endif

/// `x1601 generate MODE OUT`: writes a seeded synthetic graph.
struct GenerateCommand: Command {
  let name = "generate"
  let summary = "Generate a seeded synthetic multi-provider cloud or R-MAT graph."
  let overview =
    "Writes a reproducible synthetic graph to OUT: equal options give identical files. Mode "
    + "cloud lays out tiers of infrastructure providers, platforms, software services, partners "
    + "and customers with heavy-tailed (preferential attachment) degrees, regions and "
    + "jurisdictions, capability implementation rates and optional dependency cycles. Mode rmat "
    + "draws a recursive-matrix graph with the Graph500 parameters, for comparison with "
    + "published graph benchmarks. An edge-list OUT is written while generating, with no graph "
    + "in memory; a binary OUT (.x1601) is built in memory first, at about 12 bytes per edge."

  var arguments: [ArgumentSpec] {
    [
      ArgumentSpec("MODE", help: "cloud or rmat."),
      ArgumentSpec("OUT", help: "The file to write: .x1601 for binary, else a text edge list."),
    ]
  }

  var options: [OptionSpec] {
    [
      OptionSpec("seed", .value(placeholder: "N"), help: "Seed, an integer.", defaultValue: "1"),
      OptionSpec(
        "format", .value(placeholder: "FORMAT"), help: "Format of OUT: binary or edges.",
        allowedValues: ["binary", "edges"]),
      OptionSpec(
        "edges", .value(placeholder: "N"),
        help: "cloud: number of edges to aim for, from 1000 to 1000000000.",
        defaultValue: "100000"),
      OptionSpec(
        "degree-exponent", .value(placeholder: "GAMMA"),
        help: "cloud: exponent of the in-degree power law, above 2.", defaultValue: "2.5"),
      OptionSpec(
        "cycle-rate", .value(placeholder: "RATE"),
        help: "cloud: share of dependencies drawn across the whole tier, making cycles, 0 to 1.",
        defaultValue: "0"),
      OptionSpec(
        "regions", .value(placeholder: "N"), help: "cloud: number of regions (jurisdictions).",
        defaultValue: "12"),
      OptionSpec(
        "scale", .value(placeholder: "N"), help: "rmat: 2^N nodes, N from 1 to 27."),
      OptionSpec(
        "edge-factor", .value(placeholder: "N"), help: "rmat: edges per node.",
        defaultValue: "16"),
      OptionSpec(
        "symmetric", .flag,
        help: "rmat: store each edge in both directions, as undirected benchmarks do."),
    ]
  }

  var examples: [String] {
    [
      "generate cloud cloud-1m.x1601 --edges 1000000 --seed 7",
      "generate cloud cloud.txt --edges 10000 --cycle-rate 0.05",
      "generate rmat rmat-20.x1601 --scale 20 --symmetric",
    ]
  }

  func run(_ invocation: Invocation, context: OutputContext) throws {
    let mode = invocation.positionals[0]
    let output = invocation.positionals[1]
    let format =
      invocation.value("format").flatMap(GraphFileFormat.init) ?? .guess(output)
    guard format != .json else {
      throw CLIError.usage(
        "cannot write \(output) as a JSON model: generate writes binary (.x1601) or edge-list "
          + "files; pass --format binary or --format edges")
    }
    let seed = try unsigned("seed", invocation, default: 1)

    let clock = ContinuousClock()
    let start = clock.now
    switch mode {
    case "cloud":
      var parameters = CloudGenerator.Parameters(
        seed: seed,
        targetEdges: try integer("edges", invocation, default: 100_000, 1_000...1_000_000_000))
      parameters.degreeExponent = try number("degree-exponent", invocation, default: 2.5)
      parameters.cycleRate = try number("cycle-rate", invocation, default: 0)
      parameters.regionCount = try integer("regions", invocation, default: 12, 1...65_536)
      if let problem = parameters.problem { throw CLIError.usage(problem) }
      let generator = CloudGenerator(parameters)
      context.progress(
        "generating \(generator.layout.nodeCount) nodes, about \(parameters.targetEdges) edges")
      if format == .edges {
        do {
          try generator.writeEdgeList(to: output)
        } catch {
          throw CLIError.failure(error.description)
        }
        context.writeOutput(
          "\(output): \(generator.layout.nodeCount) nodes, edge list, seed \(seed)\n")
      } else {
        try checkMemory(
          edges: parameters.targetEdges, nodes: generator.layout.nodeCount, output: output)
        let graph = try makeGraph { () throws(GraphBuildError) in try generator.makeGraph() }
        context.progress("generated in \(GraphFileFormat.seconds(clock.now - start)); writing")
        try GraphFileFormat.write(graph, to: output, format: .binary)
        context.writeOutput(
          "\(output): \(graph.nodeCount) nodes, \(graph.edgeCount) edges, binary, seed \(seed)\n")
      }
    case "rmat":
      guard invocation.value("scale") != nil else {
        throw CLIError.usage("mode rmat needs --scale N, such as --scale 20 for 2^20 nodes")
      }
      let scale = try integer("scale", invocation, default: 20, 1...27)
      let edgeFactor = try integer("edge-factor", invocation, default: 16, 1...1024)
      guard edgeFactor << scale <= Int(UInt32.max) / (invocation.isPresent("symmetric") ? 2 : 1)
      else {
        throw CLIError.usage(
          "scale \(scale) with edge factor \(edgeFactor) gives more than 2^32 edges; lower one")
      }
      let generator = RMATGenerator(
        scale: scale, edgeFactor: edgeFactor, seed: seed,
        symmetric: invocation.isPresent("symmetric"))
      context.progress("generating 2^\(scale) nodes, \(generator.drawnEdgeCount) drawn edges")
      if format == .edges {
        do {
          try generator.writeEdgeList(to: output)
        } catch {
          throw CLIError.failure(error.description)
        }
        context.writeOutput("\(output): \(generator.nodeCount) nodes, edge list, seed \(seed)\n")
      } else {
        try checkMemory(
          edges: generator.drawnEdgeCount * (invocation.isPresent("symmetric") ? 2 : 1),
          nodes: generator.nodeCount, output: output)
        let graph = try makeGraph { () throws(GraphBuildError) in try generator.makeGraph() }
        context.progress("generated in \(GraphFileFormat.seconds(clock.now - start)); writing")
        try GraphFileFormat.write(graph, to: output, format: .binary)
        context.writeOutput(
          "\(output): \(graph.nodeCount) nodes, \(graph.edgeCount) edges, binary, seed \(seed)\n")
      }
    default:
      throw CLIError.usage("unknown mode \"\(mode)\"; use cloud or rmat")
    }
    context.progress("done in \(GraphFileFormat.seconds(clock.now - start))")
  }

  /// Rejects a binary OUT whose graph, which is built in memory before it is written, would
  /// not fit in the machine's physical memory.
  private func checkMemory(edges: Int, nodes: Int, output: String) throws {
    // An estimate: forward and reverse entries, edge arrays while building, and node arrays.
    let needed = Double(edges) * 12 + Double(nodes) * 16
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let pageSize = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, pageSize > 0 else { return }
    let physical = Double(pages) * Double(pageSize)
    guard needed > physical else { return }
    let gibibyte = Double(1 << 30)
    throw CLIError.usage(
      "a binary \(output) with about \(edges) edges is built in memory first and needs about "
        + "\(Int((needed / gibibyte).rounded(.up))) GiB, more than the "
        + "\(Int(physical / gibibyte)) GiB of this machine; write an edge list with "
        + "--format edges, which streams to disk, or generate fewer edges")
  }

  private func makeGraph(_ body: () throws(GraphBuildError) -> Graph) throws -> Graph {
    do {
      return try body()
    } catch {
      throw CLIError.failure("cannot generate the graph: \(error.description)")
    }
  }

  private func integer(
    _ name: String, _ invocation: Invocation, default value: Int, _ range: ClosedRange<Int>
  ) throws -> Int {
    guard let text = invocation.value(name) else { return value }
    guard let parsed = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(parsed)
    else {
      throw CLIError.usage(
        "invalid value \"\(text)\" for --\(name); use an integer from \(range.lowerBound) to "
          + "\(range.upperBound)")
    }
    return parsed
  }

  private func unsigned(
    _ name: String, _ invocation: Invocation, default value: UInt64
  ) throws
    -> UInt64
  {
    guard let text = invocation.value(name) else { return value }
    guard let parsed = UInt64(text) else {
      throw CLIError.usage(
        "invalid value \"\(text)\" for --\(name); use an integer from 0 to \(UInt64.max)")
    }
    return parsed
  }

  private func number(
    _ name: String, _ invocation: Invocation, default value: Double
  ) throws
    -> Double
  {
    guard let text = invocation.value(name) else { return value }
    guard let parsed = Double(text), parsed.isFinite else {
      throw CLIError.usage("invalid value \"\(text)\" for --\(name); use a decimal number")
    }
    return parsed
  }
}
