import Foundation
import X1601CLI
import X1601TestSupport

/// The result of one run of the tool.
struct RunResult {
  var status: Int32
  var output: String
  var error: String
}

/// Collects what a command writes.
final class OutputCollector {
  var output = ""
  var error = ""
}

/// Runs the tool in-process with `arguments`.
func runInProcess(_ arguments: [String]) -> RunResult {
  let collector = OutputCollector()
  let context = OutputContext(
    writeOutput: { collector.output += $0 }, writeError: { collector.error += $0 })
  let status = CommandLineTool.run(arguments: arguments, context: context)
  return RunResult(status: status, output: collector.output, error: collector.error)
}

/// Locates and runs the built `x1601` executable.
enum BuiltTool {
  /// The executable beside the test bundle, as `swift build` places products.
  static let url: URL? = {
    var folders: [URL] = []
    if let executable = Bundle.main.executableURL {
      folders.append(executable.deletingLastPathComponent())
    }
    folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
    folders.append(SharedDatasets.repositoryRoot.appendingPathComponent(".build/debug"))
    for folder in folders {
      let candidate = folder.appendingPathComponent("x1601")
      if FileManager.default.isExecutableFile(atPath: candidate.path) {
        return candidate
      }
    }
    return nil
  }()

  static var isAvailable: Bool { url != nil }

  /// Runs the executable in the repository root and waits for it.
  static func run(_ arguments: [String]) throws -> RunResult {
    guard let url else { throw CocoaError(.fileNoSuchFile) }
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    process.currentDirectoryURL = SharedDatasets.repositoryRoot
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Read both pipes before waiting, so that a full pipe cannot block the child.
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      error: String(decoding: errorData, as: UTF8.self))
  }
}

/// A fresh empty folder under the system's temporary folder.
func makeTemporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("x1601-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

enum RepositoryFiles {
  static let root = SharedDatasets.repositoryRoot
  static let fileStorage = root.appendingPathComponent("Datasets/x1601/file-storage.json")
  static let tableI1 = root.appendingPathComponent("Datasets/x1601/table-i1.csv")
}
