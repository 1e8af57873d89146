import Foundation
import Testing
import X1601CLI

@Suite("catalog, cover and assess subcommands")
struct SubcommandTests {
  @Test("catalog lists every clause")
  func catalogText() {
    let result = runInProcess(["catalog"])
    #expect(result.status == 0)
    for clause in ["7.1.1", "8.2.10", "8.3.3", "9.14"] {
      #expect(result.output.contains("\(clause) "), "\(clause)")
    }
    #expect(result.output.contains("Loss of confidentiality"))
  }

  @Test("catalog CSV has one row per entry")
  func catalogCSV() {
    let result = runInProcess(["catalog", "--format", "csv"])
    #expect(result.status == 0)
    #expect(result.output.split(separator: "\n").count == 41)
  }

  @Test("mapping CSV equals the dataset file")
  func mappingCSV() throws {
    let result = runInProcess(["catalog", "--mapping", "--format", "csv"])
    #expect(result.status == 0)
    #expect(result.output == (try String(contentsOf: RepositoryFiles.tableI1, encoding: .utf8)))
  }

  @Test("mapping text shows provenance and reasons")
  func mappingText() {
    let result = runInProcess(["catalog", "--mapping"])
    #expect(result.status == 0)
    #expect(result.output.contains("published"))
    #expect(result.output.contains("constrained"))
    #expect(result.output.contains("derived"))
    #expect(result.output.contains("7.1.1 x 9.1: Clause 7.1.1"))
  }

  @Test("user mapping file is validated")
  func userMapping() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let grid = folder.appendingPathComponent("grid.csv")
    let text = try String(contentsOf: RepositoryFiles.tableI1, encoding: .utf8)
      .replacingOccurrences(of: "7.1.3,,,,,,,Y", with: "7.1.3,,,,,,,maybe")
    try text.write(to: grid, atomically: true, encoding: .utf8)

