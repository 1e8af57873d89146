/// An error of the command-line tool, with the exit status it leads to.
public struct CLIError: Error, CustomStringConvertible, Sendable {
  /// What kind of failure the error is.
  public enum Kind: Sendable {
    /// Invalid arguments or options (exit status 64).
    case usage
    /// Invalid input data or a failed operation (exit status 1).
    case failure
  }

  public var kind: Kind
  /// One line naming the value and the fix.
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public static func usage(_ message: String) -> CLIError { CLIError(.usage, message) }
  public static func failure(_ message: String) -> CLIError { CLIError(.failure, message) }

  public var description: String { message }
}

/// Exit statuses of the tool, following the BSD sysexits convention for usage errors.
public enum ExitStatus {
  public static let success: Int32 = 0
  public static let failure: Int32 = 1
  public static let usage: Int32 = 64
}
