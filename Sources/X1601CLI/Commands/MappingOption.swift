import X1601Catalog

/// The `--mapping FILE` option shared by the commands that use Table I.1.
enum MappingOption {
  static let spec = OptionSpec(
    "mapping", .value(placeholder: "FILE"),
    help:
      "Use the threat-to-capability grid in the CSV file FILE instead of the shipped "
      + "Table I.1 (format: Datasets/x1601/MAPPING-FORMAT.md).")

  /// The mapping named by `--mapping`, or Table I.1.
  ///
  /// - Throws: `CLIError.failure` naming the file, line, column, value and fix.
  static func load(_ path: String?) throws(CLIError) -> Mapping {
    guard let path else { return .tableI1 }
    do {
      return try Mapping.load(path: path)
    } catch {
      throw .failure(error.description)
    }
  }
}
