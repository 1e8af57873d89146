import CGraphviz
import Foundation
import X1601Graph

/// A Graphviz layout engine.
public enum LayoutEngine: String, CaseIterable, Sendable {
  /// Layered drawing of directed graphs; the default for every view.
  case dot
  /// Spring model, for small undirected graphs.
  case neato
  /// Multiscale force-directed placement, for large graphs.
  case sfdp
  /// Force-directed placement.
  case fdp
  /// Circular layout.
  case circo
  /// Radial layout around a root node.
  case twopi
}

/// An output format that Graphviz renders.
public enum PictureFormat: String, CaseIterable, Sendable {
  /// Scalable Vector Graphics.
  case svg
  /// Portable Network Graphics, through Graphviz's cairo plugin.
  case png
  /// Portable Document Format, through Graphviz's cairo plugin.
  case pdf
  /// DOT with the layout's coordinates added.
  case dot

  /// The format named by the extension of `path` (`.svg`, `.png`, `.pdf`, `.dot` or `.gv`, in any
  /// letter case), or `nil`.
  public init?(path: String) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    let pathExtension = name[name.index(after: dot)...].lowercased()
    if pathExtension == "gv" {
      self = .dot
      return
    }
    self.init(rawValue: pathExtension)
  }

  /// The Debian package whose Graphviz plugin writes this format.
  public var debianPackage: String {
    "libgvc6"
  }
}

/// The output of one rendering.
public struct RenderedPicture: Sendable, Equatable {
  /// The rendered bytes (SVG and DOT are UTF-8 text).
  public var data: [UInt8]
  /// Graphviz's warnings, one per line, such as an unknown attribute value.
  public var warnings: [String]
}

/// Renders DOT text in memory through Graphviz's C libraries (libcgraph parses it, libgvc lays
/// it out and renders it). No `dot` process is started.
///
/// libgvc and libcgraph keep global state, so every call is serialised by one lock; renderings
/// from several threads run one after another.
public enum GraphvizRenderer {
  /// Parses, lays out and renders the first graph in `dot`.
  ///
  /// Graphviz's messages are captured instead of printed: errors are thrown, warnings returned.
  ///
  /// - Throws: ``RenderError/invalidDOT(messages:)`` for a syntax error,
  ///   ``RenderError/engineUnavailable(engine:debianPackage:)`` or
  ///   ``RenderError/formatUnavailable(format:debianPackage:)`` when a plugin is missing, and
  ///   ``RenderError/layoutFailed(engine:messages:)`` or
  ///   ``RenderError/renderFailed(format:messages:)`` when Graphviz fails.
  /// - Complexity: that of the layout engine; `dot` is roughly quadratic in the number of nodes
  ///   in the worst case, which is why views summarise large graphs first.
  public static func render(
    dot: String, engine: LayoutEngine = .dot, format: PictureFormat
  ) throws(RenderError) -> RenderedPicture {
    lock.lock()
    defer { lock.unlock() }
    if sharedContext == nil {
      sharedContext = gvContext()
    }
    guard let gvc = sharedContext else {
      throw .contextUnavailable
    }
    return try renderLocked(dot: dot, gvc: gvc, engine: engine, format: format).get()
  }

  /// Writes `graph` as DOT text and renders it.
  public static func render(
    _ graph: DOTGraph, engine: LayoutEngine = .dot, format: PictureFormat
  ) throws(RenderError) -> RenderedPicture {
    try render(dot: DOTWriter.write(graph), engine: engine, format: format)
  }

  /// Renders `graph` into the file at `path`, in the format that the file's extension names.
  /// The file is written atomically, so a failure leaves no partial file.
  ///
  /// - Returns: Graphviz's warnings.
  /// - Throws: ``RenderError/unsupportedExtension(path:)``, the errors of
  ///   ``render(dot:engine:format:)`` and ``RenderError/writeFailed(path:reason:)``.
  @discardableResult
  public static func write(
    _ graph: DOTGraph, to path: String, engine: LayoutEngine = .dot
  ) throws(RenderError) -> [String] {
    guard let format = PictureFormat(path: path) else {
      throw .unsupportedExtension(path: path)
    }
    let picture = try render(graph, engine: engine, format: format)
    do {
      try AtomicFileWriter.write(picture.data, to: path)
    } catch {
      throw .writeFailed(path: path, reason: error.description)
    }
    return picture.warnings
  }

  /// Serialises every call into libcgraph and libgvc. It is a pthread-based `NSLock` and not a
  /// `Synchronization.Mutex`, because ThreadSanitizer does not see the futex calls that `Mutex`
  /// makes on Linux and would report the guarded state as a data race.
  private static let lock = NSLock()

