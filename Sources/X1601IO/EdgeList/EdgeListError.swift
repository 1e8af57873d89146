import X1601Graph

/// A failure to read or write a text edge list. Each description names the file and, for
/// syntax errors, the line and the token.
public enum EdgeListError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file could not be opened, examined or mapped.
  case unreadable(path: String, operation: String, code: Int32)
  /// A line breaks the syntax; `problem` says how and what to write instead.
  case syntax(path: String, line: Int, token: String, problem: String)
  /// The edges of a node need node kinds that no single kind satisfies.
  case conflictingKinds(path: String, line: Int, node: String, detail: String)
  /// The edges do not make a valid graph, for example too many nodes.
  case invalidGraph(path: String, detail: String)
  /// The file could not be written.
  case writeFailed(path: String, message: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let operation, let code):
      return "cannot \(operation) \(path): \(systemMessage(code)); check the path and permissions"
    case .syntax(let path, let line, let token, let problem):
      let shown = token.count > 60 ? String(token.prefix(60)) + "..." : token
      return "\(path):\(line): \(problem) (at \"\(shown)\")"
    case .conflictingKinds(let path, let line, let node, let detail):
      return
        "\(path):\(line): node \"\(node)\" \(detail); declare its kind with a "
        + "\"#node NAME KIND\" line or correct the edge kinds"
    case .invalidGraph(let path, let detail):
      return "\(path) does not make a valid graph: \(detail)"
    case .writeFailed(_, let message):
      return message
    }
  }
}
