import Foundation
import X1601Analysis
import X1601Catalog
import X1601Graph
import X1601IO

/// `x1601 place MODEL`: where to implement which capabilities so that no customer-facing
/// service keeps an addressable threat or challenge, at least cost or within a budget.
struct PlaceCommand: Command {
  let name = "place"
  let summary = "Choose capability placements that address every service's items at least cost."
  let overview =
    "Propagates each node's threats and challenges downstream under the transfer rules "
    + "(clause 8, indirect threats) and chooses capabilities to implement at nodes, at least "
    + "total cost, so that no customer-facing node (every service, or the --target nodes) keeps "
    + "an item that a capability addresses (Table I.1). A capability at a node addresses the "
    + "items there and stops them travelling on. The choice is a weighted set cover: an "
    + "element is a (node, item) pair, a placement covers it when it is at the node or cuts "
    + "every route of the item to the node. The set-cover engine returns the placements, a "
    + "lower bound and the gap; the answer is then checked by propagating again with the "
    + "placements implemented. With --budget, addresses as many elements as the budget allows "
    + "and lists the rest. MODEL is an x1601 JSON model, a CycloneDX file, a Debian Packages "
    + "index, a binary graph (.x1601) or an edge list with implements and exposed-to edges. "
    + "Costs come from the model and are 1 where it gives none."

  var arguments: [ArgumentSpec] {
    [ArgumentSpec("MODEL", help: "The supply chain: model, CycloneDX, Packages, .x1601 or edges.")]
  }

  var options: [OptionSpec] {
    [
      OptionSpec(
        "budget", .value(placeholder: "B"),
        help: "Spend at most B and address as many (node, item) elements as possible."),
      OptionSpec(
        "exact", .flag,
        help: "Prove the optimum within the time limit (the default)."),
      OptionSpec(
        "heuristic", .flag, help: "Use the heuristic and its bound only, which is faster."),
      OptionSpec(
        "time-limit", .value(placeholder: "S"),
        help: "Seconds for each stage of the search: single cuts, then item routes.",
        defaultValue: "60"),
      OptionSpec(
        "target", .repeating(placeholder: "NAME"),
        help:
          "A customer-facing node, or kind:KIND for every node of a kind (default: "
          + "kind:service)."),
      OptionSpec("seed", .value(placeholder: "S"), help: "Seed of the search.", defaultValue: "1"),
      OptionSpec(
        "limit", .value(placeholder: "N"),
        help: "List at most N placements and unaddressed elements in text and markdown output.",
        defaultValue: "50"),
    ] + SupplyChainInput.inputOptions + [OutputFormat.option, OutputFormat.outputOption]
  }

  var examples: [String] {
    [
      "place model.json",
      "place model.json --budget 10 --format json",
      "place cloud.x1601 --heuristic --time-limit 30",
    ]
  }

  func run(_ invocation: Invocation, context: OutputContext) throws {
    if invocation.isPresent("exact") && invocation.isPresent("heuristic") {
      throw CLIError.usage("--exact and --heuristic exclude each other; pass one of them")
    }
    let mode: PlacementMode = invocation.isPresent("heuristic") ? .heuristic : .exact
    let timeLimit = try Self.number(invocation, "time-limit") ?? 60
    guard timeLimit > 0 else {
      throw CLIError.usage(
        "invalid --time-limit \(invocation.value("time-limit") ?? ""); give a number of "
          + "seconds above 0")
    }
    let budget = try Self.number(invocation, "budget")
    if let budget, budget < 0 {
      throw CLIError.usage(
        "invalid --budget \(invocation.value("budget") ?? ""); give a number of at least 0")
    }
    let seed = try SupplyChainInput.integer(invocation, "seed", minimum: 0) ?? 1
    let limit = try SupplyChainInput.integer(invocation, "limit", minimum: 0) ?? 50
    let input = try Self.load(invocation, context: context)
    let graph = input.chain.graph

    var targets: [NodeID]? = nil
    let targetNames = invocation.allValues("target")
    if !targetNames.isEmpty {
      var chosen: [NodeID] = []
      for name in targetNames {
        chosen.append(contentsOf: try SupplyChainInput.nodes(matching: name, in: graph))
      }
      targets = chosen
    }

    let clock = ContinuousClock()
    let start = clock.now
    let problem: PlacementProblem
    let solution: PlacementSolution
    do {
      problem = try PlacementProblem(
        chain: input.chain,
        options: PlacementOptions(
          addressing: input.addressing, rules: input.rules, targets: targets))
      context.progress(
        "reduced to \(problem.elements.count) elements and \(problem.candidates.count) "
          + "placements in \(GraphFileFormat.seconds(clock.now - start))")
      solution = try CapabilityPlacement.solve(
        problem,
        search: PlacementSearch(
          mode: mode, timeLimit: timeLimit, budget: budget, seed: UInt64(seed)))
    } catch {
      throw CLIError.failure(error.description)
    }
    let total = (clock.now - start) / .seconds(1)
    let report = PlacementReport(
      problem: problem, solution: solution, source: invocation.positionals[0],
      totalSeconds: total)
    let format = OutputFormat.from(invocation)
    try context.deliver(report.render(format: format, limit: limit), to: invocation.value("output"))
    guard solution.verification.isVerified else {
      throw CLIError.failure(
        "verification failed: \(solution.verification.contradictions.count) elements that the "
          + "placement claims to address are still reached; report the model that causes this")
    }
  }

