/// An error from building, rendering or writing a picture.
public enum RenderError: Error, Equatable, CustomStringConvertible {
  /// Graphviz rejected the DOT text. `messages` are Graphviz's own lines, such as
  /// "syntax error in line 3 near '->'".
  case invalidDOT(messages: [String])
  /// The layout engine failed on the graph.
  case layoutFailed(engine: LayoutEngine, messages: [String])
  /// Graphviz has no plugin for the layout engine.
  case engineUnavailable(engine: LayoutEngine, debianPackage: String)
  /// Graphviz failed to render the laid-out graph.
  case renderFailed(format: PictureFormat, messages: [String])
  /// Graphviz has no plugin for the output format.
  case formatUnavailable(format: PictureFormat, debianPackage: String)
  /// A Graphviz context could not be created.
  case contextUnavailable
  /// The file name's extension names no supported format.
  case unsupportedExtension(path: String)
  /// The output file could not be written.
  case writeFailed(path: String, reason: String)
  /// An option value is out of range.
  case invalidOption(name: String, value: String, expected: String)

  public var description: String {
    switch self {
    case .invalidDOT(let messages):
      return "Graphviz rejected the DOT text: \(joined(messages)); fix the DOT syntax"
    case .layoutFailed(let engine, let messages):
      return "Graphviz layout '\(engine.rawValue)' failed: \(joined(messages)); "
        + "try another engine with --layout"
    case .engineUnavailable(let engine, let package):
      return "Graphviz layout engine '\(engine.rawValue)' is not installed; "
        + "install the Debian package \(package) (Scripts/install-dependencies)"
    case .renderFailed(let format, let messages):
      return "Graphviz failed to render \(format.rawValue): \(joined(messages))"
    case .formatUnavailable(let format, let package):
      return "Graphviz cannot write \(format.rawValue) here: the plugin is not installed; "
        + "install the Debian package \(package), or choose another format"
    case .contextUnavailable:
      return "failed to create a Graphviz context; check that libgvc6 is installed and that "
        + "'libgvc6-config-update -c' has registered its plugins"
    case .unsupportedExtension(let path):
      return "unsupported output file '\(path)': use one of the extensions "
        + PictureFormat.allCases.map { "." + $0.rawValue }.joined(separator: ", ")
    case .writeFailed(let path, let reason):
      return "failed to write '\(path)': \(reason)"
    case .invalidOption(let name, let value, let expected):
      return "invalid value '\(value)' for \(name): expected \(expected)"
    }
  }

  private func joined(_ messages: [String]) -> String {
    messages.isEmpty ? "no message from Graphviz" : messages.joined(separator: "; ")
  }
}
