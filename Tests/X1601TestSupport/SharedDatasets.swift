import Foundation

/// Locates the public datasets that some tests read: the Debian package index, CycloneDX files
/// and OR-Library set-cover instances.
///
/// The folder is `$X1601_SHARED_DIR` when that is set, and otherwise `shared/` beside the
/// repository root. Tests that need it are skipped with a message when it is absent, so the core
/// suite passes without it.
public enum SharedDatasets {
  /// The `datasets` folder, or `nil` when it is not present.
  public static let directory: URL? = {
    let environment = ProcessInfo.processInfo.environment
    var candidates: [URL] = []
    if let explicit = environment["X1601_SHARED_DIR"], !explicit.isEmpty {
      candidates.append(URL(fileURLWithPath: explicit))
    }
    candidates.append(repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared"))
    for candidate in candidates {
      let datasets = candidate.appendingPathComponent("datasets")
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: datasets.path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        return datasets
      }
    }
    return nil
  }()

  /// Whether the datasets folder was found.
  public static var isAvailable: Bool { directory != nil }

  /// The message a skipped test gives when the datasets folder is absent.
  public static let missingMessage =
    "public datasets not found: set X1601_SHARED_DIR or place shared/datasets beside the repository"

  /// The URL of `relativePath` inside the datasets folder, or `nil` when that file is absent.
  public static func file(_ relativePath: String) -> URL? {
    guard let directory else { return nil }
    let url = directory.appendingPathComponent(relativePath)
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }

  /// The repository root, found from this source file's location.
  public static let repositoryRoot: URL = {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // X1601TestSupport
      .deletingLastPathComponent()  // Tests
      .deletingLastPathComponent()
  }()
}
