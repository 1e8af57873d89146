import X1601IO

/// `x1601 import cyclonedx|debian FILE --output MODEL`: converts a real supply chain into an
/// x1601 JSON model.
struct ImportCommand: Command {
  let name = "import"
  let summary = "Import a CycloneDX file or a Debian Packages index as a JSON model."
  let overview =
    "Reads FILE in the given format and writes the supply chain as an x1601 JSON model "
    + "(docs/model-format.md), replacing MODEL atomically. CycloneDX JSON documents of "
    + "specification 1.2 to 1.6 give components, services, providers, suppliers, the "
    + "dependency graph, trust boundaries and data classifications. Debian Packages indexes, "
    + "plain or xz-compressed, give packages, maintainers and Depends and Pre-Depends "
    + "relations; alternatives are read as --alternatives says. Problems that the import "
    + "skips over are printed on stderr as warnings."

  var arguments: [ArgumentSpec] {
    [
      ArgumentSpec("FORMAT", help: "cyclonedx or debian."),
      ArgumentSpec("FILE", help: "The file to import."),
    ]
  }

  var options: [OptionSpec] {
    [
      OptionSpec(
        "output", .value(placeholder: "MODEL"),
        help: "Write the model to MODEL (replaced atomically) instead of standard output."),
      OptionSpec(
        "alternatives", .value(placeholder: "MODE"),
        help:
          "For Debian indexes, how `a | b` reads: any (affected when any alternative is), "
          + "first (only the first alternative), or all (an any-of group).",
        allowedValues: DebianAlternatives.allCases.map(\.rawValue), defaultValue: "any"),
    ]
  }

  var examples: [String] {
    [
      "import cyclonedx saasbom.json --output saasbom-model.json",
      "import debian bookworm-main-amd64-Packages.xz --output bookworm.json --alternatives all",
    ]
  }

  func run(_ invocation: Invocation, context: OutputContext) throws {
    let formatName = invocation.positionals[0]
    let path = invocation.positionals[1]
    let alternatives =
      invocation.value("alternatives").flatMap(DebianAlternatives.init(rawValue:)) ?? .any
    guard formatName == "cyclonedx" || formatName == "debian" else {
      throw CLIError.usage("invalid FORMAT \"\(formatName)\"; use cyclonedx or debian")
    }
    let result: ImportResult
    do {
      if formatName == "cyclonedx" {
        result = try CycloneDXImporter.read(from: path)
      } else {
        result = try DebianPackagesImporter.read(from: path, alternatives: alternatives)
      }
    } catch {
      throw CLIError.failure(error.description)
    }
    for warning in result.warnings.prefix(20) {
      context.writeError("warning: \(path): \(warning)\n")
    }
    if result.warningCount > 20 {
      context.writeError("warning: \(path): \(result.warningCount - 20) more warnings\n")
    }
    let model = result.model
    do {
      _ = try model.makeSupplyChain(file: path)
    } catch {
      throw CLIError.failure(error.description)
    }
    try context.deliver(model.jsonText(), to: invocation.value("output"))
    if let output = invocation.value("output"), output != "-" {
      context.writeOutput(
        "\(output): \(model.parties.count) parties, \(model.services.count) services, "
          + "\(model.components.count) components\n")
    }
  }
}
