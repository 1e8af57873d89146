import X1601Graph
import X1601IO

#if canImport(Glibc)
  import Glibc
#endif

/// `x1601 convert IN OUT`: converts graphs between the binary format, text edge lists and JSON
/// supply chain models.
struct ConvertCommand: Command {
  let name = "convert"
  let summary = "Convert a graph between binary, edge-list and JSON model files."
  let overview =
    "Reads the graph in IN and writes it to OUT, replacing OUT atomically. Formats follow the "
    + "file extensions (.x1601 binary, .json supply chain model, anything else a text edge "
    + "list) unless --from or --to names them. The binary format maps into memory and loads "
    + "without parsing (docs/binary-format.md). JSON models can be read but not written."

  var arguments: [ArgumentSpec] {
    [
      ArgumentSpec("IN", help: "The graph to read."),
      ArgumentSpec("OUT", help: "The file to write."),
    ]
  }

  var options: [OptionSpec] {
    [
      OptionSpec(
        "from", .value(placeholder: "FORMAT"), help: "Format of IN: binary, edges or json.",
        allowedValues: GraphFileFormat.allCases.map(\.rawValue)),
      OptionSpec(
        "to", .value(placeholder: "FORMAT"), help: "Format of OUT: binary or edges.",
        allowedValues: [GraphFileFormat.binary.rawValue, GraphFileFormat.edges.rawValue]),
      OptionSpec(
        "verify", .value(placeholder: "LEVEL"),
        help:
          "Checks on a binary IN: checked (bounds, checksum) or full (also sorting, edge kinds "
          + "and the reverse arrays).",
        allowedValues: ["checked", "full"], defaultValue: "checked"),
    ]
  }

  var examples: [String] {
    [
      "convert rmat-20.txt rmat-20.x1601",
      "convert cloud.x1601 cloud.txt",
      "convert model.json model.x1601",
      "convert download.bin graph.txt --from binary --verify full",
    ]
  }

  func run(_ invocation: Invocation, context: OutputContext) throws {
    let input = invocation.positionals[0]
    let output = invocation.positionals[1]
    let from = invocation.value("from").flatMap(GraphFileFormat.init) ?? .guess(input)
    let to = invocation.value("to").flatMap(GraphFileFormat.init) ?? .guess(output)
    guard to != .json else {
      throw CLIError.usage(
        "cannot write \(output) as a JSON model: convert writes binary (.x1601) or edge-list "
          + "files; pass --to binary or --to edges")
    }
    let verification: BinaryGraphReader.Verification =
      invocation.value("verify") == "full" ? .full : .checked

    let clock = ContinuousClock()
    let start = clock.now
    let graph = try GraphFileFormat.load(input, format: from, verification: verification)
    context.progress(
      "read \(input): \(graph.nodeCount) nodes, \(graph.edgeCount) edges in "
        + "\(GraphFileFormat.seconds(clock.now - start))")
    let written = clock.now
    try GraphFileFormat.write(graph, to: output, format: to)
    context.progress("wrote \(output) in \(GraphFileFormat.seconds(clock.now - written))")
    context.writeOutput(
      "\(output): \(graph.nodeCount) nodes, \(graph.edgeCount) edges, \(to.rawValue)\n")
  }
}

/// The graph file formats that `convert` and `generate` read and write.
enum GraphFileFormat: String, CaseIterable {
  case binary
  case edges
  case json

  /// The format that `path`'s extension suggests: .x1601 binary, .json JSON, else edge list.
  static func guess(_ path: String) -> GraphFileFormat {
    let lowered = path.lowercased()
    if lowered.hasSuffix(".x1601") { return .binary }
    if lowered.hasSuffix(".json") { return .json }
    return .edges
  }

  static func load(
    _ path: String, format: GraphFileFormat, verification: BinaryGraphReader.Verification
  ) throws -> Graph {
    do {
      switch format {
      case .binary:
        return try BinaryGraphReader.load(path: path, verification: verification)
      case .edges:
        return try EdgeListReader.load(path: path)
      case .json:
        let model = try SupplyChainModel.read(from: path)
        return try model.makeSupplyChain(file: path).graph
      }
    } catch let error as BinaryGraphError {
      throw CLIError.failure(error.description)
    } catch let error as EdgeListError {
      throw CLIError.failure(error.description)
    } catch let error as ModelError {
      throw CLIError.failure(error.description)
    }
  }

  static func write(_ graph: Graph, to path: String, format: GraphFileFormat) throws {
    do {
      switch format {
      case .binary:
        try BinaryGraphWriter.write(graph, to: path)
      case .edges:
        try EdgeListWriter.write(graph, to: path)
      case .json:
        throw CLIError.usage("cannot write \(path) as a JSON model; write binary or edges")
      }
    } catch let error as BinaryGraphError {
      throw CLIError.failure(error.description)
    } catch let error as EdgeListError {
      throw CLIError.failure(error.description)
    }
  }

  /// A duration in seconds with three decimals, such as "1.234 s".
  static func seconds(_ duration: Duration) -> String {
    let milliseconds =
      duration.components.seconds * 1000
      + duration.components.attoseconds / 1_000_000_000_000_000
    let whole = milliseconds / 1000
    let fraction = String(milliseconds % 1000)
    return "\(whole).\(String(repeating: "0", count: 3 - fraction.count))\(fraction) s"
  }
}
