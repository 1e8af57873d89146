import Foundation
import X1601Analysis
import X1601Catalog
import X1601Graph
import X1601IO

/// `x1601 propagate MODEL --from NAME...`: which nodes downstream an upstream compromise or
/// outage reaches, through which path, and which capability where would have stopped it.
struct PropagateCommand: Command {
  /// The largest `--samples` accepted.
  static let maximumSamples = 100_000_000

  let name = "propagate"
  let summary = "Propagate indirect threats from upstream nodes to those that depend on them."
  let overview =
    "Starts the given threats and challenges at the --from nodes and carries them downstream "
    + "along the supply chain: from a dependency to its dependents, from a supplier to what it "
    + "supplies and from a provider to its services (clause 8, indirect threats). On each edge "
    + "an item becomes what the transfer rules say, such as an upstream outage becoming "
    + "service unavailability (clauses 8.1.5 and 8.2.7); a node that implements a capability "
    + "addressing an item (Table I.1) stops it. MODEL is an x1601 JSON model, a CycloneDX "
    + "JSON file or a Debian Packages index (plain or .xz), recognised by content. Without "
    + "--item, origins start with data loss and leakage (7.1.1), service unavailability "
    + "(8.1.5), business discontinuity (8.2.7) and supply chain vulnerability (8.2.9)."

  var arguments: [ArgumentSpec] {
    [ArgumentSpec("MODEL", help: "The supply chain: JSON model, CycloneDX file or Packages index.")]
  }

  var options: [OptionSpec] {
    SupplyChainInput.originOptions + [
      OptionSpec(
        "max-depth", .value(placeholder: "N"),
        help: "Stop items after N edges from the nearest origin (default: no limit)."),
      OptionSpec(
        "explain", .repeating(placeholder: "NODE"),
        help:
          "Explain how NODE was reached: a shortest path from an origin, the jurisdictions it "
          + "crosses and the cheapest single capability placement that cuts every path."),
      OptionSpec(
        "gatekeepers", .value(placeholder: "N"),
        help:
          "List the N affected nodes through which the most other affected nodes are reached "
          + "alone (dominators of the propagation from the origins)."),
      OptionSpec(
        "probabilistic", .flag,
        help:
          "Give each node the probability of being reached when links transmit with the "
          + "model's probabilities: exact on polytrees, else Monte Carlo."),
      OptionSpec(
        "samples", .value(placeholder: "N"), help: "Monte Carlo samples, at most 100000000.",
        defaultValue: "10000"),
      OptionSpec("seed", .value(placeholder: "S"), help: "Monte Carlo seed.", defaultValue: "1"),
      OptionSpec(
        "limit", .value(placeholder: "N"),
        help: "List at most N affected nodes in text and markdown output.", defaultValue: "20"),
    ] + SupplyChainInput.inputOptions + [OutputFormat.option, OutputFormat.outputOption]
  }

  var examples: [String] {
    [
      "propagate bookworm-main-amd64-Packages.xz --from liblzma5 --explain openssh-server",
      "propagate saasbom.json --from s3-example.amazon.com --explain api-gateway",
      "propagate model.json --from cloud-provider --item 8.2.7 --max-depth 3 --format json",
      "propagate model.json --from compute --probabilistic --samples 20000 --seed 7",
    ]
  }

