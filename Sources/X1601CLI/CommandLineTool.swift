import Foundation

/// Entry point of the `x1601` command-line tool.
public enum CommandLineTool {
  /// The tool's version, printed by `x1601 --version`.
  public static let version = "0.1.0"

  /// Runs the tool with `arguments` (without the program name) and returns the exit status.
  ///
  /// Results go to `context.writeOutput`; errors go to `context.writeError` as one line.
  public static func run(
    arguments: [String], context: OutputContext = .standardStreams(),
    commands: [any Command] = CommandRegistry.commands
  ) -> Int32 {
    let toolHelp = HelpText.forTool(commands, version: version)
    guard let first = arguments.first else {
      context.writeError(toolHelp)
      return ExitStatus.usage
    }

    switch first {
    case "-h", "--help", "--version":
      if arguments.count > 1 {
        return report(
          .usage("unexpected argument \"\(arguments[1])\" after \(first); write \(first) alone"),
          prefix: "x1601", context: context)
      }
      context.writeOutput(first == "--version" ? "x1601 \(version)\n" : toolHelp)
      return ExitStatus.success
    case "help":
      if arguments.count > 2 {
        return report(
          .usage(
            "unexpected argument \"\(arguments[2])\"; write 'x1601 help' or "
              + "'x1601 help SUBCOMMAND'"),
          prefix: "x1601 help", context: context)
      }
      guard arguments.count > 1, arguments[1] != "help" else {
        context.writeOutput(toolHelp)
        return ExitStatus.success
      }
      guard let command = commands.first(where: { $0.name == arguments[1] }) else {
        return report(
          .usage(unknownSubcommandMessage(arguments[1], commands)), prefix: "x1601 help",
          context: context)
      }
      context.writeOutput(HelpText.forCommand(command))
      return ExitStatus.success
    default:
      break
    }

    guard let command = commands.first(where: { $0.name == first }) else {
      return report(
        .usage(unknownSubcommandMessage(first, commands)), prefix: "x1601", context: context)
    }

    let prefix = "x1601 \(command.name)"
    do {
      switch try ArgumentParser.parse(Array(arguments.dropFirst()), for: command) {
      case .help:
        context.writeOutput(HelpText.forCommand(command))
        return ExitStatus.success
      case .run(let invocation):
        try command.run(invocation, context: context)
        return ExitStatus.success
      }
    } catch let error as CLIError {
      return report(error, prefix: prefix, context: context)
    } catch {
      return report(.failure(String(describing: error)), prefix: prefix, context: context)
    }
  }

  private static func report(_ error: CLIError, prefix: String, context: OutputContext) -> Int32 {
    let line = printable(error.message.replacingOccurrences(of: "\n", with: " "))
    context.writeError("\(prefix): error: \(line)\n")
    return error.kind == .usage ? ExitStatus.usage : ExitStatus.failure
  }

  /// `text` with control characters other than tab written as `\u{XX}`, so that a value quoted
  /// from an input file cannot end the line or send escape sequences to a terminal.
  static func printable(_ text: String) -> String {
    var shown = ""
    for scalar in text.unicodeScalars {
      if (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) {
        shown += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        shown.unicodeScalars.append(scalar)
      }
    }
    return shown
  }

  private static func unknownSubcommandMessage(
    _ name: String, _ commands: [any Command]
  )
    -> String
  {
    let names = commands.map(\.name) + ["help"]
    if name.hasPrefix("-") {
      return "unknown option \"\(name)\"; options go after the subcommand, "
        + "such as 'x1601 assess --help'"
    }
    if let closest = names.min(by: { editDistance($0, name) < editDistance($1, name) }),
      editDistance(closest, name) <= 2
    {
      return "unknown subcommand \"\(name)\"; did you mean '\(closest)'? (run 'x1601 help')"
    }
    return
      "unknown subcommand \"\(name)\"; use one of \(listing(names, conjunction: "or")) "
      + "(run 'x1601 help')"
  }
}
