/// A problem in a supply chain model or an imported file, with where it is.
public struct ModelProblem: Sendable, Equatable, CustomStringConvertible {
  /// Where the problem is: a JSON path such as `$.services[3].dependsOn[1]`, or `line 12`.
  public var location: String
  /// What is wrong, with the value and the fix.
  public var message: String

  public init(location: String, message: String) {
    self.location = location
    self.message = message
  }

  public var description: String { "\(location): \(message)" }
}

/// The errors of reading, validating and importing supply chain models.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file could not be read.
  case unreadable(file: String, reason: String)
  /// The file is not valid JSON.
  case invalidJSON(file: String, detail: String)
  /// The file's content breaks the format; every problem found is listed.
  case invalid(file: String, problems: [ModelProblem], total: Int)
  /// The file's format could not be recognised.
  case unknownFormat(file: String)
  /// A helper program failed, such as `xz` for compressed files.
  case toolFailed(file: String, tool: String, detail: String)

  /// How many problems `invalid` lists in full.
  public static let listedLimit = 50

  /// Builds `invalid` from all the problems found, keeping the first `listedLimit`.
  static func invalid(file: String, all problems: [ModelProblem]) -> ModelError {
    .invalid(
      file: file, problems: Array(problems.prefix(listedLimit)), total: problems.count)
  }

  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read the file: \(reason)"
    case .invalidJSON(let file, let detail):
      return "\(file): invalid JSON: \(detail): check that the file is complete and well formed"
    case .invalid(let file, let problems, let total):
      var lines = problems.map { "\(file): \($0)" }
      if total > problems.count {
        lines.append("\(file): \(total - problems.count) more problems not listed")
      }
      return lines.joined(separator: "\n")
    case .unknownFormat(let file):
      return
        "\(file): unrecognised format: expected an x1601 JSON model, a CycloneDX JSON file or "
        + "a Debian Packages file (plain or .xz)"
    case .toolFailed(let file, let tool, let detail):
      return "\(file): \(tool) failed: \(detail)"
    }
  }
}