  func run(_ invocation: Invocation, context: OutputContext) throws {
    if invocation.isPresent("probabilistic")
      && (invocation.isPresent("explain") || invocation.isPresent("gatekeepers"))
    {
      throw CLIError.usage(
        "--explain and --gatekeepers apply to the deterministic propagation: leave out "
          + "--probabilistic, or run the command twice")
    }
    let input = try SupplyChainInput.load(invocation, context: context)
    let chain = input.chain
    let graph = chain.graph
    var options = try input.propagationOptions(invocation)
    // NOTE: two threads have not yet shown a wall-clock gain on a shared 2-core machine, so the
    // command keeps one. The result is the same for any thread count.
    options.threads = 1
    options.maxDepth = try SupplyChainInput.integer(invocation, "max-depth", minimum: 0)
    let format = OutputFormat.from(invocation)

    if invocation.isPresent("probabilistic") {
      // Beyond 10^8 samples the 95 % intervals are narrower than 0.0002, and a larger count
      // mistyped would keep the command busy for days.
      let samples =
        try SupplyChainInput.integer(
          invocation, "samples", minimum: 1, maximum: Self.maximumSamples) ?? 10_000
      let seed = try SupplyChainInput.integer(invocation, "seed", minimum: 0) ?? 1
      let result = Propagation.runProbabilistic(
        chain, options, ProbabilisticOptions(samples: samples, seed: UInt64(seed)))
      let limit = try SupplyChainInput.integer(invocation, "limit", minimum: 0) ?? 20
      let text = ProbabilisticReport.render(
        result, chain: chain, origins: options.origins, format: format, limit: limit)
      try context.deliver(text, to: invocation.value("output"))
      return
    }

    let result = SupplyChainInput.timed(invocation, context, "propagate") {
      Propagation.run(chain, options)
    }

    var explanations: [(NodeID, PropagationExplanation?)] = []
    for name in invocation.allValues("explain") {
      let node = try SupplyChainInput.node(named: name, in: graph, option: "explain")
      let explanation = SupplyChainInput.timed(invocation, context, "explain \(name)") {
        Propagation.explain(chain, options, result: result, target: node)
      }
      explanations.append((node, explanation))
    }
    var gatekeepers: (entries: Gatekeepers, count: Int)?
    if let count = try SupplyChainInput.integer(invocation, "gatekeepers", minimum: 1) {
      let entries = SupplyChainInput.timed(invocation, context, "gatekeepers (dominators)") {
        Gatekeepers(chain, options, result: result)
      }
      gatekeepers = (entries, count)
    }
    let limit = try SupplyChainInput.integer(invocation, "limit", minimum: 0) ?? 20
    let text = PropagationReport.render(
      result, chain: chain, options: options, explanations: explanations,
      gatekeepers: gatekeepers, format: format, limit: limit, source: invocation.positionals[0])
    try context.deliver(text, to: invocation.value("output"))
  }
}

// MARK: - Input

/// Loading a supply chain and resolving node names, shared by propagate, spof and
/// blast-radius.
struct SupplyChainInput {
  let chain: SupplyChain
  let addressing: CapabilityAddressing
  let rules: TransferRules

  static let originOptions: [OptionSpec] = [
    OptionSpec(
      "from", .repeating(placeholder: "NAME"),
      help:
        "An origin: a node name, or kind:KIND for every node of a kind (such as kind:service). "
        + "A party as origin reaches what it provides and supplies."),
    OptionSpec(
      "from-exposures", .flag,
      help: "Also start every node with the threats and challenges it is exposed to."),
    OptionSpec(
      "item", .repeating(placeholder: "ID"),
      help: "A threat or challenge to start with, by clause number or title, such as 8.1.5."),
  ]

  static let inputOptions: [OptionSpec] = [
    OptionSpec(
      "timings", .flag,
      help:
        "Write the wall-clock and processor seconds of each step on standard error, as "
        + "`timing: STEP wall SECONDS cpu SECONDS`."),
    OptionSpec(
      "alternatives", .value(placeholder: "MODE"),
      help:
        "For Debian indexes, how `a | b` reads: any (affected when any alternative is), "
        + "first (only the first alternative), or all (only when every alternative is).",
      allowedValues: DebianAlternatives.allCases.map(\.rawValue), defaultValue: "any"),
    OptionSpec(
      "rules", .value(placeholder: "FILE"),
      help: "Transfer rules in JSON instead of the built-in table "
        + "(Datasets/x1601/transfer-rules.json)."),
    MappingOption.spec,
  ]

