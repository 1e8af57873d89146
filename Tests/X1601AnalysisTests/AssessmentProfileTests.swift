import Foundation
import Testing
import X1601Analysis
import X1601Catalog

@Suite("Service profile validation")
struct AssessmentProfileTests {
  static let minimal = """
    {"service": "S", "category": "IaaS", "deployment": "private", "items": ["7.1.1"]}
    """

  func parse(_ text: String) throws -> ServiceProfile {
    try ServiceProfile.parse(Array(text.utf8), file: "p.json")
  }

  func error(_ text: String) -> ProfileError? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error as? ProfileError
    }
  }

  @Test("minimal profile uses defaults")
  func minimalProfile() throws {
    let profile = try parse(Self.minimal)
    #expect(profile.service == "S")
    #expect(profile.category == .iaas)
    #expect(profile.deployment == .private)
    #expect(profile.applicable == ItemSet(indices: [0]))
    #expect(profile.costs == [Double](repeating: 1, count: 14))
    #expect(profile.implemented.isEmpty)
  }

  @Test("full profile reads every field")
  func fullProfile() throws {
    let profile = try parse(
      """
      {
        "service": "S", "category": "caas", "deployment": "Hybrid", "description": "d",
        "items": [
          {"clause": "Loss of trust", "notes": "n"},
          {"clause": "8.3.1", "applicable": false}
        ],
        "capabilities": {
          "costs": {"9.1": 2.5, "Incident management": 0},
          "implemented": ["9.2"], "required": ["9.2", "9.3"], "excluded": ["9.14"],
          "notes": {"9.2": "in place"}
        }
      }
      """)
    #expect(profile.category == .caas)
    #expect(profile.deployment == .hybrid)
    #expect(profile.applicable == ItemSet(indices: [6]))
    #expect(profile.notes(forItem: 6) == "n")
    #expect(profile.judgements.count == 2)
    #expect(profile.costs[0] == 2.5)
    #expect(profile.costs[9] == 0)
    #expect(profile.implemented == CapabilitySet(indices: [1]))
    #expect(profile.required == CapabilitySet(indices: [1, 2]))
    #expect(profile.excluded == CapabilitySet(indices: [13]))
    #expect(profile.capabilityNotes[1] == "in place")
  }

  @Test("invalid JSON gives line and column")
  func invalidJSON() throws {
    let found = try #require(error("{\n  \"service\": \"S\",\n  \"category\" \"IaaS\"\n}"))
    #expect(found.line == 3)
    #expect(found.column == 14)
    #expect(found.problem.contains("invalid JSON"))
    #expect(found.description.hasPrefix("p.json:3:14: invalid JSON"))
  }

  @Test("truncated and empty JSON")
  func truncatedJSON() throws {
    #expect(try #require(error("")).problem.contains("invalid JSON"))
    #expect(try #require(error("{\"service\": \"S")).problem.contains("unterminated string"))
    #expect(try #require(error("[1, 2")).problem.contains("invalid JSON"))
    #expect(try #require(error("{} x")).problem.contains("after the JSON value"))
  }

  @Test("deep nesting is rejected")
  func deepNesting() throws {
    let text = String(repeating: "[", count: 100_000)
    #expect(try #require(error(text)).problem.contains("nesting"))
  }

  @Test("unknown clause names the path")
  func unknownClause() throws {
    let found = try #require(
      error(
        Self.minimal.replacingOccurrences(
          of: "[\"7.1.1\"]", with: "[\"7.1.1\", {\"clause\": \"7.9\"}]")))
    #expect(found.path == "$.items[1].clause")
    #expect(found.value == "\"7.9\"")
    #expect(found.problem == "unknown threat or challenge")
    #expect(found.line == 1)
  }

  @Test("ambiguous title is rejected")
  func ambiguousTitle() throws {
    let found = try #require(
      error(Self.minimal.replacingOccurrences(of: "\"7.1.1\"", with: "\"Insider threats\"")))
    #expect(found.problem == "ambiguous title")
    #expect(found.fix.contains("7.1.3, 7.2.2"))
  }

  @Test("duplicate item names both places")
  func duplicateItem() throws {
    let found = try #require(
      error(
        Self.minimal.replacingOccurrences(
          of: "[\"7.1.1\"]", with: "[\"7.1.1\", \"Data loss and leakage\"]")))
    #expect(found.path == "$.items[1]")
    #expect(found.problem.contains("duplicate item 7.1.1"))
    #expect(found.problem.contains("$.items[0]"))
  }

  @Test("cost for unknown capability")
  func unknownCostCapability() throws {
    let found = try #require(
      error(
        Self.minimal.replacingOccurrences(
          of: "}", with: ", \"capabilities\": {\"costs\": {\"9.99\": 2}}}")))
    #expect(found.path == "$.capabilities.costs[\"9.99\"]")
    #expect(found.value == "\"9.99\"")
    #expect(found.problem == "unknown capability")
  }

  @Test("negative cost")
  func negativeCost() throws {
    let found = try #require(
      error(
        Self.minimal.replacingOccurrences(
          of: "}", with: ", \"capabilities\": {\"costs\": {\"9.2\": -1}}}")))
    #expect(found.path == "$.capabilities.costs[\"9.2\"]")
    #expect(found.value == "-1")
    #expect(found.problem == "negative cost")
  }

  @Test("non-finite and non-numeric costs")
  func nonFiniteCost() throws {
    let huge = try #require(
      error(
        Self.minimal.replacingOccurrences(
          of: "}", with: ", \"capabilities\": {\"costs\": {\"9.2\": 1e999}}}")))
    #expect(huge.problem.contains("not a finite number"))
    let text = try #require(
      error(
        Self.minimal.replacingOccurrences(
          of: "}", with: ", \"capabilities\": {\"costs\": {\"9.2\": \"NaN\"}}}")))
    #expect(text.problem.contains("expected a number"))
    #expect(text.value == "\"NaN\"")
  }

  @Test("cost at or above 1e12")
  func tooLargeCost() throws {
    for value in ["1e12", "1e308"] {
      let found = try #require(
        error(
          Self.minimal.replacingOccurrences(
            of: "}", with: ", \"capabilities\": {\"costs\": {\"9.2\": \(value)}}}")))
      #expect(found.problem == "cost too large")
      #expect(found.value == value)
      #expect(found.fix.contains("below 1e12"))
    }
    let largest = try parse(
      Self.minimal.replacingOccurrences(
        of: "}", with: ", \"capabilities\": {\"costs\": {\"9.2\": 999999999999}}}"))
    #expect(largest.costs[1] == 999_999_999_999)
  }

  @Test(
    "control characters in strings",
    arguments: [
      ("\"service\": \"S\\u001b[2J\"", "$.service", "U+001B"),
      ("\"service\": \"S\", \"description\": \"a\\rb\"", "$.description", "U+000D"),
      ("\"service\": \"S\", \"description\": \"a\\u009bb\"", "$.description", "U+009B"),
    ])
  func controlCharacters(member: String, path: String, code: String) throws {
    let found = try #require(
      error(Self.minimal.replacingOccurrences(of: "\"service\": \"S\"", with: member)))
    #expect(found.path == path)
    #expect(found.problem == "control character \(code)")
  }

  @Test("line feed in service name")
  func serviceLineFeed() throws {
    let found = try #require(
      error(Self.minimal.replacingOccurrences(of: "\"S\"", with: "\"S\\n# injected\"")))
    #expect(found.path == "$.service")
    #expect(found.problem == "line break in the service name")
  }

  @Test("tab and line feed in notes")
  func tabAndLineFeed() throws {
    let profile = try parse(
      Self.minimal.replacingOccurrences(
        of: "\"7.1.1\"", with: "{\"clause\": \"7.1.1\", \"notes\": \"a\\tb\\nc\"}"))
    #expect(profile.notes(forItem: 0) == "a\tb\nc")
  }

  @Test("null value named once")
  func nullValue() throws {
    let found = try #require(
      error(Self.minimal.replacingOccurrences(of: "}", with: ", \"capabilities\": null}")))
    #expect(found.problem == "expected an object, found null")
    #expect(found.value == "")
    #expect(!found.description.contains("null null"), "\(found.description)")
  }

  @Test("unreadable paths say why")
  func unreadablePaths() throws {
    let folder = FileManager.default.temporaryDirectory.path
    let cases = [
      (folder, "cannot read the profile: the path is a folder, not a file"),
      (folder + "/x1601-no-such-profile.json", "cannot read the profile: file not found"),
    ]
    for (path, problem) in cases {
      do {
        _ = try ServiceProfile.load(path: path)
        Issue.record("\(path) was read")
      } catch {
        #expect(error.problem == problem)
      }
    }
  }

  @Test("duplicate cost through title")
  func duplicateCost() throws {
    let found = try #require(
      error(
        Self.minimal.replacingOccurrences(
          of: "}", with: ", \"capabilities\": {\"costs\": {\"9.2\": 1, \"IAM\": 2}}}")))
    #expect(found.problem.contains("duplicate cost for capability 9.2"))
  }

  @Test("duplicate JSON member")
  func duplicateMember() throws {
    let found = try #require(
      error(
        Self.minimal.replacingOccurrences(
          of: "\"service\": \"S\",", with: "\"service\": \"S\", \"service\": \"T\",")))
    #expect(found.path == "$.service")
    #expect(found.problem == "duplicate member")
  }

  @Test("unknown category and deployment")
  func unknownCategory() throws {
    let category = try #require(error(Self.minimal.replacingOccurrences(of: "IaaS", with: "DaaS")))
    #expect(category.path == "$.category")
    #expect(category.value == "\"DaaS\"")
    #expect(category.fix.contains("IaaS, PaaS, SaaS, NaaS or CaaS"))
    let deployment = try #require(
      error(Self.minimal.replacingOccurrences(of: "private", with: "edge")))
    #expect(deployment.path == "$.deployment")
  }

  @Test("required and excluded conflict")
  func requiredExcluded() throws {
    let found = try #require(
      error(
        Self.minimal.replacingOccurrences(
          of: "}",
          with:
            ", \"capabilities\": {\"required\": [\"9.4\"], \"excluded\": [\"Interface security\"]}}"
        )))
    #expect(found.path == "$.capabilities.excluded[0]")
    #expect(found.problem.contains("both required"))
  }

  @Test("duplicate capability in a list")
  func duplicateCapability() throws {
    let found = try #require(
      error(
        Self.minimal.replacingOccurrences(
          of: "}", with: ", \"capabilities\": {\"implemented\": [\"9.4\", \"9.4\"]}}")))
    #expect(found.path == "$.capabilities.implemented[1]")
    #expect(found.problem.contains("duplicate capability 9.4"))
  }

  @Test("missing and mistyped fields")
  func missingFields() throws {
    let service = try #require(
      error("{\"category\": \"IaaS\", \"deployment\": \"public\", \"items\": []}"))
    #expect(service.path == "$.service")
    #expect(service.problem == "missing field")
    let items = try #require(
      error(Self.minimal.replacingOccurrences(of: "[\"7.1.1\"]", with: "\"7.1.1\"")))
    #expect(items.path == "$.items")
    #expect(items.problem.contains("expected an array"))
    let typo = try #require(
      error(Self.minimal.replacingOccurrences(of: "\"items\"", with: "\"itmes\"")))
    #expect(typo.problem == "unknown field")
    #expect(typo.value == "\"itmes\"")
    let flag = try #require(
      error(
        Self.minimal.replacingOccurrences(
          of: "\"7.1.1\"", with: "{\"clause\": \"7.1.1\", \"applicable\": \"yes\"}")))
    #expect(flag.path == "$.items[0].applicable")
  }

  @Test("capability where item expected")
  func capabilityAsItem() throws {
    let found = try #require(
      error(Self.minimal.replacingOccurrences(of: "\"7.1.1\"", with: "\"9.1\"")))
    #expect(found.problem.contains("not a threat or challenge"))
  }

  @Test("missing file")
  func missingFile() {
    #expect(throws: ProfileError.self) {
      try ServiceProfile.load(path: "/nonexistent/profile.json")
    }
  }

  @Test("unicode strings and escapes")
  func unicode() throws {
    let profile = try parse(
      Self.minimal.replacingOccurrences(of: "\"S\"", with: "\"Stockage \\u00e9t\\ud83d\\ude00 ü\""))
    #expect(profile.service == "Stockage ét😀 ü")
  }

  @Test("column counts characters, not bytes")
  func columnInCharacters() throws {
    let found = try #require(error("{\"service\": \"ééé\" \"category\": 1}"))
    #expect(found.line == 1)
    #expect(found.column == 19)
  }

  @Test("long single line parses quickly")
  func longLine() throws {
    let items = Catalog.standard.items.map {
      "{\"clause\": \"\($0.clause)\", \"notes\": \"" + String(repeating: "x", count: 40_000) + "\"}"
    }
    let text =
      "{\"service\": \"S\", \"category\": \"IaaS\", \"deployment\": \"public\", \"items\": ["
      + items.joined(separator: ", ") + "], \"capabilities\": {\"costs\": {\"9.1\": -1}}}"
    let clock = ContinuousClock()
    var found: ProfileError? = nil
    let elapsed = clock.measure { found = error(text) }
    let issue = try #require(found)
    #expect(issue.problem == "negative cost")
    #expect(issue.column == text.count - 4, "the column of -1")
    #expect(elapsed < .seconds(5), "about 1 MB on one line")
  }
}
