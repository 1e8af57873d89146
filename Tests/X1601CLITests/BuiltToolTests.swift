import Foundation
import Testing

@Suite("Built x1601 executable", .enabled(if: BuiltTool.isAvailable, "x1601 executable not built"))
struct BuiltToolTests {
  /// Malformed profiles and the text their one-line error must contain.
  static let malformedProfiles: [(name: String, text: String, message: String)] = [
    ("invalid JSON", "{\"service\": \"S\",, }", "invalid JSON"),
    (
      "unknown clause",
      #"{"service": "S", "category": "SaaS", "deployment": "public", "items": ["7.4.1"]}"#,
      "$.items[0]: unknown threat or challenge \"7.4.1\""
    ),
    (
      "duplicate item",
      #"{"service": "S", "category": "SaaS", "deployment": "public", "items": ["7.1.1", {"clause": "7.1.1"}]}"#,
      "$.items[1].clause: duplicate item 7.1.1"
    ),
    (
      "cost for unknown capability",
      #"{"service": "S", "category": "SaaS", "deployment": "public", "items": [], "capabilities": {"costs": {"9.15": 1}}}"#,
      "$.capabilities.costs[\"9.15\"]: unknown capability \"9.15\""
    ),
    (
      "negative cost",
      #"{"service": "S", "category": "SaaS", "deployment": "public", "items": [], "capabilities": {"costs": {"9.3": -2.5}}}"#,
      "$.capabilities.costs[\"9.3\"]: negative cost -2.5"
    ),
    (
      "unknown category",
      #"{"service": "S", "category": "XaaS", "deployment": "public", "items": []}"#,
      "$.category: unknown service category \"XaaS\""
    ),
  ]

  @Test("assess file storage JSON")
  func assessJSON() throws {
    let result = try BuiltTool.run([
      "assess", "Datasets/x1601/file-storage.json", "--format", "json",
    ])
    #expect(result.status == 0)
    #expect(result.error.isEmpty)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let applicable = try #require(object["applicable"] as? [String])
    #expect(
      applicable == [
        "7.1.1", "7.1.2", "7.2.1", "7.2.2", "8.1.1", "8.1.2", "8.1.3", "8.1.4", "8.1.5", "8.1.6",
        "8.2.1", "8.2.2", "8.2.3", "8.2.4", "8.2.6", "8.2.7", "8.2.9",
      ])
    let step2 = try #require(object["step2"] as? [String: Any])
    #expect((step2["uncovered"] as? [String]) == [])
    #expect(step2["minimumCardinality"] as? Int == 4)
  }

  @Test("catalog mapping CSV")
  func mappingCSV() throws {
    let result = try BuiltTool.run(["catalog", "--mapping", "--format", "csv"])
    #expect(result.status == 0)
    #expect(result.output == (try String(contentsOf: RepositoryFiles.tableI1, encoding: .utf8)))
  }

  @Test("version and usage error")
  func versionAndUsage() throws {
    let version = try BuiltTool.run(["--version"])
    #expect(version.status == 0)
    #expect(version.output.hasPrefix("x1601 "))
    let usage = try BuiltTool.run(["assess", "--frmat", "json", "x.json"])
    #expect(usage.status == 64)
    #expect(usage.error.contains("did you mean --format?"))
  }

  @Test("malformed profile fails without output", arguments: malformedProfiles.map(\.name))
  func malformedProfile(name: String) throws {
    let entry = try #require(Self.malformedProfiles.first { $0.name == name })
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let profile = folder.appendingPathComponent("profile.json")
    try entry.text.write(to: profile, atomically: true, encoding: .utf8)
    let report = folder.appendingPathComponent("report.json")

    let result = try BuiltTool.run([
      "assess", profile.path, "--format", "json", "--output", report.path,
    ])
    #expect(result.status == 1)
    #expect(result.output.isEmpty)
    let lines = result.error.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(result.error.contains(entry.message), "\(result.error)")
    #expect(result.error.contains("profile.json"))
    #expect(!FileManager.default.fileExists(atPath: report.path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["profile.json"])
  }
}
