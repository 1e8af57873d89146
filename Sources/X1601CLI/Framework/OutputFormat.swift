/// The output formats that report commands offer through `--format`.
public enum OutputFormat: String, CaseIterable, Sendable {
  case text, markdown, json, csv

  /// The `--format` option accepting every format.
  public static let option = OptionSpec(
    "format", .value(placeholder: "FORMAT"),
    help: "Output format: text, markdown, json or csv.",
    allowedValues: OutputFormat.allCases.map(\.rawValue), defaultValue: "text")

  /// The `--output` option that writes the result to a file atomically.
  public static let outputOption = OptionSpec(
    "output", .value(placeholder: "FILE"),
    help: "Write the result to FILE (replaced atomically) instead of standard output.")

  /// The format that `invocation` asks for, text by default.
  public static func from(_ invocation: Invocation) -> OutputFormat {
    invocation.value("format").flatMap(OutputFormat.init(rawValue:)) ?? .text
  }
}
