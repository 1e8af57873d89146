import Foundation
import Testing

/// Compares view output with the files in `Golden/`.
///
/// Regenerate the files after an intended change with
/// `X1601_UPDATE_GOLDEN=1 swift test --filter X1601RenderTests`, then review the diff.
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Golden")

  static var isUpdating: Bool {
    ProcessInfo.processInfo.environment["X1601_UPDATE_GOLDEN"] == "1"
  }

  /// Expects `text` to equal the golden file `name`, or rewrites the file when updating.
  static func check(
    _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = directory.appendingPathComponent(name)
    if isUpdating {
      try text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(
      text == expected,
      "differs from Golden/\(name); if the change is intended, regenerate with X1601_UPDATE_GOLDEN=1",
      sourceLocation: sourceLocation)
  }
}