    let result = runInProcess(["cover", "7.1.1", "--mapping", grid.path])
    #expect(result.status == 1)
    #expect(result.error.contains("grid.csv:4:8: invalid cell value in column 9.7 \"maybe\""))
    #expect(result.output.isEmpty)
  }

  @Test("user mapping changes the cover")
  func userMappingCover() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let grid = folder.appendingPathComponent("grid.csv")
    var lines = ["item," + (1...14).map { "9.\($0)" }.joined(separator: ",")]
    for clause in ["7.1.1", "7.1.2", "7.1.3", "7.2.1", "7.2.2"]
      + (1...8).map({ "8.1.\($0)" }) + (1...10).map({ "8.2.\($0)" }) + (1...3).map({ "8.3.\($0)" })
    {
      lines.append(
        clause + (clause == "7.1.1" ? ",,,,,,,,,,,,,,Y" : String(repeating: ",", count: 14)))
    }
    try lines.joined(separator: "\n").write(to: grid, atomically: true, encoding: .utf8)

    let result = runInProcess([
      "cover", "7.1.1", "7.1.2", "--mapping=\(grid.path)", "--format", "csv",
    ])
    #expect(result.status == 0)
    #expect(result.output.contains("2,uncovered,7.1.2,"))
    #expect(result.output.contains("2,minimum-cost-cover,9.14,"))
  }

  @Test("cover reports covers and costs")
  func cover() {
    let result = runInProcess(["cover", "8.1.1", "Loss of trust", "--cost", "9.9=5"])
    #expect(result.status == 0)
    #expect(result.output.contains("Minimum number of capabilities: 1"))
    #expect(result.output.contains("1. 9.9  (cost 5)"))
    #expect(result.output.contains("Minimum-cost cover: cost 2"))
  }

  @Test("cover names a single cell")
  func coverSingleCell() {
    let result = runInProcess(["cover", "7.1.1"])
    #expect(result.status == 0)
    #expect(result.output.contains("uses 1 cell of Table I.1: 1 constrained"), "\(result.output)")
  }

  @Test("cover JSON")
  func coverJSON() throws {
    let result = runInProcess(["cover", "7.1.1", "--exclude", "9.7", "--format", "json"])
    #expect(result.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let step2 = try #require(object["step2"] as? [String: Any])
    #expect(step2["minimumCardinality"] as? Int == 1)
    let covers = try #require(step2["minimumCardinalityCovers"] as? [[String]])
    #expect(covers == [["9.1"], ["9.2"], ["9.5"], ["9.11"]])
  }

  @Test(
    "cover rejects bad input",
    arguments: [
      (["cover"], "missing argument ITEM"),
      (["cover", "7.9"], "unknown threat or challenge \"7.9\""),
      (["cover", "Insider threats"], "7.1.3, 7.2.2"),
      (["cover", "7.1.1", "7.1.1"], "given twice"),
      (["cover", "7.1.1", "--cost", "9.2"], "write --cost CAP=VALUE"),
      (["cover", "7.1.1", "--cost", "9.99=1"], "unknown capability \"9.99\""),
      (["cover", "7.1.1", "--cost", "9.2=-1"], "negative cost \"-1\""),
      (["cover", "7.1.1", "--cost", "9.2=nan"], "invalid cost \"nan\""),
      (["cover", "7.1.1", "--cost", "9.2=1e308"], "cost too large \"1e308\""),
      (["cover", "7.1.1", "--cost", "9.2=1e12"], "give a cost below 1e12"),
      (["cover", "7.1.1", "--cost", "9.2=1", "--cost", "IAM=2"], "already has a cost"),
      (["cover", "7.1.1", "--require", "9.2", "--exclude", "9.2"], "remove it from one"),
    ])
  func coverErrors(arguments: [String], message: String) {
    let result = runInProcess(arguments)
    #expect(result.status == 64)
    #expect(result.error.contains(message), "\(result.error)")
    #expect(result.error.split(separator: "\n").count == 1)
    #expect(result.output.isEmpty)
  }

  @Test("cover JSON with costs near the limit")
  func coverJSONLargeCosts() throws {
    // Two required capabilities whose costs would overflow a Double sum if costs were unbounded.
    let result = runInProcess([
      "cover", "7.1.1", "--cost", "9.1=999999999999", "--cost", "9.2=999999999999",
      "--require", "9.1", "--require", "9.2", "--format", "json",
    ])
    #expect(result.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let step2 = try #require(object["step2"] as? [String: Any])
    #expect(step2["minimumCost"] as? Double == 1_999_999_999_998)
  }

  @Test("assess file storage as JSON")
  func assessJSON() throws {
    let result = runInProcess(["assess", RepositoryFiles.fileStorage.path, "--format", "json"])
    #expect(result.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let applicable = try #require(object["applicable"] as? [String])
    #expect(applicable.count == 17)
    let step3 = try #require(object["step3"] as? [[String: Any]])
    #expect(!step3.isEmpty)
  }

  @Test("assess text names cell provenance")
  func assessProvenanceNote() {
    let result = runInProcess(["assess", RepositoryFiles.fileStorage.path])
    #expect(result.status == 0)
    #expect(
      result.output.contains(
        "The minimum-cost cover uses 25 cells of Table I.1: 7 published, 17 constrained, 1 derived"
      ))
  }

  @Test("assess in every format", arguments: ["text", "markdown", "json", "csv"])
  func assessFormats(format: String) {
    let result = runInProcess(["assess", RepositoryFiles.fileStorage.path, "--format", format])
    #expect(result.status == 0)
    #expect(result.output.contains("7.1.1"))
    #expect(result.output.contains("9.9"))
    #expect(result.error.isEmpty)
  }

  @Test("assess CSV defuses formula notes")
  func assessCSVFormula() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let profile = folder.appendingPathComponent("p.json")
    try Data(
      """
      {"service": "S", "category": "SaaS", "deployment": "public",
       "items": [{"clause": "7.1.1", "notes": "=HYPERLINK(\\"http://127.0.0.1\\")"},
                 {"clause": "7.1.2", "notes": "plain - text"}]}
      """.utf8
    ).write(to: profile)
    let result = runInProcess(["assess", profile.path, "--format", "csv"])
    #expect(result.status == 0)
    #expect(
      result.output.contains(",\"'=HYPERLINK(\"\"http://127.0.0.1\"\")\"\n"), "\(result.output)")
    #expect(result.output.contains(",plain - text\n"))
  }

  @Test("assess writes output file")
  func assessOutput() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("report.md")
    let result = runInProcess([
      "assess", RepositoryFiles.fileStorage.path, "--format", "markdown", "--output", report.path,
    ])
    #expect(result.status == 0)
    #expect(result.output.isEmpty)
    let written = try String(contentsOf: report, encoding: .utf8)
    #expect(written.hasPrefix("# Security framework analysis"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.md"])
  }

  @Test("output into missing folder fails")
  func outputMissingFolder() {
    let result = runInProcess([
      "catalog", "--output", "/nonexistent-x1601-folder/catalog.txt",
    ])
    #expect(result.status == 1)
    #expect(result.error.contains("/nonexistent-x1601-folder"))
  }
}
