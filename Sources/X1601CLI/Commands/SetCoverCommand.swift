import Foundation
import X1601SetCover

/// `x1601 setcover`: solves a weighted set-cover instance in OR-Library format.
struct SetCoverCommand: Command {
  let name = "setcover"
  let summary = "Solve a weighted set-cover instance in OR-Library format."
  let overview =
    "Reads a set-cover instance in OR-Library format (Beasley's layout, or the rail layout, "
    + "detected from the file's structure) and finds a cover of least cost. Prints the cover's "
    + "cost, a proven lower bound, the gap between them, whether the cover is proven optimal, "
    + "and the time. The heuristic mode runs reductions, a Lagrangian heuristic and a "
    + "row-weighting local search, and stops when the cover is proven optimal or stops "
    + "improving, or at the time limit. The exact mode continues with branch and bound or the "
    + "CBC solver until the optimum is proven or the time limit is reached. Column numbers in "
    + "the output are 1-based, as in the file."

  var arguments: [ArgumentSpec] {
    [ArgumentSpec("FILE", help: "The instance file.")]
  }

  var options: [OptionSpec] {
    [
      OptionSpec("exact", .flag, help: "Search until the optimum is proven or time runs out."),
      OptionSpec(
        "heuristic", .flag,
        help: "Stop when the heuristic stops improving, without a proof (the default)."),
      OptionSpec(
        "time-limit", .value(placeholder: "SECONDS"),
        help: "Wall-clock limit in seconds for the whole solve, in both modes.",
        defaultValue: "60"),
      OptionSpec(
        "seed", .value(placeholder: "N"),
        help: "Seed of the heuristic's random perturbations, a whole number.", defaultValue: "1"
      ),
      OptionSpec(
        "format", .value(placeholder: "FORMAT"), help: "Output format: text or json.",
        allowedValues: ["text", "json"], defaultValue: "text"),
      OptionSpec("rail", .flag, help: "Read the rail layout without detecting it."),
      OptionSpec("beasley", .flag, help: "Read Beasley's layout without detecting it."),
      OptionSpec("unicost", .flag, help: "Set every column's cost to 1 before solving."),
    ]
  }

  var examples: [String] {
    [
      "setcover scp41.txt", "setcover --exact --time-limit 120 scpa1.txt",
      "setcover --rail --format json rail507",
    ]
  }

  func run(_ invocation: Invocation, context: OutputContext) throws {
    var options = try parseOptions(invocation)
    if context.errorIsTerminal {
      let writer = ProgressWriter(write: context.writeError)
      options.progress = { writer.write($0) }
    }
    let path = invocation.positionals[0]
    let format: ORLibraryFormat?
    switch (invocation.isPresent("rail"), invocation.isPresent("beasley")) {
    case (true, true): throw CLIError.usage("give at most one of --rail and --beasley")
    case (true, false): format = .rail
    case (false, true): format = .beasley
    case (false, false): format = nil
    }

    var instance: SetCoverInstance
    do {
      instance = try ORLibraryReader.read(path: path, format: format)
    } catch let error as SetCoverError {
      throw CLIError.failure(error.description)
    }
    if invocation.isPresent("unicost") {
      instance = instance.unicost()
    }

    let solution: SetCoverSolution
    do {
      solution = try SetCoverSolver.solve(instance, options: options)
    } catch let error as SetCoverError {
      throw CLIError.failure("\(path): \(error.description)")
    }

    let mode = options.mode.rawValue
    if invocation.value("format") == "json" {
      context.writeOutput(json(path: path, instance: instance, mode: mode, solution: solution))
    } else {
      context.writeOutput(text(path: path, instance: instance, mode: mode, solution: solution))
    }
  }

  private func parseOptions(_ invocation: Invocation) throws -> SetCoverOptions {
    if invocation.isPresent("exact") && invocation.isPresent("heuristic") {
      throw CLIError.usage("give at most one of --exact and --heuristic")
    }
    var options = SetCoverOptions(mode: invocation.isPresent("exact") ? .exact : .heuristic)
    if let text = invocation.value("time-limit") {
      guard let seconds = Double(text), seconds.isFinite, seconds > 0 else {
        throw CLIError.usage(
          "invalid time limit \"\(text)\"; give a positive number of seconds, such as 30")
      }
      options.timeLimit = seconds
    }
    if let text = invocation.value("seed") {
      guard let seed = UInt64(text) else {
        throw CLIError.usage(
          "invalid seed \"\(text)\"; give a whole number from 0 to \(UInt64.max)")
      }
      options.seed = seed
    }
    return options
  }

  private func number(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 {
      return String(Int64(value))
    }
    return String(format: "%.6g", value)
  }

  private func text(
    path: String, instance: SetCoverInstance, mode: String, solution: SetCoverSolution
  ) -> String {
    var lines: [String] = []
    lines.append(
      "instance  \(path) (\(instance.rowCount) rows, \(instance.columnCount) columns, "
        + "\(instance.nonzeroCount) nonzeros)")
    lines.append("mode      \(mode)")
    lines.append("method    \(methodDescription(solution.method))")
    lines.append("value     \(number(solution.cost))")
    lines.append("bound     \(number(solution.lowerBound))")
    lines.append("gap       \(String(format: "%.2f", solution.gap * 100)) %")
    lines.append("optimal   \(solution.isProvenOptimal ? "proven" : "not proven")")
    lines.append("time      \(String(format: "%.3f", solution.seconds)) s")
    let columns = solution.columns.map { String($0 + 1) }.joined(separator: " ")
    lines.append("cover     \(solution.columns.count) columns: \(columns)")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Describes `SetCoverSolution.method` in words: the stage that found the cover or proved it
  /// optimal.
  private func methodDescription(_ method: String) -> String {
    switch method {
    case "lagrangian": return "Lagrangian heuristic and row-weighting local search"
    case "lagrangian-fixing": return "reduced-cost fixing on the Lagrangian bound"
    case "branch-and-bound": return "branch and bound"
    case "cbc": return "CBC solver"
    case "reductions": return "reductions alone"
    default: return method
    }
  }

  /// `value`, or JSON null when it is infinite or NaN, which JSON cannot represent.
  private func finiteOrNull(_ value: Double) -> Any {
    value.isFinite ? value : NSNull()
  }

  private func json(
    path: String, instance: SetCoverInstance, mode: String, solution: SetCoverSolution
  ) -> String {
    let object: [String: Any] = [
      "instance": path,
      "rows": instance.rowCount,
      "columns": instance.columnCount,
      "nonzeros": instance.nonzeroCount,
      "mode": mode,
      "method": solution.method,
      "value": finiteOrNull(solution.cost),
      "bound": finiteOrNull(solution.lowerBound),
      "gap": finiteOrNull(solution.gap),
      "provenOptimal": solution.isProvenOptimal,
      "seconds": solution.seconds,
      "cover": solution.columns.map { Int($0) + 1 },
    ]
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

/// Writes solver progress to a terminal, one line per improvement.
///
/// The solver calls it from its own thread only, one call at a time, so the unguarded state is
/// safe.
private final class ProgressWriter: @unchecked Sendable {
  let writeLine: (String) -> Void

  init(write: @escaping (String) -> Void) {
    writeLine = write
  }

  func write(_ progress: SetCoverProgress) {
    let cost = progress.bestCost.isFinite ? String(format: "%.0f", progress.bestCost) : "-"
    writeLine(
      String(
        format: "%8.2f s  value %@  bound %.2f\n", progress.seconds, cost, progress.lowerBound))
  }
}
