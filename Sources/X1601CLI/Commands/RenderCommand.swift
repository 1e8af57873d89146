import Foundation
import X1601Analysis
import X1601Catalog
import X1601Graph
import X1601Render

/// `x1601 render INPUT --view VIEW --output FILE`: draws an assessment, a supply chain or a
/// propagation through Graphviz, or writes an HTML report with the picture inside.
struct RenderCommand: Command {
  let name = "render"
  let summary = "Draw a cover, a supply chain or a propagation as SVG, PNG, PDF, DOT or HTML."
  let overview =
    "Draws one of three views through the Graphviz libraries. mapping: Table I.1 for a "
    + "service profile, threats and challenges grouped by clause, capabilities beside them, "
    + "the minimum-cost cover of clause 10 step 2 in gold and uncovered items in red. chain: "
    + "the services and components of a supply chain in one cluster per party or "
    + "jurisdiction, coloured by exposure. propagation: the nodes an upstream threat reaches, "
    + "with witness paths and the edges where a capability stopped it. The extension of "
    + "--output picks the format: .svg, .png, .pdf, .dot (laid out) or .html, a "
    + "self-contained report with tables and the SVG picture. Graphs with more nodes than "
    + "--max-nodes are summarised: collapsed by party and kind, cut to the highest-scoring "
    + "nodes, or to the neighbourhood of --focus."

  var arguments: [ArgumentSpec] {
    [
      ArgumentSpec(
        "INPUT",
        help: "For mapping, a service profile JSON file; otherwise a supply chain: JSON model, "
          + "CycloneDX file, Debian Packages index or binary .x1601 graph.")
    ]
  }

  var options: [OptionSpec] {
    [
      OptionSpec(
        "view", .value(placeholder: "VIEW"), help: "What to draw: mapping, chain or propagation.",
        allowedValues: ["mapping", "chain", "propagation"]),
      OptionSpec(
        "output", .value(placeholder: "FILE"),
        help: "The file to write (replaced atomically); its extension picks the format: "
          + ".svg, .png, .pdf, .dot, .gv or .html."),
      OptionSpec(
        "layout", .value(placeholder: "ENGINE"), help: "The Graphviz layout engine.",
        allowedValues: LayoutEngine.allCases.map(\.rawValue), defaultValue: "dot"),
      OptionSpec(
        "max-nodes", .value(placeholder: "N"),
        help: "Draw at most N nodes (1 to \(maximumNodeBudget)); larger graphs are summarised.",
        defaultValue: String(defaultNodeBudget)),
      OptionSpec(
        "summary", .value(placeholder: "MODE"),
        help: "How a graph over --max-nodes is reduced: auto (collapse by party and kind when "
          + "that fits, else top), party (one node per party), kind (one node per party and "
          + "kind), top (the nodes with the most direct dependents).",
        allowedValues: ["auto", "party", "kind", "top"], defaultValue: "auto"),
      OptionSpec(
        "focus", .value(placeholder: "NAME"),
        help: "Draw only the nodes within --depth dependency steps of NAME (chain view)."),
      OptionSpec(
        "depth", .value(placeholder: "N"), help: "The dependency steps around --focus.",
        defaultValue: "2"),
      OptionSpec(
        "group-by", .value(placeholder: "GROUPING"),
        help: "Clusters of the chain and propagation views: party or jurisdiction.",
        allowedValues: ChainGrouping.allCases.map(\.rawValue), defaultValue: "party"),
    ] + SupplyChainInput.originOptions + SupplyChainInput.inputOptions
  }

  var examples: [String] {
    [
      "render Datasets/x1601/file-storage.json --view mapping --output cover.svg",
      "render Datasets/x1601/file-storage.json --view mapping --output report.html",
      "render model.json --view chain --output chain.png --group-by jurisdiction",
      "render model.json --view propagation --from cloud-provider --item 8.2.7 --output p.svg",
      "render Packages.xz --view chain --focus openssh-server --depth 1 --output ssh.pdf",
    ]
  }

  private enum Target {
    case picture(PictureFormat)
    case report
  }