  /// The one Graphviz context of the process, created on first use and never freed; only
  /// touched while `lock` is held.
  nonisolated(unsafe) private static var sharedContext: OpaquePointer? = nil

  /// Empties libcgraph's lexer buffer. After a graph's closing brace the lexer may still hold the
  /// rest of that line, such as the final newline or a second graph, and would read it first
  /// in the next parse. Parsing empty texts consumes it, and any graph found there is dropped
  /// because only the first graph of a text is rendered.
  private static func discardUnreadInput() {
    while let leftover = agmemread("") {
      agclose(leftover)
    }
  }

  private static func renderLocked(
    dot: String, gvc: OpaquePointer, engine: LayoutEngine, format: PictureFormat
  ) -> Result<RenderedPicture, RenderError> {
    let capture = MessageCapture()
    defer { capture.finish() }

    // libcgraph keeps counting lines across parses, so restart at 1 for this text.
    agreadline(1)
    guard let graph = agmemread(dot) else {
      return .failure(.invalidDOT(messages: capture.messages(level: .error)))
    }
    defer { agclose(graph) }
    discardUnreadInput()
    if agerrors() >= Int32(AGERR.rawValue) {
      return .failure(.invalidDOT(messages: capture.messages(level: .error)))
    }

    guard gvLayout(gvc, graph, engine.rawValue) == 0 else {
      let messages = capture.messages(level: .error)
      if messages.contains(where: { $0.contains("not recognized") }) {
        return .failure(.engineUnavailable(engine: engine, debianPackage: "libgvc6"))
      }
      return .failure(.layoutFailed(engine: engine, messages: messages))
    }
    defer { gvFreeLayout(gvc, graph) }

    var buffer: UnsafeMutablePointer<CChar>? = nil
    var length: UInt32 = 0
    let status = gvRenderData(gvc, graph, format.rawValue, &buffer, &length)
    defer {
      if let buffer {
        gvFreeRenderData(buffer)
      }
    }
    guard status == 0, let buffer else {
      let messages = capture.messages(level: .error)
      if messages.contains(where: { $0.contains("not recognized") }) {
        return .failure(.formatUnavailable(format: format, debianPackage: format.debianPackage))
      }
      return .failure(.renderFailed(format: format, messages: messages))
    }
    let data = buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { bytes in
      Array(UnsafeBufferPointer(start: bytes, count: Int(length)))
    }
    return .success(RenderedPicture(data: data, warnings: capture.messages(level: .warning)))
  }
}

// MARK: - Message capture

/// Text that Graphviz reported since the capture began. Only touched while
/// `GraphvizRenderer.lock` is held, which is what makes the unchecked access safe.
nonisolated(unsafe) private var capturedGraphvizText = ""

/// Receives each piece of a Graphviz message instead of letting Graphviz print it to stderr.
private func appendGraphvizMessage(_ message: UnsafeMutablePointer<CChar>?) -> Int32 {
  if let message {
    capturedGraphvizText += String(cString: message)
  }
  return 0
}

/// Routes Graphviz's messages into `capturedGraphvizText` for the duration of one rendering.
/// Must be used while `GraphvizRenderer.lock` is held.
private struct MessageCapture {
  enum Level {
    case error
    case warning
  }

  init() {
    capturedGraphvizText = ""
    _ = agreseterrors()
    _ = agseterr(AGWARN)
    _ = agseterrf(appendGraphvizMessage)
  }

  func finish() {
    _ = agseterrf(nil)
    capturedGraphvizText = ""
  }

  /// Returns the captured messages of `level`, one per line, without the "Error: " or "Warning: "
  /// prefix. A line without a prefix continues the previous message and keeps its level.
  func messages(level: Level) -> [String] {
    var result: [String] = []
    var currentLevel = Level.error
    for rawLine in capturedGraphvizText.split(whereSeparator: \.isNewline) {
      var line = rawLine.trimmingPrefixSpaces()
      if line.hasPrefix("Error:") {
        currentLevel = .error
        line = String(line.dropFirst("Error:".count)).trimmingPrefixSpaces()
      } else if line.hasPrefix("Warning:") {
        currentLevel = .warning
        line = String(line.dropFirst("Warning:".count)).trimmingPrefixSpaces()
      }
      if currentLevel == level && !line.isEmpty {
        result.append(line)
      }
    }
    return result
  }
}

extension StringProtocol {
  fileprivate func trimmingPrefixSpaces() -> String {
    String(drop(while: { $0 == " " || $0 == "\t" }))
  }
}
