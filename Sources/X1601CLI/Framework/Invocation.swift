/// The parsed arguments of one subcommand run.
public struct Invocation: Sendable {
  /// Positional arguments, in order, including those after `--`.
  public var positionals: [String]
  /// Values per option name; a flag, or an optional-value option given without a value, has
  /// one empty string per occurrence.
  var values: [String: [String]]

  public init(positionals: [String] = [], values: [String: [String]] = [:]) {
    self.positionals = positionals
    self.values = values
  }

  /// Whether the option `name` was given.
  public func isPresent(_ name: String) -> Bool {
    values[name] != nil
  }

  /// The last value of option `name`, or nil when absent or given without a value.
  public func value(_ name: String) -> String? {
    guard let last = values[name]?.last, !last.isEmpty else { return nil }
    return last
  }

  /// All values of a repeating option, in the order given.
  public func allValues(_ name: String) -> [String] {
    values[name] ?? []
  }
}

/// The outcome of parsing: run the command, or show its help.
enum ParseOutcome {
  case run(Invocation)
  case help
}

/// Parses the arguments of one subcommand against its specifications.
enum ArgumentParser {
  /// Parses `arguments` (after the subcommand name).
  ///
  /// - Throws: `CLIError.usage` naming the offending argument and the fix.
  static func parse(
    _ arguments: [String], for command: any Command
  ) throws(CLIError)
    -> ParseOutcome
  {
    var invocation = Invocation()
    var index = 0
    var onlyPositionals = false

    while index < arguments.count {
      let argument = arguments[index]
      index += 1

      if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
        invocation.positionals.append(argument)
        continue
      }
      if argument == "--" {
        onlyPositionals = true
        continue
      }
      if argument == "-h" || argument == "--help" {
        return .help
      }
      let name: String
      var inlineValue: String? = nil
      if argument.hasPrefix("--") {
        let body = argument.dropFirst(2)
        if let equals = body.firstIndex(of: "=") {
          name = String(body[..<equals])
          inlineValue = String(body[body.index(after: equals)...])
        } else {
          name = String(body)
        }
      } else if argument.count == 2,
        let option = command.options.first(where: { $0.shortName == argument.last })
      {
        name = option.name
      } else {
        let aliases = command.options.compactMap { option in
          option.shortName.map { "-\($0) for --\(option.name)" }
        }
        let hint = aliases.isEmpty ? "" : "; short forms: " + aliases.joined(separator: ", ")
        throw .usage(
          "unknown option \"\(argument)\"; options are long, such as --format\(hint) "
            + "(run 'x1601 help \(command.name)')")
      }

      if name == "help" {
        throw .usage(
          "option --help takes no value, found \"\(inlineValue ?? "")\"; write --help alone")
      }
      guard let option = command.options.first(where: { $0.name == name }) else {
        throw .usage(unknownOptionMessage(name, command: command))
      }

      let value: String
      switch option.kind {
      case .flag:
        if let inlineValue {
          throw .usage(
            "option --\(name) takes no value, found \"\(inlineValue)\"; write --\(name) alone")
        }
        value = ""
      case .value(let placeholder), .repeating(let placeholder):
        if let inlineValue {
          value = inlineValue
        } else if index < arguments.count {
          value = arguments[index]
          index += 1
        } else {
          throw .usage(
            "option --\(name) needs a value; write --\(name) \(placeholder)")
        }
        if value.isEmpty {
          throw .usage("option --\(name) has an empty value; write --\(name) \(placeholder)")
        }
      case .optionalValue(let placeholder):
        if let inlineValue {
          // `--mapping=` with nothing after "=" is a slip, not a request for the default.
          if inlineValue.isEmpty {
            throw .usage(
              "option --\(name) has an empty value; write --\(name) \(placeholder) or --\(name) "
                + "alone")
          }
          value = inlineValue
        } else if index < arguments.count, !arguments[index].hasPrefix("-") {
          value = arguments[index]
          index += 1
        } else {
          value = ""
        }
      }

      if let allowed = option.allowedValues, !value.isEmpty, !allowed.contains(value) {
        throw .usage(
          "invalid value \"\(value)\" for --\(name); use \(listing(allowed, conjunction: "or"))")
      }
      invocation.values[name, default: []].append(value)
    }

    try checkPositionals(invocation.positionals, for: command)
    return .run(invocation)
  }

  private static func checkPositionals(
    _ positionals: [String], for command: any Command
  )
    throws(CLIError)
  {
    let specs = command.arguments
    let required = specs.filter { !$0.isOptional }.count
    let unlimited = specs.contains { $0.isRepeating }

    if positionals.count < required {
      let missing = specs.filter { !$0.isOptional }[positionals.count]
      throw .usage(
        "missing argument \(missing.name); run 'x1601 help \(command.name)' for usage")
    }
    if !unlimited, positionals.count > specs.count {
      let extra = positionals[specs.count]
      throw .usage(
        "unexpected argument \"\(extra)\"; 'x1601 \(command.name)' takes "
          + (specs.isEmpty ? "no arguments" : specs.map(\.name).joined(separator: " ")))
    }
  }

  private static func unknownOptionMessage(_ name: String, command: any Command) -> String {
    let names = command.options.map(\.name) + ["help"]
    let closest = names.min { editDistance($0, name) < editDistance($1, name) }
    if let closest, editDistance(closest, name) <= max(2, name.count / 3) {
      return "unknown option \"--\(name)\" for \(command.name); did you mean --\(closest)?"
    }
    let known = command.options.map { "--" + $0.name }
    return
      "unknown option \"--\(name)\" for \(command.name); "
      + (known.isEmpty
        ? "it takes no options besides --help"
        : "its options are \(listing(known, conjunction: "and"))")
  }
}

/// "a", "a or b", "a, b or c".
func listing(_ values: [String], conjunction: String) -> String {
  guard values.count > 1 else { return values.first ?? "" }
  return values.dropLast().joined(separator: ", ") + " \(conjunction) " + values.last!
}

/// Levenshtein distance between two short strings.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