  /// The number in option `name`, or `nil` when absent.
  static func number(_ invocation: Invocation, _ name: String) throws(CLIError) -> Double? {
    guard let text = invocation.value(name) else { return nil }
    guard let value = Double(text), value.isFinite else {
      throw .usage("invalid value \"\(text)\" for --\(name); give a number such as 10 or 2.5")
    }
    return value
  }

  /// Loads MODEL: binary and edge-list graphs through their readers and the clause edges they
  /// carry, every other format through the model loader.
  static func load(_ invocation: Invocation, context: OutputContext) throws -> SupplyChainInput {
    let path = invocation.positionals[0]
    let isGraphFile: Bool
    if path.lowercased().hasSuffix(".x1601") {
      isGraphFile = true
    } else {
      do {
        _ = try ModelLoader.detectFormat(path: path)
        isGraphFile = false
      } catch ModelError.unknownFormat {
        isGraphFile = true
      } catch {
        throw CLIError.failure(error.description)
      }
    }
    guard isGraphFile else { return try SupplyChainInput.load(invocation, context: context) }

    let format: GraphFileFormat = path.lowercased().hasSuffix(".x1601") ? .binary : .edges
    let graph = try GraphFileFormat.load(path, format: format, verification: .full)
    let chain: SupplyChain
    do {
      chain = try SupplyChain(clauseEdgesOf: graph)
    } catch {
      throw CLIError.failure("\(path): \(error.description)")
    }
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
}

// MARK: - Report

/// The text, markdown, JSON and CSV forms of a placement.
struct PlacementReport {
  let problem: PlacementProblem
  let solution: PlacementSolution
  let source: String
  let totalSeconds: Double

  var graph: Graph { problem.chain.graph }

  func elementName(_ element: PlacementElement) -> String {
    "\(graph.name(of: element.target)) \(SupplyChainItems.clauses[element.item])"
  }

  func render(format: OutputFormat, limit: Int) -> String {
    switch format {
    case .json: return json()
    case .csv:
      var table = TextTable(header: ["node", "capability", "cost"])
      for choice in solution.placements {
        table.rows.append([
          graph.name(of: choice.node), SupplyChainItems.capabilityClauses[choice.capability],
          PropagationReport.number(choice.cost),
        ])
      }
      return table.csv()
    case .text, .markdown:
      return text(markdown: format == .markdown, limit: limit)
    }
  }

