import X1601Analysis
import X1601Catalog

/// `x1601 cover ITEM...`: step 2 of clause 10 for threats and challenges named on the command
/// line.
struct CoverCommand: Command {
  let name = "cover"
  let summary = "Find minimum capability sets that address given items."
  let overview =
    "Computes step 2 of clause 10 of ITU-T X.1601 for the threats and challenges given: every "
    + "minimum-size set of capabilities (clause 9) that addresses all of them, and the "
    + "minimum-cost set, both exact. Items that no allowed capability addresses are reported "
    + "and the rest are still covered."

  var arguments: [ArgumentSpec] {
    [
      ArgumentSpec(
        "ITEM", help: "Threat or challenge by clause number (7.1.1) or unique title.",
        isRepeating: true)
    ]
  }

  var options: [OptionSpec] {
    [
      OptionSpec(
        "cost", .repeating(placeholder: "CAP=VALUE"),
        help: "Cost of capability CAP, a number of 0 or more and below 1e12; every other costs 1."),
      OptionSpec(
        "implemented", .repeating(placeholder: "CAP"),
        help: "Capability already in place: in every cover at cost 0."),
      OptionSpec(
        "require", .repeating(placeholder: "CAP"), help: "Capability every cover must contain."),
      OptionSpec(
        "exclude", .repeating(placeholder: "CAP"), help: "Capability no cover may contain."),
      OutputFormat.option,
      MappingOption.spec,
      OutputFormat.outputOption,
    ]
  }

  var examples: [String] {
    [
      "cover 7.1.1 8.1.5 8.2.9",
      "cover 7.1.2 \"Loss of trust\" --cost 9.12=5 --exclude 9.1 --format json",
    ]
  }

  func run(_ invocation: Invocation, context: OutputContext) throws {
    let catalog = Catalog.standard
    let mapping = try MappingOption.load(invocation.value("mapping"))

    var targets = ItemSet.empty
    for query in invocation.positionals {
      do {
        let item = try catalog.resolve(query, in: .item)
        if targets.contains(item) {
          throw CLIError.usage(
            "item \"\(query)\" is given twice (clause \(catalog.items[item].clause)); "
              + "list each threat or challenge once")
        }
        targets.insert(item)
      } catch let error as CatalogError {
        throw CLIError.usage("argument \"\(query)\": \(error.description)")
      }
    }

    var costs = [Double](repeating: 1, count: catalog.capabilities.count)
    var costGiven = CapabilitySet.empty
    for assignment in invocation.allValues("cost") {
      let (capability, cost) = try parseCost(assignment, catalog: catalog)
      if costGiven.contains(capability) {
        throw CLIError.usage(
          "--cost \(assignment): capability \(catalog.capabilities[capability].clause) already "
            + "has a cost; give each capability's cost once")
      }
      costGiven.insert(capability)
      costs[capability] = cost
    }

    let implemented = try capabilities("implemented", invocation, catalog)
    let required = try capabilities("require", invocation, catalog)
    let excluded = try capabilities("exclude", invocation, catalog)
    let conflicting = CapabilitySet(
      rawValue: (implemented.rawValue | required.rawValue) & excluded.rawValue)
    if let capability = conflicting.indices.first {
      throw CLIError.usage(
        "capability \(catalog.capabilities[capability].clause) is given to --exclude and to "
          + "--require or --implemented; remove it from one of them")
    }

    let selection = CapabilitySelection(
      targets: targets, mapping: mapping, costs: costs, implemented: implemented,
      required: required, excluded: excluded)
    let listed = targets.indices.map { catalog.items[$0].clause }.joined(separator: ", ")
    let title = "Step 2: capabilities that address \(listed)"
    let text: String
    switch OutputFormat.from(invocation) {
    case .text:
      text = AssessmentReport(catalog: catalog, markdown: false).step2(
        selection, mapping: mapping, title: title)
    case .markdown:
      text = AssessmentReport(catalog: catalog, markdown: true).step2(
        selection, mapping: mapping, title: title)
    case .json:
      text = try AssessmentDocument(selection: selection, mapping: mapping, catalog: catalog)
        .jsonText()
    case .csv:
      text = AssessmentReport(catalog: catalog, markdown: false).csv(nil, selection: selection)
    }
    try context.deliver(text, to: invocation.value("output"))
  }

  private func parseCost(_ assignment: String, catalog: Catalog) throws(CLIError) -> (Int, Double) {
    guard let equals = assignment.firstIndex(of: "=") else {
      throw .usage("invalid --cost \"\(assignment)\"; write --cost CAP=VALUE, e.g. --cost 9.4=2.5")
    }
    let name = String(assignment[..<equals]).trimmingCharacters(in: .whitespaces)
    let valueText = String(assignment[assignment.index(after: equals)...])
      .trimmingCharacters(in: .whitespaces)
    let capability: Int
    do {
      capability = try catalog.resolve(name, in: .capability)
    } catch {
      throw .usage("--cost \"\(assignment)\": \(error.description)")
    }
    guard let cost = Double(valueText), cost.isFinite
    else {
      throw .usage(
        "invalid cost \"\(valueText)\" in --cost \(assignment); give a finite number such as 2.5")
    }
    if cost < 0 {
      throw .usage("negative cost \"\(valueText)\" in --cost \(assignment); give 0 or more")
    }
    if !CoverProblem.isValidCost(cost) {
      throw .usage(
        "cost too large \"\(valueText)\" in --cost \(assignment); give a cost below 1e12, so "
          + "that sums of costs stay exact")
    }
    return (capability, cost)
  }

  private func capabilities(
    _ option: String, _ invocation: Invocation, _ catalog: Catalog
  )
    throws(CLIError) -> CapabilitySet
  {
    var set = CapabilitySet.empty
    for query in invocation.allValues(option) {
      do {
        set.insert(try catalog.resolve(query, in: .capability))
      } catch {
        throw .usage("--\(option) \"\(query)\": \(error.description)")
      }
    }
    return set
  }
}
