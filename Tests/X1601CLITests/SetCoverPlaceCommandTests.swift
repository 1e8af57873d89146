import Foundation
import Testing

@Suite("setcover, place and propagate commands")
struct SetCoverPlaceCommandTests {
  static let exampleModel = RepositoryFiles.root
    .appendingPathComponent("Datasets/x1601/models/online-shop.json").path

  /// A Beasley-layout instance with 3 rows and 4 columns. Its optimum, columns 1 and 3 at cost
  /// 3, beats columns 1 and 4 at cost 6 and columns 2 and 4 at cost 7.
  static let smallInstance = """
    3 4
    1 2 2 5
    2
    1 4
    2
    1 2
    2
    3 4

    """

  func writeInstance(_ text: String) throws -> String {
    let folder = try makeTemporaryFolder()
    let url = folder.appendingPathComponent("small.txt")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// Returns the value after `key` on the text output line that starts with `key`.
  func field(_ key: String, in output: String) -> String? {
    for line in output.split(separator: "\n") where line.hasPrefix(key + " ") {
      return line.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
    }
    return nil
  }

  @Test("setcover heuristic on a small file")
  func setCoverHeuristic() throws {
    let path = try writeInstance(Self.smallInstance)
    let result = runInProcess(["setcover", path, "--heuristic"])

    #expect(result.status == 0, "\(result.error)")
    #expect(field("mode", in: result.output) == "heuristic")
    #expect(field("value", in: result.output) == "3")
    #expect(field("bound", in: result.output) == "3")
    #expect(field("optimal", in: result.output) == "proven")
    #expect(field("cover", in: result.output) == "2 columns: 1 3")
    #expect(result.output.contains("(lagrangian)") == false)
  }

  @Test("setcover exact JSON")
  func setCoverExactJSON() throws {
    let path = try writeInstance(Self.smallInstance)
    let result = runInProcess(["setcover", path, "--exact", "--format", "json"])

    #expect(result.status == 0, "\(result.error)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(object["value"] as? Double == 3)
    #expect(object["provenOptimal"] as? Bool == true)
    #expect(object["cover"] as? [Int] == [1, 3])
    #expect(object["mode"] as? String == "exact")
  }

  @Test("setcover malformed file")
  func setCoverMalformedFile() throws {
    let path = try writeInstance("3 4\n1 2 x 5\n")
    let result = runInProcess(["setcover", path])

    #expect(result.status == 1)
    #expect(result.error.contains(path), "\(result.error)")
    #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
    #expect(result.output.isEmpty)
  }

  @Test("setcover missing file")
  func setCoverMissingFile() throws {
    let folder = try makeTemporaryFolder()
    let path = folder.appendingPathComponent("absent.txt").path
    let result = runInProcess(["setcover", path])

    #expect(result.status == 1)
    #expect(result.error.contains("absent.txt"), "\(result.error)")
    #expect(result.output.isEmpty)
  }

  @Test("setcover rejects both modes")
  func setCoverBothModes() throws {
    let path = try writeInstance(Self.smallInstance)
    let result = runInProcess(["setcover", path, "--exact", "--heuristic"])

    #expect(result.status == 64)
    #expect(result.error.contains("--exact and --heuristic"), "\(result.error)")
  }

  @Test("setcover rejects a bad time limit")
  func setCoverBadTimeLimit() throws {
    let path = try writeInstance(Self.smallInstance)
    let result = runInProcess(["setcover", path, "--time-limit", "-1"])

    #expect(result.status == 64)
    #expect(result.error.contains("invalid time limit \"-1\""), "\(result.error)")
  }

  @Test("place on the example model")
  func placeExampleModel() {
    let result = runInProcess(["place", Self.exampleModel])

    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("Capability placement for"))
    #expect(result.output.contains("Total cost: "))
    #expect(result.output.contains("Single-cut formulation: bound") == false)
    #expect(result.output.contains("Verification: "))
  }

  @Test("place missing model")
  func placeMissingModel() throws {
    let folder = try makeTemporaryFolder()
    let path = folder.appendingPathComponent("absent.json").path
    let result = runInProcess(["place", path])

    #expect(result.status == 1)
    #expect(result.error.contains("absent.json"), "\(result.error)")
    #expect(result.output.isEmpty)
  }

  @Test("propagate on the example model")
  func propagateExampleModel() {
    let result = runInProcess([
      "propagate", Self.exampleModel, "--from-exposures",
    ])

    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.isEmpty == false)
    #expect(result.error.isEmpty, "\(result.error)")
  }

  @Test("propagate malformed model")
  func propagateMalformedModel() throws {
    let folder = try makeTemporaryFolder()
    let url = folder.appendingPathComponent("broken.json")
    try "{ \"nodes\": [".write(to: url, atomically: true, encoding: .utf8)
    let result = runInProcess(["propagate", url.path, "--from-exposures"])

    #expect(result.status == 1)
    #expect(result.error.contains("broken.json"), "\(result.error)")
    #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
    #expect(result.output.isEmpty)
  }
}
