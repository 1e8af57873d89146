/// Errors of the catalog module: failed lookups and invalid mapping files.
///
/// Each description is one line that names the value and says how to fix it.
public enum CatalogError: Error, Equatable, Sendable {
  /// No clause number or title matches `query`.
  case notFound(query: String, scope: CatalogScope)
  /// Several clauses share the title `query`.
  case ambiguous(query: String, clauses: [String])
  /// `query` names an entry of the other scope, such as a capability where a threat or
  /// challenge is expected.
  case wrongScope(query: String, clause: String, expected: CatalogScope)
  /// A mapping file is invalid.
  case invalidMapping(MappingIssue)
}

/// One problem in a mapping file, with its position.
public struct MappingIssue: Equatable, Sendable {
  /// The file name as the user gave it.
  public var file: String
  /// 1-based line number, or nil for problems of the whole file.
  public var line: Int?
  /// 1-based column number (field position), or nil.
  public var column: Int?
  /// The offending value.
  public var value: String
  /// What is wrong, such as "unknown capability column".
  public var problem: String
  /// What to do instead.
  public var fix: String

  public init(
    file: String, line: Int?, column: Int?, value: String, problem: String, fix: String
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.value = value
    self.problem = problem
    self.fix = fix
  }
}

extension CatalogError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .notFound(let query, let scope):
      return "unknown \(scope.rawValue) \"\(query)\"; \(fix)"
    case .ambiguous(let query, _):
      return "ambiguous title \"\(query)\"; \(fix)"
    case .wrongScope(let query, _, let expected):
      return "\"\(query)\" is not a \(expected.rawValue); \(fix)"
    case .invalidMapping(let issue):
      return issue.description
    }
  }

  /// What to do instead: the part of the description after the semicolon.
  public var fix: String {
    switch self {
    case .notFound(_, let scope):
      let range = scope == .item ? "7.1.1 to 8.3.3" : "9.1 to 9.14"
      return "use a clause number from \(range) or its title (run 'x1601 catalog' to list them)"
    case .ambiguous(_, let clauses):
      return "the title is shared by clauses \(clauses.joined(separator: ", ")); use the number"
    case .wrongScope(_, let clause, let expected):
      return expected == .item
        ? "clause \(clause) is a capability; give a threat (clause 7) or challenge (clause 8)"
        : "clause \(clause) is not a capability; give a capability (clause 9)"
    case .invalidMapping(let issue):
      return issue.fix
    }
  }
}

extension MappingIssue: CustomStringConvertible {
  public var description: String {
    var position = file
    if let line {
      position += ":\(line)"
      if let column {
        position += ":\(column)"
      }
    }
    return "\(position): \(problem) \"\(value)\"; \(fix)"
  }
}