  /// Loads the MODEL argument and the --mapping and --rules files.
  static func load(_ invocation: Invocation, context: OutputContext) throws -> SupplyChainInput {
    let path = invocation.positionals[0]
    let alternatives =
      invocation.value("alternatives").flatMap(DebianAlternatives.init(rawValue:)) ?? .any
    let clock = ContinuousClock()
    let start = clock.now
    let processorStart = processorTime()
    let chain: SupplyChain
    if path.lowercased().hasSuffix(".x1601") {
      do {
        chain = SupplyChain(graph: try BinaryGraphReader.load(path: path))
      } catch {
        throw CLIError.failure(error.description)
      }
    } else {
      chain = try loadModel(path, alternatives: alternatives, context: context)
    }
    let elapsed = clock.now - start
    context.progress(
      "read \(path): \(chain.graph.nodeCount) nodes, \(chain.graph.edgeCount) edges in "
        + GraphFileFormat.seconds(elapsed))
    timing(
      invocation, context, "load", elapsed, processorSeconds: processorTime() - processorStart)
    let mapping = try MappingOption.load(invocation.value("mapping"))
    var rules = TransferRules.standard
    if let rulesPath = invocation.value("rules") {
      do {
        rules = try TransferRules.read(from: rulesPath)
      } catch {
        throw CLIError.failure(error.description)
      }
    }
    return SupplyChainInput(
      chain: chain, addressing: CapabilityAddressing(mapping: mapping), rules: rules)
  }

  /// Reads a JSON model, CycloneDX file or Debian index and builds its supply chain.
  static func loadModel(
    _ path: String, alternatives: DebianAlternatives, context: OutputContext
  ) throws(CLIError) -> SupplyChain {
    do {
      let loaded = try ModelLoader.loadSupplyChain(path: path, alternatives: alternatives)
      if loaded.warningCount > 0 {
        context.writeError(
          "warning: \(path): \(loaded.warningCount) problems were skipped; the first: "
            + "\(loaded.warnings.first?.description ?? "")\n")
      }
      return loaded.chain
    } catch {
      throw CLIError.failure(error.description)
    }
  }

  /// Writes `timing: NAME wall SECONDS cpu SECONDS` on stderr when --timings is given; the
  /// processor time is that of the whole process, so it stays meaningful on a busy machine.
  static func timing(
    _ invocation: Invocation, _ context: OutputContext, _ name: String, _ duration: Duration,
    processorSeconds: Double? = nil
  ) {
    guard invocation.isPresent("timings") else { return }
    let wall = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    var line = "timing: \(name) wall \(String(format: "%.3f", wall))"
    if let processorSeconds { line += " cpu \(String(format: "%.3f", processorSeconds))" }
    context.writeError(line + "\n")
  }

  /// Returns the processor time the process has used so far, in seconds.
  static func processorTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// Runs `body` and reports its duration under `name` when --timings is given.
  static func timed<Result>(
    _ invocation: Invocation, _ context: OutputContext, _ name: String, _ body: () throws -> Result
  ) rethrows -> Result {
    let clock = ContinuousClock()
    let start = clock.now
    let processorStart = processorTime()
    let result = try body()
    timing(
      invocation, context, name, clock.now - start,
      processorSeconds: processorTime() - processorStart)
    return result
  }

  /// Returns the origins and items of --from, --from-exposures and --item.
  func propagationOptions(_ invocation: Invocation) throws -> PropagationOptions {
    let graph = chain.graph
    var items: UInt32 = 0
    for query in invocation.allValues("item") {
      do {
        items |= 1 << UInt32(try Catalog.standard.resolve(query, in: .item))
      } catch {
        throw CLIError.usage("invalid --item \"\(query)\": \(error.description)")
      }
    }
    if items == 0 { items = SupplyChainItems.compromiseOrOutage }
    var origins: [PropagationOrigin] = []
    for name in invocation.allValues("from") {
      for node in try SupplyChainInput.nodes(matching: name, in: graph) {
        origins.append(PropagationOrigin(node: node, items: items))
      }
    }
    if invocation.isPresent("from-exposures") {
      for node in 0..<graph.nodeCount where chain.exposures[node] != 0 {
        origins.append(PropagationOrigin(node: NodeID(node), items: chain.exposures[node]))
      }
    }
    guard !origins.isEmpty else {
      throw CLIError.usage(
        "no origin: name at least one with --from NAME, or use --from-exposures")
    }
    return PropagationOptions(origins: origins, addressing: addressing, rules: rules)
  }

