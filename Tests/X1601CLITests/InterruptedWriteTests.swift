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

  @Test("SIGKILL during a write keeps the old file", arguments: writes)
  func killDuringWrite(_ template: [String]) throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("graph.txt")
    let old = "# the previous contents, which must survive\n0 1\n"
    try Data(old.utf8).write(to: output)

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

    let temporary = Self.temporaryFile(beside: output, whileRunning: process)
    let partial = try #require(temporary, "no temporary file of 1 MiB appeared while running")
    #expect(process.isRunning)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()

    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == SIGKILL)
    #expect(try String(contentsOf: output, encoding: .utf8) == old)
    // SIGKILL leaves no chance to clean up: the partial file stays under its hidden name.
    #expect(FileManager.default.fileExists(atPath: partial.path))
  }

  @Test("interrupt removes the temporary file", arguments: [SIGINT, SIGTERM, SIGHUP])
  func interruptDuringWrite(_ signalNumber: Int32) throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("graph.txt")
    let old = "# the previous contents, which must survive\n0 1\n"
    try Data(old.utf8).write(to: output)

    let executable: URL = try #require(BuiltTool.url)
    let process = Process()
    process.executableURL = executable
    process.arguments = Self.writes[1].map { $0 == "OUT" ? output.path : $0 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer {
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
      }
    }

    let temporary = Self.temporaryFile(beside: output, whileRunning: process)
    let partial = try #require(temporary, "no temporary file of 1 MiB appeared while running")
    #expect(process.isRunning)
    kill(process.processIdentifier, signalNumber)
    process.waitUntilExit()

    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == signalNumber)
    #expect(try String(contentsOf: output, encoding: .utf8) == old)
    #expect(!FileManager.default.fileExists(atPath: partial.path))
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(names == ["graph.txt"])
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
