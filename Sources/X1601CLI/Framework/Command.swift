/// A subcommand of the `x1601` tool.
///
/// To add one, write a type that conforms to `Command` in its own file under
/// `Sources/X1601CLI/Commands/` and list it in `CommandRegistry.commands`. The framework parses
/// the arguments against `options` and `arguments`, handles `-h`, `--help` and `help NAME` from
/// the same specifications, and maps thrown errors to exit codes.
public protocol Command: Sendable {
  /// The subcommand's name, such as "assess".
  var name: String { get }
  /// One line for the list of subcommands.
  var summary: String { get }
  /// The OVERVIEW paragraph of the help text.
  var overview: String { get }
  /// Positional arguments, in order.
  var arguments: [ArgumentSpec] { get }
  /// Options, without `-h/--help`, which every subcommand gets.
  var options: [OptionSpec] { get }
  /// Example invocations shown at the end of the help text, without the leading "x1601 ".
  var examples: [String] { get }

  /// Runs the subcommand.
  ///
  /// - Throws: `CLIError.usage` for invalid arguments (exit status 64) and any other error for
  ///   a failure (exit status 1); the error's description is printed as one line on stderr.
  func run(_ invocation: Invocation, context: OutputContext) throws
}

extension Command {
  public var overview: String { summary }
  public var arguments: [ArgumentSpec] { [] }
  public var options: [OptionSpec] { [] }
  public var examples: [String] { [] }
}

/// A positional argument of a subcommand.
public struct ArgumentSpec: Sendable {
  /// The placeholder shown in help, such as "PROFILE".
  public var name: String
  public var help: String
  /// Whether the argument may be left out.
  public var isOptional: Bool
  /// Whether the argument takes all remaining positional values (at least one unless optional).
  public var isRepeating: Bool

  public init(_ name: String, help: String, isOptional: Bool = false, isRepeating: Bool = false) {
    self.name = name
    self.help = help
    self.isOptional = isOptional
    self.isRepeating = isRepeating
  }
}

/// An option of a subcommand, written `--name` on the command line.
public struct OptionSpec: Sendable {
  /// The way an option takes values.
  public enum Kind: Sendable, Equatable {
    /// No value: `--verbose`.
    case flag
    /// Exactly one value, `--format json` or `--format=json`; the last occurrence wins.
    case value(placeholder: String)
    /// One value per occurrence, collected in order: `--cost 9.1=2 --cost 9.2=3`.
    case repeating(placeholder: String)
    /// A flag that may take a value: `--mapping` alone, or `--mapping FILE` when the next
    /// argument does not start with "-", or `--mapping=FILE`.
    case optionalValue(placeholder: String)
  }

  /// The long name in kebab case, without the leading dashes.
  public var name: String
  public var kind: Kind
  /// The one-letter alias, written `-o FILE`, that options with a conventional name get.
  public var shortName: Character? { OptionSpec.conventionalShortNames[name] }

  /// The one-letter aliases that command-line tools conventionally give to some long options.
  static let conventionalShortNames: [String: Character] = ["output": "o"]
  public var help: String
  /// The values accepted, when the option takes one of a fixed list; checked by the parser.
  public var allowedValues: [String]?
  /// The value used when the option is absent, shown in help.
  public var defaultValue: String?

  public init(
    _ name: String, _ kind: Kind, help: String, allowedValues: [String]? = nil,
    defaultValue: String? = nil
  ) {
    self.name = name
    self.kind = kind
    self.help = help
    self.allowedValues = allowedValues
    self.defaultValue = defaultValue
  }
}
