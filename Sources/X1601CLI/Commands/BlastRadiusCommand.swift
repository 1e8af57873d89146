import X1601Analysis
import X1601Graph
import X1601IO

/// `x1601 blast-radius MODEL --from NAME`: how many nodes an upstream compromise or outage
/// reaches, by kind, party, jurisdiction and item.
struct BlastRadiusCommand: Command {
  let name = "blast-radius"
  let summary = "Count what an upstream compromise or outage reaches, by kind and by party."
  let overview =
    "Runs the same propagation as 'x1601 propagate' and counts the affected nodes by node "
    + "kind, by providing or supplying party, by jurisdiction and by threat or challenge. Also "
    + "lists the parties on which the most of the supply chain rests (provider concentration)."

  var arguments: [ArgumentSpec] {
    [ArgumentSpec("MODEL", help: "The supply chain: JSON model, CycloneDX file or Packages index.")]
  }

  var options: [OptionSpec] {
    SupplyChainInput.originOptions + [
      OptionSpec(
        "max-depth", .value(placeholder: "N"),
        help: "Stop items after N edges from the nearest origin (default: no limit)."),
      OptionSpec(
        "limit", .value(placeholder: "N"),
        help: "List at most N parties and jurisdictions in text and markdown output.",
        defaultValue: "10"),
    ] + SupplyChainInput.inputOptions + [OutputFormat.option, OutputFormat.outputOption]
  }

  var examples: [String] {
    [
      "blast-radius bookworm-main-amd64-Packages.xz --from libssl3",
      "blast-radius model.json --from cloud-provider --item 8.2.7 --format json",
    ]
  }

  func run(_ invocation: Invocation, context: OutputContext) throws {
    let input = try SupplyChainInput.load(invocation, context: context)
    let chain = input.chain
    let graph = chain.graph
    var options = try input.propagationOptions(invocation)
    options.maxDepth = try SupplyChainInput.integer(invocation, "max-depth", minimum: 0)
    let result = Propagation.run(chain, options)
    let radius = BlastRadius(chain, result: result)
    let limit = try SupplyChainInput.integer(invocation, "limit", minimum: 0) ?? 10
    let concentration = ProviderConcentration(chain, detailed: min(limit, 10))

    let format = OutputFormat.from(invocation)
    let text: String
    func pairs(_ counts: [BlastRadius.Count]) -> [[String: Any]] {
      counts.map { ["name": $0.name, "count": $0.count] }
    }
    switch format {
    case .json:
      let document: [String: Any] = [
        "origins": Set(options.origins.map { graph.name(of: $0.node) }).sorted(),
        "affectedCount": radius.total, "maxDepth": radius.maxDepth,
        "byKind": pairs(radius.byKind), "byParty": pairs(radius.byParty),
        "byJurisdiction": pairs(radius.byJurisdiction), "byItem": pairs(radius.byItem),
        "concentration": concentration.entries.prefix(limit).map { entry -> [String: Any] in
          var value: [String: Any] = ["party": graph.name(of: entry.party), "direct": entry.direct]
          if let downstream = entry.downstream { value["downstream"] = downstream }
          return value
        },
      ]
      text = PropagationReport.jsonText(document)
    case .csv:
      var table = TextTable(header: ["group", "name", "count"])
      for (group, counts) in [
        ("kind", radius.byKind), ("party", radius.byParty),
        ("jurisdiction", radius.byJurisdiction), ("item", radius.byItem),
      ] {
        for count in counts { table.rows.append([group, count.name, String(count.count)]) }
      }
      text = table.csv()
    case .text, .markdown:
      func section(_ title: String, _ counts: [BlastRadius.Count]) -> [String] {
        var table = TextTable(header: [title, "affected"])
        for count in counts.prefix(limit) { table.rows.append([count.name, String(count.count)]) }
        var lines = [PropagationReport.lines(table, format)]
        if counts.count > limit { lines.append("(\(counts.count - limit) more)") }
        return lines
      }
      var lines = [
        "Blast radius: \(radius.total) nodes affected, at most \(radius.maxDepth) edges from "
          + "an origin",
        "",
      ]
      lines += section("kind", radius.byKind) + [""]
      lines += section("party", radius.byParty) + [""]
      lines += section("jurisdiction", radius.byJurisdiction) + [""]
      lines += section("item", radius.byItem) + [""]
      var table = TextTable(header: ["party", "provides or supplies", "downstream"])
      for entry in concentration.entries.prefix(limit) {
        table.rows.append([
          graph.name(of: entry.party), String(entry.direct),
          entry.downstream.map(String.init) ?? "",
        ])
      }
      lines.append("Provider concentration:")
      lines.append(PropagationReport.lines(table, format))
      text = lines.joined(separator: "\n") + "\n"
    }
    try context.deliver(text, to: invocation.value("output"))
  }
}
