/// An invalid service profile: where the problem is, what is wrong and how to fix it.
///
/// The description is one line: `FILE:LINE:COLUMN: PATH: problem VALUE; fix`.
public struct ProfileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file name as the user gave it.
  public var file: String
  /// 1-based position of the offending value, when known.
  public var line: Int?
  public var column: Int?
  /// JSON path of the offending value, such as `$.items[3].clause`; empty for syntax errors.
  public var path: String
  /// The offending value as written, or empty.
  public var value: String
  public var problem: String
  public var fix: String

  public init(
    file: String, line: Int?, column: Int?, path: String, value: String, problem: String,
    fix: String
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.path = path
    self.value = value
    self.problem = problem
    self.fix = fix
  }

  public var description: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    text += ": "
    if !path.isEmpty { text += "\(path): " }
    text += problem
    if !value.isEmpty { text += " \(value)" }
    return text + "; " + fix
  }
}
