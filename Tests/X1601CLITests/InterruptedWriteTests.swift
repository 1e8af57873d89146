import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Kills or interrupts the built tool in the middle of writing a file over an existing one. The
/// existing file keeps its contents, because output goes to a temporary file that is renamed into
/// place only when complete. SIGINT, SIGTERM and SIGHUP also remove the temporary file.
@Suite(
  "Interrupted writes", .enabled(if: BuiltTool.isAvailable, "x1601 executable not built"))
struct InterruptedWriteTests {
  /// Writes that take long enough to be interrupted: the arguments, with OUT for the output.
  static let writes: [[String]] = [
    ["generate", "cloud", "OUT", "--edges", "50000000", "--format", "edges"],
    ["generate", "rmat", "OUT", "--scale", "22", "--edge-factor", "16", "--format", "edges"],
  ]

  /// The previous contents of the output file, which every stopped write must leave intact.
  static let oldContents = "# the previous contents, which must survive\n0 1\n"

  @Test("SIGKILL during a write keeps the old file", arguments: writes)
  func killDuringWrite(_ template: [String]) throws {
    let stopped = try Self.stopMidWrite(template, with: SIGKILL)
    #expect(stopped.reason == .uncaughtSignal)
    #expect(stopped.status == SIGKILL)
    #expect(stopped.output == Self.oldContents)
    // SIGKILL leaves no chance to clean up: the partial file stays under its hidden name.
    #expect(stopped.temporaryFileRemains)
  }

  @Test("interrupt removes the temporary file", arguments: [SIGINT, SIGTERM, SIGHUP])
  func interruptDuringWrite(_ signalNumber: Int32) throws {
    let stopped = try Self.stopMidWrite(Self.writes[1], with: signalNumber)
    #expect(stopped.reason == .uncaughtSignal)
    #expect(stopped.status == signalNumber)
    #expect(stopped.output == Self.oldContents)
    #expect(!stopped.temporaryFileRemains)
    #expect(stopped.names == ["graph.txt"])
  }

  /// What a write stopped by a signal left behind.
  struct StoppedWrite {
    var reason: Process.TerminationReason
    var status: Int32
    /// The contents of the output file after the process ended.
    var output: String
    /// Whether the temporary file seen during the write still exists.
    var temporaryFileRemains: Bool
    /// The names in the output's folder after the process ended.
    var names: [String]
  }

  /// Runs the built tool with `template` (OUT replaced by a file holding `oldContents`), sends
  /// `signalNumber` once the temporary file has 1 MiB, and returns what the process left.
  static func stopMidWrite(_ template: [String], with signalNumber: Int32) throws -> StoppedWrite {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("graph.txt")
    try Data(oldContents.utf8).write(to: output)

    let executable: URL = try #require(BuiltTool.url)
    let process = Process()
    process.executableURL = executable
    process.arguments = template.map { $0 == "OUT" ? output.path : $0 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer {
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
      }
    }

    let temporary = temporaryFile(beside: output, whileRunning: process)
    let partial = try #require(temporary, "no temporary file of 1 MiB appeared while running")
    #expect(process.isRunning)
    kill(process.processIdentifier, signalNumber)
    process.waitUntilExit()

    return StoppedWrite(
      reason: process.terminationReason, status: process.terminationStatus,
      output: try String(contentsOf: output, encoding: .utf8),
      temporaryFileRemains: FileManager.default.fileExists(atPath: partial.path),
      names: try FileManager.default.contentsOfDirectory(atPath: folder.path))
  }

  /// Returns the temporary file of `output` once it has at least 1 MiB, so that a signal lands
  /// in the middle of the write, or `nil` when none appears within 120 s.
  static func temporaryFile(beside output: URL, whileRunning process: Process) -> URL? {
    let folder = output.deletingLastPathComponent()
    let temporaryPrefix = "." + output.lastPathComponent + ".tmp"
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline, process.isRunning {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      if let name = names.first(where: { $0.hasPrefix(temporaryPrefix) }) {
        let url = folder.appendingPathComponent(name)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int
        if (size ?? 0) >= 1 << 20 {
          return url
        }
      }
      usleep(10_000)
    }
    return nil
  }
}
