import X1601Analysis
import X1601Catalog

/// `x1601 assess PROFILE`: the three steps of clause 10 for one service profile.
struct AssessCommand: Command {
  let name = "assess"
  let summary = "Run the clause 10 analysis on a service profile."
  let overview =
    "Runs the framework methodology of clause 10 of ITU-T X.1601 on a service profile. Step 1 "
    + "lists which threats and challenges apply, like Table 1 of the standard. Step 2 gives "
    + "every minimum-size set of capabilities that addresses them and the minimum-cost set, "
    + "both exact, and names the items no allowed capability addresses. Step 3 lists the "
    + "control areas the standard derives from the chosen capabilities."

  var arguments: [ArgumentSpec] {
    [
      ArgumentSpec(
        "PROFILE", help: "Service profile JSON file (format: Datasets/x1601/PROFILE-SCHEMA.md).")
    ]
  }

  var options: [OptionSpec] {
    [OutputFormat.option, MappingOption.spec, OutputFormat.outputOption]
  }

  var examples: [String] {
    [
      "assess Datasets/x1601/file-storage.json",
      "assess Datasets/x1601/iaas-compute.json --format json --output report.json",
    ]
  }

  func run(_ invocation: Invocation, context: OutputContext) throws {
    let path = invocation.positionals[0]
    let mapping = try MappingOption.load(invocation.value("mapping"))
    let profile: ServiceProfile
    do {
      profile = try ServiceProfile.load(path: path)
    } catch {
      throw CLIError.failure(error.description)
    }

    let assessment = Assessment(profile: profile, mapping: mapping)
    let report = AssessmentReport(catalog: assessment.catalog, markdown: false)
    let text: String
    switch OutputFormat.from(invocation) {
    case .text:
      text = report.assessment(assessment)
    case .markdown:
      text = AssessmentReport(catalog: assessment.catalog, markdown: true).assessment(assessment)
    case .json:
      text = try AssessmentDocument(assessment).jsonText()
    case .csv:
      text = report.csv(assessment, selection: assessment.step2)
    }
    try context.deliver(text, to: invocation.value("output"))
  }
}