  /// Returns the nodes `--from` names: one node, or every node of a kind with `kind:KIND`.
  static func nodes(matching name: String, in graph: Graph) throws(CLIError) -> [NodeID] {
    if name.hasPrefix("kind:") {
      let kindName = String(name.dropFirst(5))
      guard let kind = NodeKind(name: kindName) else {
        let kinds = NodeKind.allCases.map(\.name).joined(separator: ", ")
        throw .usage(
          "invalid --from \"\(name)\": unknown kind \"\(kindName)\"; use one of \(kinds)")
      }
      return graph.nodes(ofKind: kind)
    }
    return [try node(named: name, in: graph, option: "from")]
  }

  /// Returns the node called `name`, or throws a usage error that suggests close names.
  static func node(
    named name: String, in graph: Graph, option: String
  ) throws(CLIError)
    -> NodeID
  {
    if let node = graph.node(named: name) { return node }
    let lowered = name.lowercased()
    var suggestions: [String] = []
    for index in 0..<graph.nodeCount where suggestions.count < 3 {
      let candidate = graph.name(of: NodeID(index))
      if candidate.lowercased() == lowered || candidate.lowercased().hasPrefix(lowered) {
        suggestions.append(candidate)
      }
    }
    let hint =
      suggestions.isEmpty
      ? "names are model ids, CycloneDX bom-refs or Debian package names"
      : "did you mean \(suggestions.map { "\"\($0)\"" }.joined(separator: ", "))?"
    throw .usage("unknown node \"\(name)\" for --\(option): \(hint)")
  }

  /// Returns the integer value of option `name`, or `nil` when absent.
  static func integer(
    _ invocation: Invocation, _ name: String, minimum: Int, maximum: Int = .max
  ) throws(CLIError)
    -> Int?
  {
    guard let text = invocation.value(name) else { return nil }
    guard let value = Int(text), value >= minimum, value <= maximum else {
      let range =
        maximum == .max ? "of at least \(minimum)" : "from \(minimum) to \(maximum)"
      throw .usage("invalid value \"\(text)\" for --\(name); use a whole number \(range)")
    }
    return value
  }
}

// MARK: - Reports

/// The text, markdown, JSON and CSV forms of a propagation result.
enum PropagationReport {
  /// Returns a table as text or markdown without its final newline, for joining with lines.
  static func lines(_ table: TextTable, _ format: OutputFormat) -> String {
    var text = format == .markdown ? table.markdown() : table.plainText()
    while text.hasSuffix("\n") { text.removeLast() }
    return text
  }

  static func itemList(_ mask: UInt32) -> String {
    SupplyChainItems.clauses(in: mask).joined(separator: " ")
  }

  static func itemLabel(_ item: Int) -> String {
    "\(SupplyChainItems.clauses[item]) \(SupplyChainItems.titles[item])"
  }

  static func capabilityLabel(_ capability: Int) -> String {
    let entry = Catalog.standard.capabilities[capability]
    return "\(entry.clause) \(entry.title)"
  }

