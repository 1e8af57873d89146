import Foundation
import X1601Graph

#if canImport(Glibc)
  import Glibc
#endif

/// Where a command writes: standard output, standard error, and whether standard error is a
/// terminal (progress messages are only written then).
///
/// Tests build one with closures that collect the text, so commands run in-process.
public struct OutputContext {
  /// Writes text to standard output; the text carries its own newlines.
  public var writeOutput: (String) -> Void
  /// Writes text to standard error; the text carries its own newlines.
  public var writeError: (String) -> Void
  /// Whether standard error is a terminal.
  public var errorIsTerminal: Bool

  public init(
    writeOutput: @escaping (String) -> Void, writeError: @escaping (String) -> Void,
    errorIsTerminal: Bool = false
  ) {
    self.writeOutput = writeOutput
    self.writeError = writeError
    self.errorIsTerminal = errorIsTerminal
  }

  /// The context of the running process: file descriptors 1 and 2.
  public static func standardStreams() -> OutputContext {
    OutputContext(
      writeOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
      writeError: { FileHandle.standardError.write(Data($0.utf8)) },
      errorIsTerminal: isatty(2) == 1)
  }

  /// Writes a progress line to standard error when it is a terminal, and nothing otherwise.
  public func progress(_ line: String) {
    if errorIsTerminal {
      writeError(line + "\n")
    }
  }

  /// Writes `text` to standard output when `path` is nil or "-", and otherwise to the file
  /// `path` through a temporary file in the same folder that is renamed into place.
  ///
  /// - Throws: `CLIError.failure` naming the path and the fix.
  public func deliver(_ text: String, to path: String?) throws(CLIError) {
    guard let path, path != "-" else {
      writeOutput(text)
      return
    }
    do {
      try AtomicFileWriter.write(text, to: path)
    } catch {
      throw .failure(error.description)
    }
  }
}
