import X1601Analysis
import X1601Graph
import X1601IO

/// `x1601 spof MODEL --for NODE`: the single points of failure between a customer and its
/// supply chain.
struct SpofCommand: Command {
  let name = "spof"
  let summary = "List the single points of failure upstream of a customer, service or component."
  let overview =
    "Builds the dominator tree of what NODE relies on: its dependencies, suppliers and "
    + "providers, transitively (for a party, the services it provides and the components it "
    + "supplies). A node that every chain from NODE to some upstream node passes through is a "
    + "single point of failure between them: what comes from there reaches NODE only through "
    + "it, and a capability implemented there shields NODE from all of it. The list gives how "
    + "many upstream nodes each one dominates. Also lists dependency cycles upstream (strongly "
    + "connected components) and upstream services that no other provider of the model offers "
    + "in their category (lock-in, clauses 8.1.6 and 8.2.8)."

  var arguments: [ArgumentSpec] {
    [ArgumentSpec("MODEL", help: "The supply chain: JSON model, CycloneDX file or Packages index.")]
  }

  var options: [OptionSpec] {
    [
      OptionSpec("for", .value(placeholder: "NODE"), help: "The customer, service or component."),
      OptionSpec(
        "limit", .value(placeholder: "N"),
        help: "List at most N points in text and markdown output.", defaultValue: "20"),
    ] + SupplyChainInput.inputOptions + [OutputFormat.option, OutputFormat.outputOption]
  }

  var examples: [String] {
    [
      "spof bookworm-main-amd64-Packages.xz --for openssh-server",
      "spof model.json --for shop-operator --format json",
    ]
  }

  func run(_ invocation: Invocation, context: OutputContext) throws {
    guard let targetName = invocation.value("for") else {
      throw CLIError.usage("missing --for NODE: name the customer, service or component")
    }
    let input = try SupplyChainInput.load(invocation, context: context)
    let chain = input.chain
    let graph = chain.graph
    let target = try SupplyChainInput.node(named: targetName, in: graph, option: "for")
    if invocation.isPresent("timings") && graph.nodeCountsByKind[Int(NodeKind.party.rawValue)] == 0
    {
      // The tree alone, as the single points below compute it for graphs without parties, so
      // that benchmarks can tell the algorithm from the ranking.
      _ = SupplyChainInput.timed(invocation, context, "dominator tree (semi-NCA)") {
        DominatorTree(graph, root: target, direction: .forward, kinds: [.dependsOn])
      }
    }
    let points = SupplyChainInput.timed(invocation, context, "single points (tree and ranking)") {
      SinglePointsOfFailure(chain, target: target)
    }
    let limit = try SupplyChainInput.integer(invocation, "limit", minimum: 0) ?? 20

    // Cycles and lock-ins restricted to what the target relies on.
    let upstream = points.immediateDominator.enumerated().compactMap { index, dominator in
      dominator != DominatorTree.unreachable ? NodeID(index) : nil
    }
    let isUpstream = Set(upstream)
    let components = SupplyChainInput.timed(invocation, context, "strongly connected components") {
      StronglyConnectedComponents(graph)
    }
    let cycles = components.cycles.filter { isUpstream.contains($0[0]) }
    let lockIns = ProviderConcentration(chain, detailed: 0).lockIns.filter {
      isUpstream.contains($0.service)
    }

    let format = OutputFormat.from(invocation)
    let text: String
    switch format {
    case .json:
      let document: [String: Any] = [
        "target": graph.name(of: target),
        "upstreamCount": points.upstreamCount,
        "points": points.points.map { entry -> [String: Any] in
          [
            "node": graph.name(of: entry.node), "kind": graph.kind(of: entry.node).name,
            "dominated": entry.dominated, "depth": entry.depth,
          ]
        },
        "cycles": cycles.map { $0.map { graph.name(of: $0) } },
        "lockIns": lockIns.map { lockIn -> [String: Any] in
          [
            "service": graph.name(of: lockIn.service), "provider": graph.name(of: lockIn.provider),
            "category": lockIn.category?.name ?? "", "dependents": lockIn.dependents,
          ]
        },
      ]
      text = PropagationReport.jsonText(document)
    case .csv:
      var table = TextTable(header: ["node", "kind", "dominated", "depth"])
      for entry in points.points {
        table.rows.append([
          graph.name(of: entry.node), graph.kind(of: entry.node).name, String(entry.dominated),
          String(entry.depth),
        ])
      }
      text = table.csv()
    case .text, .markdown:
      var lines = [
        "Single points of failure for \(graph.name(of: target)): \(points.upstreamCount) "
          + "upstream nodes, \(points.points.count) of them dominate others",
        "",
      ]
      var table = TextTable(header: ["node", "kind", "dominated", "depth"])
      for entry in points.points.prefix(limit) {
        table.rows.append([
          graph.name(of: entry.node), graph.kind(of: entry.node).name, String(entry.dominated),
          String(entry.depth),
        ])
      }
      if !table.rows.isEmpty {
        lines.append(PropagationReport.lines(table, format))
      }
      if points.points.count > limit {
        lines.append("(\(points.points.count - limit) more; use --limit or --format csv)")
      }
      lines.append("")
      if cycles.isEmpty {
        lines.append("Dependency cycles upstream: none")
      } else {
        lines.append("Dependency cycles upstream: \(cycles.count)")
        for cycle in cycles.prefix(5) {
          let names = cycle.prefix(8).map { graph.name(of: $0) }.joined(separator: ", ")
          lines.append("  \(cycle.count) nodes: \(names)\(cycle.count > 8 ? ", ..." : "")")
        }
      }
      if lockIns.isEmpty {
        lines.append("Services upstream with no alternative provider: none")
      } else {
        lines.append("Services upstream with no alternative provider (clause 8.1.6):")
        for lockIn in lockIns.prefix(limit) {
          lines.append(
            "  \(graph.name(of: lockIn.service)) from \(graph.name(of: lockIn.provider))"
              + (lockIn.category.map { " (\($0.name))" } ?? "")
              + ", direct dependents: \(lockIn.dependents)")
        }
      }
      text = lines.joined(separator: "\n") + "\n"
    }
    try context.deliver(text, to: invocation.value("output"))
  }
}