  func text(markdown: Bool, limit: Int) -> String {
    let number = PropagationReport.number
    var lines = ["Capability placement for \(source)"]
    lines.append(
      "Customer-facing nodes: \(problem.targets.count); elements (node, item): "
        + "\(problem.elements.count); candidate placements: \(problem.candidates.count)")
    if !problem.infeasible.isEmpty {
      let names = problem.infeasible.prefix(limit).map(elementName).joined(separator: ", ")
      let more = problem.infeasible.count > limit ? ", ..." : ""
      lines.append(
        "Infeasible: \(problem.infeasible.count) elements whose item no capability addresses: "
          + names + more)
    }
    if let budget = solution.budget {
      lines.append(
        "Budget \(number(budget)): addressed \(solution.addressedCount) of "
          + "\(problem.elements.count) elements at cost \(number(solution.cost)); upper bound "
          + "\(String(format: "%.2f", solution.addressedUpperBound)), gap "
          + "\(percent(solution.gap))")
    } else {
      lines.append("Total cost: \(number(solution.cost))")
      if let bound = solution.anyPlacementLowerBound {
        lines.append(
          "Lower bound over all placements: \(String(format: "%.4g", bound)); gap: "
            + percent(solution.gap))
        lines.append(
          "Lower bound over single-cut placements: "
            + String(format: "%.4g", solution.lowerBound))
      } else {
        lines.append(
          "Lower bound over single-cut placements: "
            + "\(String(format: "%.4g", solution.lowerBound)); gap: \(percent(solution.gap))")
      }
      let exactness: String
      switch solution.isFormulationExact {
      case .some(true):
        exactness = "exact for this model, because it offers every placement for each element"
      case .some(false):
        exactness = "not exact for this model, so routes beyond single cuts were generated"
      case .none: exactness = "exactness not checked because the routes exceed the work limit"
      }
      lines.append("Single-cut formulation: " + exactness)
    }
    lines.append(
      "Proven optimal: \(solution.isProvenOptimal ? "yes" : "no") (\(solution.method)); solve "
        + "\(String(format: "%.2f", solution.seconds)) s, total "
        + "\(String(format: "%.2f", totalSeconds)) s")
    let check = solution.verification
    lines.append(
      "Verification: propagation with the placements implemented leaves "
        + "\(check.clearTargetCount) of \(check.targetCount) customer-facing nodes with no item "
        + "and \(check.remaining.count) (node, item) pairs left in all; "
        + (check.isVerified
          ? "every element the placement claims is addressed: verified"
          : "\(check.contradictions.count) claimed elements are still reached: FAILED"))
    lines.append("")
    var table = TextTable(header: ["node", "capability", "cost"])
    for choice in solution.placements.prefix(limit) {
      table.rows.append([
        graph.name(of: choice.node), PropagationReport.capabilityLabel(choice.capability),
        number(choice.cost),
      ])
    }
    lines.append(
      "Placements: \(solution.placements.count)"
        + (solution.placements.count > limit ? " (first \(limit); use --limit)" : ""))
    if !table.rows.isEmpty { lines.append(markdown ? table.markdown() : table.plainText()) }
    if !solution.unaddressed.isEmpty {
      let names = solution.unaddressed.prefix(limit).map(elementName).joined(separator: ", ")
      let more = solution.unaddressed.count > limit ? " (first \(limit); use --limit)" : ""
      lines.append(
        "Unaddressed within the budget: \(solution.unaddressed.count)"
          + (names.isEmpty ? "" : ": \(names)") + more)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func percent(_ value: Double) -> String { String(format: "%.2f %%", value * 100) }

  func json() -> String {
    func elements(_ list: [PlacementElement]) -> [[String: Any]] {
      list.map { ["node": graph.name(of: $0.target), "item": SupplyChainItems.clauses[$0.item]] }
    }
    let check = solution.verification
    var document: [String: Any] = [
      "source": source,
      "targetCount": problem.targets.count,
      "elementCount": problem.elements.count,
      "candidateCount": problem.candidates.count,
      "infeasible": elements(problem.infeasible),
      "placements": solution.placements.map { choice -> [String: Any] in
        [
          "node": graph.name(of: choice.node),
          "capability": SupplyChainItems.capabilityClauses[choice.capability],
          "cost": choice.cost,
        ]
      },
      "cost": solution.cost,
      "gap": solution.gap,
      "provenOptimal": solution.isProvenOptimal,
      "method": solution.method,
      "solveSeconds": solution.seconds,
      "totalSeconds": totalSeconds,
      "addressedCount": solution.addressedCount,
      "unaddressed": elements(solution.unaddressed),
      "verification": [
        "verified": check.isVerified,
        "targetCount": check.targetCount,
        "clearTargetCount": check.clearTargetCount,
        "remaining": elements(check.remaining),
        "contradictions": elements(check.contradictions),
      ] as [String: Any],
    ]
    if let budget = solution.budget {
      document["budget"] = budget
      document["addressedUpperBound"] = solution.addressedUpperBound
    } else {
      document["lowerBound"] = solution.lowerBound
      if let bound = solution.anyPlacementLowerBound {
        document["anyPlacementLowerBound"] = bound
      }
      if let exact = solution.isFormulationExact { document["formulationExact"] = exact }
    }
    return PropagationReport.jsonText(document)
  }
}