  static func render(
    _ result: PropagationResult, chain: SupplyChain, options: PropagationOptions,
    explanations: [(NodeID, PropagationExplanation?)],
    gatekeepers: (entries: Gatekeepers, count: Int)? = nil, format: OutputFormat, limit: Int,
    source: String
  ) -> String {
    let graph = chain.graph
    let radius = BlastRadius(chain, result: result)
    switch format {
    case .json:
      return json(
        result, chain: chain, options: options, explanations: explanations, radius: radius,
        source: source, gatekeepers: gatekeepers)
    case .csv:
      var table = TextTable(header: ["node", "kind", "depth", "items"])
      for node in result.affected {
        table.rows.append([
          graph.name(of: node), graph.kind(of: node).name, String(result.depth[Int(node)]),
          itemList(result.items[Int(node)]),
        ])
      }
      return table.csv()
    case .text, .markdown:
      var lines: [String] = []
      let originNames = Set(options.origins.map { graph.name(of: $0.node) }).sorted()
      let shownOrigins = originNames.prefix(5).joined(separator: ", ")
      let moreOrigins = originNames.count > 5 ? " and \(originNames.count - 5) more" : ""
      lines.append("Propagation in \(source) from \(shownOrigins)\(moreOrigins)")
      let started = options.origins.reduce(UInt32(0)) { $0 | $1.items }
      lines.append("Items at the origins: \(itemList(started))")
      let kinds = radius.byKind.map { "\($0.count) \($0.name)" }.joined(separator: ", ")
      lines.append(
        "Affected: \(radius.total) nodes" + (radius.total > 0 ? " (\(kinds)), " : ", ")
          + "at most \(radius.maxDepth) edges from an origin")
      if !radius.byItem.isEmpty {
        lines.append(
          "By item: " + radius.byItem.map { "\($0.name) \($0.count)" }.joined(separator: ", "))
      }
      lines.append("")
      var table = TextTable(header: ["node", "kind", "depth", "items"])
      for node in result.affected.prefix(limit) {
        table.rows.append([
          graph.name(of: node), graph.kind(of: node).name, String(result.depth[Int(node)]),
          itemList(result.items[Int(node)]),
        ])
      }
      if !table.rows.isEmpty {
        lines.append(PropagationReport.lines(table, format))
      }
      if result.affected.count > limit {
        lines.append(
          "(\(result.affected.count - limit) more; use --limit, --format json or --format csv)")
      }
      if let gatekeepers {
        lines.append("")
        lines.append(
          "Gatekeepers: affected nodes through which others are reached alone "
            + "(\(gatekeepers.entries.entries.count) in all)")
        var table = TextTable(header: ["node", "kind", "dominated"])
        for entry in gatekeepers.entries.entries.prefix(gatekeepers.count) {
          table.rows.append([
            graph.name(of: entry.node), graph.kind(of: entry.node).name, String(entry.dominated),
          ])
        }
        if !table.rows.isEmpty {
          lines.append(PropagationReport.lines(table, format))
        }
      }
      for (target, explanation) in explanations {
        lines.append("")
        lines.append(contentsOf: explanationText(target, explanation, chain: chain))
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }

  static func explanationText(
    _ target: NodeID, _ explanation: PropagationExplanation?, chain: SupplyChain
  ) -> [String] {
    let graph = chain.graph
    guard let explanation else {
      return ["\(graph.name(of: target)) is not affected: no item reaches it."]
    }
    var lines = ["Explanation for \(graph.name(of: target)) (\(itemLabel(explanation.item))):"]
    var path = ""
    for step in explanation.path {
      if step.edge != nil { path += " -> " }
      path += "\(graph.name(of: step.node)) [\(SupplyChainItems.clauses[step.item])]"
    }
    lines.append("  path: \(path)")
    let crossings = JurisdictionCrossings(chain, path: explanation.path.map(\.node))
    if crossings.distinct.isEmpty {
      lines.append("  jurisdictions: none recorded")
    } else {
      lines.append(
        "  jurisdictions: \(crossings.distinct.joined(separator: ", ")) "
          + "(crossings: \(crossings.crossings), clause 8.2.4)")
    }
    if let cheapest = explanation.cheapest {
      lines.append(
        "  cheapest single cut: implement \(capabilityLabel(cheapest.capability)) at "
          + "\(graph.name(of: cheapest.node)) (cost \(number(cheapest.cost))), which stops "
          + "\(SupplyChainItems.clauses[cheapest.item]) there")
      let others = explanation.placements.dropFirst().prefix(5).map {
        "\(SupplyChainItems.capabilityClauses[$0.capability]) at \(graph.name(of: $0.node)) "
          + "(cost \(number($0.cost)))"
      }
      if !others.isEmpty {
        let more = explanation.placements.count > 6 ? ", ..." : ""
        lines.append("  other single cuts: \(others.joined(separator: ", "))\(more)")
      }
    } else {
      lines.append(
        "  no single capability placement cuts every path: no node on all paths can implement "
          + "a capability that addresses the item there")
    }
    return lines
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }

  static func json(
    _ result: PropagationResult, chain: SupplyChain, options: PropagationOptions,
    explanations: [(NodeID, PropagationExplanation?)], radius: BlastRadius, source: String,
    gatekeepers: (entries: Gatekeepers, count: Int)?
  ) -> String {
    let graph = chain.graph
    var document: [String: Any] = [
      "source": source,
      "origins": options.origins.map {
        ["node": graph.name(of: $0.node), "items": SupplyChainItems.clauses(in: $0.items)]
      },
      "affectedCount": radius.total,
      "maxDepth": radius.maxDepth,
      "byKind": Dictionary(uniqueKeysWithValues: radius.byKind.map { ($0.name, $0.count) }),
      "byItem": Dictionary(uniqueKeysWithValues: radius.byItem.map { ($0.name, $0.count) }),
      "affected": result.affected.map { node -> [String: Any] in
        [
          "node": graph.name(of: node), "kind": graph.kind(of: node).name,
          "depth": Int(result.depth[Int(node)]),
          "items": SupplyChainItems.clauses(in: result.items[Int(node)]),
        ]
      },
    ]
    if let gatekeepers {
      document["gatekeepers"] = gatekeepers.entries.entries.prefix(gatekeepers.count).map {
        entry -> [String: Any] in
        ["node": graph.name(of: entry.node), "dominated": entry.dominated]
      }
    }
    document["explanations"] = explanations.map { target, explanation -> [String: Any] in
      guard let explanation else { return ["target": graph.name(of: target), "affected": false] }
      let crossings = JurisdictionCrossings(chain, path: explanation.path.map(\.node))
      return [
        "target": graph.name(of: target), "affected": true,
        "item": SupplyChainItems.clauses[explanation.item],
        "path": explanation.path.map { step -> [String: Any] in
          var entry: [String: Any] = [
            "node": graph.name(of: step.node), "item": SupplyChainItems.clauses[step.item],
          ]
          if let edge = step.edge { entry["edge"] = edge.name }
          return entry
        },
        "jurisdictions": crossings.distinct,
        "jurisdictionCrossings": crossings.crossings,
        "placements": explanation.placements.map { placement -> [String: Any] in
          [
            "node": graph.name(of: placement.node),
            "capability": SupplyChainItems.capabilityClauses[placement.capability],
            "item": SupplyChainItems.clauses[placement.item], "cost": placement.cost,
          ]
        },
      ]
    }
    return jsonText(document)
  }

  /// Pretty-printed JSON with sorted keys; the values are built from strings, numbers, arrays
  /// and dictionaries only, which serialization accepts.
  static func jsonText(_ document: [String: Any]) -> String {
    let data =
      (try? JSONSerialization.data(
        withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
      ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

/// The forms of a probabilistic propagation result.
enum ProbabilisticReport {
  static func render(
    _ result: ProbabilisticResult, chain: SupplyChain, origins: [PropagationOrigin],
    format: OutputFormat, limit: Int
  ) -> String {
    let graph = chain.graph
    let method: String
    switch result.method {
    case .exact: method = "exact (the carrying links form a polytree)"
    case .monteCarlo(let samples, let seed):
      method = "Monte Carlo, \(samples) samples, seed \(seed), 95 % Wilson intervals"
    }
    func row(_ node: NodeID) -> [String] {
      [
        graph.name(of: node), graph.kind(of: node).name,
        fixed(result.probability[Int(node)]), fixed(result.lower[Int(node)]),
        fixed(result.upper[Int(node)]),
      ]
    }
    func fixed(_ value: Double) -> String { String(format: "%.4f", value) }
    var table = TextTable(header: ["node", "kind", "probability", "lower", "upper"])
    switch format {
    case .json:
      let document: [String: Any] = [
        "method": method,
        "origins": Set(origins.map { graph.name(of: $0.node) }).sorted(),
        "nodes": result.affected.map { node -> [String: Any] in
          [
            "node": graph.name(of: node), "kind": graph.kind(of: node).name,
            "probability": result.probability[Int(node)], "lower": result.lower[Int(node)],
            "upper": result.upper[Int(node)],
          ]
        },
      ]
      return PropagationReport.jsonText(document)
    case .csv:
      for node in result.affected { table.rows.append(row(node)) }
      return table.csv()
    case .text, .markdown:
      for node in result.affected.prefix(limit) { table.rows.append(row(node)) }
      var lines = [
        "Probabilistic propagation: \(method)",
        "Nodes with a positive probability: \(result.affected.count)", "",
      ]
      if !table.rows.isEmpty {
        lines.append(PropagationReport.lines(table, format))
      }
      if result.affected.count > limit {
        lines.append("(\(result.affected.count - limit) more; use --limit or --format csv)")
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }
}
