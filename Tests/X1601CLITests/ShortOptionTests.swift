import Foundation
import Testing

@Suite("Short options")
struct ShortOptionTests {
  @Test("-o writes the output file")
  func shortOutputWritesFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "x1601-short-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("catalog.csv").path

    let result = runInProcess(["catalog", "--format", "csv", "-o", path])

    #expect(result.status == 0)
    #expect(result.output.isEmpty)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written.hasPrefix("kind,clause,title"))
    #expect(written.contains("threat,7.1.1,Data loss and leakage"))
  }

  @Test("-o and --output give the same file")
  func shortAndLongAgree() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "x1601-short-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let short = folder.appendingPathComponent("short.txt").path
    let long = folder.appendingPathComponent("long.txt").path

    #expect(runInProcess(["catalog", "-o", short]).status == 0)
    #expect(runInProcess(["catalog", "--output", long]).status == 0)
    #expect(
      try String(contentsOfFile: short, encoding: .utf8)
        == String(contentsOfFile: long, encoding: .utf8))
  }

  @Test("Unknown short option is a usage error")
  func unknownShortOption() {
    let result = runInProcess(["catalog", "-x"])

    #expect(result.status == 64)
    #expect(result.error.contains("\"-x\""))
    #expect(result.error.contains("-o for --output"))
  }

  @Test("Help lists the short form")
  func helpListsShortForm() {
    let result = runInProcess(["help", "assess"])

    #expect(result.status == 0)
    #expect(result.output.contains("-o, --output FILE"))
  }
}

@Suite("Top-level arguments")
struct TopLevelArgumentTests {
  @Test("help help shows tool help")
  func helpHelp() {
    let result = runInProcess(["help", "help"])

    #expect(result.status == 0)
    #expect(result.output.contains("OVERVIEW"))
  }

  @Test(
    "Extra arguments are usage errors",
    arguments: [
      ["--version", "extra"], ["--help", "extra"], ["help", "assess", "extra"],
    ])
  func extraArguments(arguments: [String]) {
    let result = runInProcess(arguments)

    #expect(result.status == 64)
    #expect(result.error.contains("\"extra\""))
  }
}
