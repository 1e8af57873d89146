import Foundation
import Testing

@Suite("generate and convert subcommands")
struct GenerateConvertTests {
  private func folder() -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("x1601-cli-generate-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test("generate then convert round trip")
  func roundTrip() throws {
    let base = folder()
    let binary = base.appendingPathComponent("cloud.x1601").path
    let text = base.appendingPathComponent("cloud.txt").path
    let again = base.appendingPathComponent("again.x1601").path

    let generated = runInProcess(["generate", "cloud", binary, "--edges", "3000", "--seed", "9"])
    #expect(generated.status == 0, "\(generated.error)")
    #expect(generated.output.contains("binary, seed 9"))
    let streamed = runInProcess(["generate", "cloud", text, "--edges", "3000", "--seed", "9"])
    #expect(streamed.status == 0, "\(streamed.error)")

    let converted = runInProcess(["convert", text, again, "--verify", "full"])
    #expect(converted.status == 0, "\(converted.error)")
    // The streamed edge list and the binary file hold the same graph, so converting the list
    // gives the same counts.
    let first = generated.output.split(separator: ":")[1].split(separator: ",").prefix(2)
    let second = converted.output.split(separator: ":")[1].split(separator: ",").prefix(2)
    #expect(Array(first) == Array(second))

    let back = runInProcess(["convert", binary, base.appendingPathComponent("b.txt").path])
    #expect(back.status == 0, "\(back.error)")
  }

  @Test("rmat needs a scale")
  func rmatScale() {
    let result = runInProcess(["generate", "rmat", "out.x1601"])
    #expect(result.status == 64)
    #expect(result.error.contains("--scale"))
  }

  @Test("convert reports a bad edge list line")
  func badEdgeList() throws {
    let base = folder()
    let input = base.appendingPathComponent("bad.txt")
    try Data("0 1\n2\n".utf8).write(to: input)
    let output = base.appendingPathComponent("out.x1601").path
    let result = runInProcess(["convert", input.path, output])
    #expect(result.status == 1)
    #expect(result.error.contains("bad.txt:2: missing target"))
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test("convert rejects JSON output")
  func jsonOutput() {
    let result = runInProcess(["convert", "in.txt", "out.json"])
    #expect(result.status == 64)
    #expect(result.error.contains("--to binary"))
  }
}
