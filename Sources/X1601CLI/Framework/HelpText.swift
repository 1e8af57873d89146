/// Builds the help texts: OVERVIEW, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS.
enum HelpText {
  /// The help of one subcommand.
  static func forCommand(_ command: any Command) -> String {
    var text = "OVERVIEW: \(command.overview)\n\n"
    text += "USAGE: \(usageLine(command))\n"

    if !command.arguments.isEmpty {
      text += "\nARGUMENTS:\n"
      for argument in command.arguments {
        text += row(argument.name + (argument.isRepeating ? "..." : ""), argument.help)
      }
    }

    text += "\nOPTIONS:\n"
    for option in command.options {
      var help = option.help
      if let defaultValue = option.defaultValue {
        help += " (default: \(defaultValue))"
      }
      text += row(optionLabel(option), help)
    }
    text += row("-h, --help", "Show this help.")

    if !command.examples.isEmpty {
      text += "\nEXAMPLES:\n"
      for example in command.examples {
        text += "  x1601 \(example)\n"
      }
    }
    return text
  }

  /// The help of the tool itself.
  static func forTool(_ commands: [any Command], version: String) -> String {
    var text = "OVERVIEW: x1601 \(version): security framework analysis after ITU-T X.1601.\n\n"
    text += "USAGE: x1601 SUBCOMMAND [options] ARGS\n"
    text += "\nOPTIONS:\n"
    text += row("--version", "Show the version.")
    text += row("-h, --help", "Show this help.")
    text += "\nSUBCOMMANDS:\n"
    for command in commands {
      text += row(command.name, command.summary)
    }
    text += row("help", "Show the help of a subcommand: x1601 help SUBCOMMAND.")
    text += "\nRun 'x1601 help SUBCOMMAND' for the options of a subcommand.\n"
    return text
  }

  /// `x1601 name ARG... [--option VALUE]`.
  static func usageLine(_ command: any Command) -> String {
    var parts = ["x1601", command.name]
    for argument in command.arguments {
      var name = argument.name + (argument.isRepeating ? "..." : "")
      if argument.isOptional { name = "[\(name)]" }
      parts.append(name)
    }
    for option in command.options {
      parts.append("[\(optionLabel(option))]")
    }
    return parts.joined(separator: " ")
  }

  private static func optionLabel(_ option: OptionSpec) -> String {
    let placeholder: String
    switch option.kind {
    case .flag:
      return "--\(option.name)"
    case .value(let name):
      placeholder = option.allowedValues?.joined(separator: "|") ?? name
      return "--\(option.name) \(placeholder)"
    case .repeating(let name):
      return "--\(option.name) \(name) ..."
    case .optionalValue(let name):
      return "--\(option.name) [\(name)]"
    }
  }

  private static func row(_ label: String, _ help: String) -> String {
    let width = 26
    if label.count + 2 >= width {
      return "  \(label)\n" + String(repeating: " ", count: width) + help + "\n"
    }
    return "  " + label + String(repeating: " ", count: width - 2 - label.count) + help + "\n"
  }
}