  func run(_ invocation: Invocation, context: OutputContext) throws {
    guard let view = invocation.value("view") else {
      throw CLIError.usage("missing --view: choose mapping, chain or propagation")
    }
    guard let path = invocation.value("output"), path != "-" else {
      throw CLIError.usage(
        "missing --output FILE: the picture is written to a file whose extension picks the "
          + "format (.svg, .png, .pdf, .dot or .html)")
    }
    let target: Target
    if path.lowercased().hasSuffix(".html") || path.lowercased().hasSuffix(".htm") {
      target = .report
    } else if let format = PictureFormat(path: path) {
      target = .picture(format)
    } else {
      throw CLIError.usage(
        "unsupported output file '\(path)': use the extension .svg, .png, .pdf, .dot, .gv "
          + "or .html")
    }
    let engine = invocation.value("layout").flatMap(LayoutEngine.init(rawValue:)) ?? .dot

    let picture: DOTGraph
    let report: (String?) -> HTMLReport
    switch view {
    case "mapping":
      let mapping = try MappingOption.load(invocation.value("mapping"))
      let profile: ServiceProfile
      do {
        profile = try ServiceProfile.load(path: invocation.positionals[0])
      } catch {
        throw CLIError.failure(error.description)
      }
      let assessment = Assessment(profile: profile, mapping: mapping)
      picture = CoverMappingView.graph(CoverMapping(assessment: assessment))
      report = { HTMLReport.assessment(assessment, svg: $0) }
    case "chain":
      let input = try SupplyChainInput.load(invocation, context: context)
      let graph = input.chain.graph
      let options = try chainOptions(invocation, graph: graph, title: "Service supply chain")
      picture = try renderStep { () throws(RenderError) in
        try ChainView.graph(graph, options: options)
      }
      let title = "Supply chain: \(invocation.positionals[0])"
      report = { HTMLReport.chain(graph: graph, svg: $0, title: title) }
    default:
      let input = try SupplyChainInput.load(invocation, context: context)
      let chain = input.chain
      let propagationOptions = try input.propagationOptions(invocation)
      let result = Propagation.run(chain, propagationOptions)
      let highlight = PropagationHighlight(result: result, chain: chain)
      let options = try chainOptions(invocation, graph: chain.graph, title: "Propagation")
      picture = try renderStep { () throws(RenderError) in
        try PropagationView.graph(chain.graph, highlight: highlight, options: options)
      }
      let title = "Propagation: \(invocation.positionals[0])"
      report = {
        HTMLReport.propagation(highlight, graph: chain.graph, svg: $0, title: title)
      }
    }

    let warnings: [String]
    switch target {
    case .picture:
      warnings = try renderStep { () throws(RenderError) in
        try GraphvizRenderer.write(picture, to: path, engine: engine)
      }
    case .report:
      let svg = try renderStep { () throws(RenderError) in
        try GraphvizRenderer.render(picture, engine: engine, format: .svg)
      }
      warnings = svg.warnings
      try context.deliver(report(String(decoding: svg.data, as: UTF8.self)).html(), to: path)
    }
    for warning in warnings {
      context.writeError("warning: Graphviz: \(warning)\n")
    }
    // The legend is drawn as a node too; it is not counted.
    let nodeCount = picture.body.nodeCountIncludingSubgraphs - 1
    context.writeOutput("wrote \(path): \(view) view, \(nodeCount) nodes drawn\n")
  }

  private func chainOptions(
    _ invocation: Invocation, graph: Graph, title: String
  ) throws -> ChainViewOptions {
    let budget =
      try SupplyChainInput.integer(invocation, "max-nodes", minimum: 1)
      ?? defaultNodeBudget
    guard budget <= maximumNodeBudget else {
      throw CLIError.usage(
        "invalid value '\(budget)' for --max-nodes: expected 1 to \(maximumNodeBudget)")
    }
    var summary: SummaryMode
    switch invocation.value("summary") ?? "auto" {
    case "party": summary = .collapseByGroup
    case "kind": summary = .collapseByGroupAndKind
    case "top": summary = .topScore
    default: summary = .automatic
    }
    if let focusName = invocation.value("focus") {
      let focus = try SupplyChainInput.node(named: focusName, in: graph, option: "focus")
      let depth = try SupplyChainInput.integer(invocation, "depth", minimum: 0) ?? 2
      summary = .neighborhood(focus: focus, depth: depth)
    }
    let grouping =
      invocation.value("group-by").flatMap(ChainGrouping.init(rawValue:)) ?? .party
    return ChainViewOptions(grouping: grouping, summary: summary, nodeBudget: budget, title: title)
  }

  /// Runs `body` and turns a render error into a failure with its message.
  private func renderStep<Result>(
    _ body: () throws(RenderError) -> Result
  ) throws(CLIError) -> Result {
    do {
      return try body()
    } catch {
      throw .failure(error.description)
    }
  }
}
