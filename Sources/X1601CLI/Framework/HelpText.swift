/// Builds the help texts: OVERVIEW, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS.
enum HelpText {
  /// The help of one subcommand.
  static func forCommand(_ command: any Command) -> String {
    var text = wrap("OVERVIEW: \(command.overview)", indent: 0) + "\n"
    text += wrap(["USAGE:"] + usageParts(command), indent: 7)

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
        let sentence = help.hasSuffix(".") ? String(help.dropLast()) : help
        help = sentence + " (default: \(defaultValue))."
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
    usageParts(command).joined(separator: " ")
  }

  /// The words of the usage line; bracketed groups stay whole when the line is wrapped.
  static func usageParts(_ command: any Command) -> [String] {
    var parts = ["x1601", command.name]
    for argument in command.arguments {
      var name = argument.name + (argument.isRepeating ? "..." : "")
      if argument.isOptional { name = "[\(name)]" }
      parts.append(name)
    }
    for option in command.options {
      parts.append("[\(longOptionLabel(option))]")
    }
    return parts
  }

  private static func optionLabel(_ option: OptionSpec) -> String {
    guard let shortName = option.shortName else { return longOptionLabel(option) }
    return "-\(shortName), " + longOptionLabel(option)
  }

  private static func longOptionLabel(_ option: OptionSpec) -> String {
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

  /// Help lines are wrapped to this many characters.
  static let lineWidth = 80
  /// Column where the help of an option or argument starts.
  private static let helpColumn = 26

  private static func row(_ label: String, _ help: String) -> String {
    let words = help.split(separator: " ").map(String.init)
    if label.count + 2 >= helpColumn {
      let padding = String(repeating: " ", count: helpColumn)
      return "  \(label)\n" + wrap(words, indent: helpColumn, prefix: padding)
    }
    let prefix = "  " + label + String(repeating: " ", count: helpColumn - 2 - label.count)
    return wrap(words, indent: helpColumn, prefix: prefix)
  }

  /// Breaks `text` at spaces into lines of at most `lineWidth` characters; continuation lines
  /// start with `indent` spaces. Ends with a newline.
  static func wrap(_ text: String, indent: Int) -> String {
    wrap(text.split(separator: " ").map(String.init), indent: indent)
  }

  /// Joins `words` with spaces into lines of at most `lineWidth` characters, the first one
  /// after `prefix`; a word longer than a line keeps a line of its own.
  static func wrap(_ words: [String], indent: Int, prefix: String = "") -> String {
    var lines: [String] = []
    var current = prefix
    var currentHasWord = false
    for word in words {
      if currentHasWord && current.count + 1 + word.count > lineWidth {
        lines.append(current)
        current = String(repeating: " ", count: indent) + word
      } else {
        current += (currentHasWord ? " " : "") + word
      }
      currentHasWord = true
    }
    lines.append(current)
    return lines.joined(separator: "\n") + "\n"
  }
}
