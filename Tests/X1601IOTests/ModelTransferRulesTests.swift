import Foundation
import Testing
import X1601Analysis
import X1601TestSupport

@testable import X1601IO

@Suite("Transfer rules file")
struct ModelTransferRulesTests {
  static let path = SharedDatasets.repositoryRoot
    .appendingPathComponent("Datasets/x1601/transfer-rules.json").path

  @Test("data file equals the built-in rules")
  func dataFileMatches() throws {
    let rules = try TransferRules.read(from: Self.path)
    #expect(rules == TransferRules.standard)
    #expect(
      try String(contentsOfFile: Self.path, encoding: .utf8) == TransferRules.standard.jsonText())
  }

  @Test("every built-in rule cites a clause")
  func rationalesCiteClauses() {
    for rule in TransferRules.standard.rules {
      #expect(rule.rationale.hasPrefix("Clause"), "\(rule)")
      #expect(rule.downstream != 0)
    }
  }

  @Test("bad rules are named")
  func badRules() {
    let text = #"{"rules": [{"channel": "uses", "upstream": "8.1.9", "downstream": ["7.1.1", 3]}]}"#
    do {
      _ = try TransferRules(jsonData: Data(text.utf8), file: "rules.json")
      Issue.record("expected an error")
    } catch {
      let message = error.description
      #expect(message.contains("rules.json: $.rules[0].channel: unknown channel \"uses\""))
      #expect(message.contains("$.rules[0].upstream: unknown threat or challenge \"8.1.9\""))
      #expect(message.contains("$.rules[0].downstream[1]: expected a string, found 3"))
    }
  }
}
