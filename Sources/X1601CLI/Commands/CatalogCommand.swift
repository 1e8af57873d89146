import X1601Catalog

/// `x1601 catalog`: lists the threats, challenges and capabilities, or the Table I.1 mapping.
struct CatalogCommand: Command {
  let name = "catalog"
  let summary = "List the catalog of clauses 7 to 9, or Table I.1."
  let overview =
    "Lists the threats (clause 7), challenges (clause 8) and security capabilities (clause 9) "
    + "of ITU-T X.1601 with the cross-references its text states. With --mapping, prints the "
    + "Table I.1 grid of which capabilities address which threat or challenge, with the "
    + "provenance of each row and the reasoning behind each cell not known from the published "
    + "table."

  var options: [OptionSpec] {
    [
      OptionSpec(
        "mapping", .optionalValue(placeholder: "FILE"),
        help:
          "Print the mapping grid instead of the catalog: the shipped Table I.1, or the CSV "
          + "file FILE after validating it."),
      OutputFormat.option,
      OutputFormat.outputOption,
    ]
  }

  var examples: [String] {
    ["catalog", "catalog --mapping --format csv", "catalog --mapping my-mapping.csv"]
  }

  func run(_ invocation: Invocation, context: OutputContext) throws {
    let format = OutputFormat.from(invocation)
    let mapping = try MappingOption.load(invocation.value("mapping"))
    let catalog = Catalog.standard

    let text: String
    if invocation.isPresent("mapping") {
      text = CatalogReport.mapping(mapping, catalog: catalog, format: format)
    } else {
      text = CatalogReport.catalog(catalog, mapping: mapping, format: format)
    }
    try context.deliver(text, to: invocation.value("output"))
  }
}
