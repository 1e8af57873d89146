import Foundation
import Testing
import X1601TestSupport

/// One file of the bad-input corpus and how the tool must reject it.
struct BadInput: Sendable, CustomTestStringConvertible {
  /// The subcommand that reads the file.
  enum Reader: Sendable {
    /// `assess FILE --output OUT`.
    case profile
    /// `assess PROFILE --mapping FILE --output OUT`.
    case mapping
    /// `convert FILE OUT` with OUT's extension given.
    case convert(outputExtension: String)
    /// `setcover [--beasley] FILE`, which writes only to standard output.
    case setCover(beasley: Bool)
    /// `import FORMAT FILE --output OUT`.
    case importer(format: String)
  }

  /// The file's name in the corpus folder, or the name given to generated contents.
  var file: String
  var reader: Reader
  /// Text that standard error must contain: the offending value and the fix.
  var expected: [String]
  /// Contents made at test time instead of read from the corpus, for files too large to store.
  var generated: (@Sendable () -> [UInt8])? = nil

  var testDescription: String { file }

  /// The arguments of a run that reads `input` and would write `output`.
  func arguments(input: String, output: String) -> [String] {
    switch reader {
    case .profile:
      return ["assess", input, "--output", output]
    case .mapping:
      return [
        "assess", RepositoryFiles.fileStorage.path, "--mapping", input, "--output", output,
      ]
    case .convert:
      return ["convert", input, output]
    case .setCover(let beasley):
      return ["setcover"] + (beasley ? ["--beasley"] : []) + [input]
    case .importer(let format):
      return ["import", format, input, "--output", output]
    }
  }

  var outputName: String {
    switch reader {
    case .profile, .mapping: "report.txt"
    case .convert(let outputExtension): "converted.\(outputExtension)"
    case .setCover: "unused.txt"
    case .importer: "model.json"
    }
  }
}

/// The corpus folder in the source tree.
enum BadInputCorpus {
  static let folder = RepositoryFiles.root.appendingPathComponent(
    "Tests/X1601CLITests/BadInputCorpus")

  /// `count` opening brackets and as many closing ones: valid JSON nested `count` deep.
  static func nestedArrays(_ count: Int) -> [UInt8] {
    [UInt8](repeating: UInt8(ascii: "["), count: count)
      + [UInt8](repeating: UInt8(ascii: "]"), count: count)
  }

  static let cases: [BadInput] = [
    // Service profiles (assess).
    BadInput(
      file: "profile-truncated.json", reader: .profile,
      expected: ["unterminated string", "correct the JSON syntax"]),
    BadInput(
      file: "profile-wrong-type.json", reader: .profile,
      expected: ["$.category", "number 5", "double quotes"]),
    BadInput(
      file: "profile-unknown-id.json", reader: .profile,
      expected: ["\"7.9.9\"", "use a clause number"]),
    BadInput(
      file: "profile-duplicate-id.json", reader: .profile,
      expected: ["$.items[2]", "7.1.1", "list each threat or challenge once"]),
    BadInput(
      file: "profile-negative-cost.json", reader: .profile,
      expected: ["negative cost -4", "give a cost of 0 or more"]),
    BadInput(
      file: "profile-infinite-cost.json", reader: .profile,
      expected: ["not a finite number 1e999", "give a cost below"]),
    BadInput(
      file: "profile-invalid-utf8.json", reader: .profile,
      expected: ["invalid UTF-8", "1:105"]),
    BadInput(
      file: "profile-nul-byte.json", reader: .profile,
      expected: ["found byte 0x0", "1:79"]),
    BadInput(
      file: "profile-deep-nesting.json", reader: .profile,
      expected: ["nesting deeper than", "correct the JSON syntax"],
      generated: { nestedArrays(100_000) }),

    // Mapping grids (assess --mapping).
    BadInput(
      file: "mapping-truncated.csv", reader: .mapping,
      expected: ["found 4", "\"7.1.2,Y,,\"", "give one field per header column"]),
    BadInput(
      file: "mapping-wrong-type.csv", reader: .mapping,
      expected: [":2:2:", "\"maybe\"", "write Y where"]),
    BadInput(
      file: "mapping-unknown-id.csv", reader: .mapping,
      expected: ["\"7.1.9\"", "use a clause number"]),
    BadInput(
      file: "mapping-duplicate-id.csv", reader: .mapping,
      expected: [":3:1:", "\"7.1.1\"", "keep one row per item"]),
    BadInput(
      file: "mapping-invalid-utf8.csv", reader: .mapping,
      expected: ["not UTF-8", "save the file as UTF-8"]),
    BadInput(
      file: "mapping-nul-byte.csv", reader: .mapping,
      expected: [":2:3:", "invalid cell value", "\"\\u{0}\"", "write Y where"]),

    // JSON supply chain models (convert).
    BadInput(
      file: "model-truncated.json", reader: .convert(outputExtension: "x1601"),
      expected: ["Unexpected end of file", "check that the file is complete"]),
    BadInput(
      file: "model-wrong-type.json", reader: .convert(outputExtension: "x1601"),
      expected: ["$.services[0].dependsOn", "expected an array", "\"b\""]),
    BadInput(
      file: "model-unknown-id.json", reader: .convert(outputExtension: "x1601"),
      expected: ["unknown node \"ghost\"", "declare it under services or components"]),
    BadInput(
      file: "model-duplicate-id.json", reader: .convert(outputExtension: "x1601"),
      expected: ["$.services[1].id", "duplicate id \"a\"", "rename one"]),
    BadInput(
      file: "model-self-dependency.json", reader: .convert(outputExtension: "x1601"),
      expected: ["\"a\" depends on itself", "remove the self-dependency"]),
    BadInput(
      file: "model-invalid-utf8.json", reader: .convert(outputExtension: "x1601"),
      expected: ["Invalid UTF-8", "check that the file is complete"]),
    BadInput(
      file: "model-nul-byte.json", reader: .convert(outputExtension: "x1601"),
      expected: ["control character", "check that the file is complete"]),
    BadInput(
      file: "model-deep-nesting.json", reader: .convert(outputExtension: "x1601"),
      expected: ["Too many nested arrays", "check that the file is complete"],
      generated: { nestedArrays(100_000) }),

    // Text edge lists (convert).
    BadInput(
      file: "edges-truncated.txt", reader: .convert(outputExtension: "x1601"),
      expected: [":2:", "missing target", "\"c\""]),
    BadInput(
      file: "edges-wrong-type.txt", reader: .convert(outputExtension: "x1601"),
      expected: ["unknown edge kind", "use one of", "\"flows-into\""]),
    BadInput(
      file: "edges-kind-not-allowed.txt", reader: .convert(outputExtension: "x1601"),
      expected: [":3:", "node \"t\"", "declare its kind"]),
    BadInput(
      file: "edges-huge-id.txt", reader: .convert(outputExtension: "x1601"),
      expected: ["268435000", "implies 268435001 nodes", "number the nodes from 0"]),
    BadInput(
      file: "edges-invalid-utf8.txt", reader: .convert(outputExtension: "x1601"),
      expected: [":2:", "invalid UTF-8 in a node name", "save the file as UTF-8"]),
    BadInput(
      file: "edges-nul-byte.txt", reader: .convert(outputExtension: "x1601"),
      expected: [":2:", "control character in a node name", "\"c\\u{0}d\""]),

    // Binary graphs (convert).
    BadInput(
      file: "binary-truncated.x1601", reader: .convert(outputExtension: "txt"),
      expected: ["holds 100 bytes", "write the file again"]),
    BadInput(
      file: "binary-wrong-type.x1601", reader: .convert(outputExtension: "txt"),
      expected: ["wrong magic bytes", "read it as an edge list"]),
    BadInput(
      file: "binary-huge-counts.x1601", reader: .convert(outputExtension: "txt"),
      expected: ["4831838464 bytes", "holds 160", "write the file again"]),
    BadInput(
      file: "binary-node-count-over-limit.x1601", reader: .convert(outputExtension: "txt"),
      expected: ["node count is 1000000000", "write the file again"]),

    // OR-Library set-cover instances (setcover).
    BadInput(
      file: "orlib-huge-header.txt", reader: .setCover(beasley: false),
      expected: ["1000000000 rows", "but the file has 3", "fix the header"]),
    BadInput(
      file: "orlib-truncated.txt", reader: .setCover(beasley: true),
      expected: ["2 columns declared, 1 found", "the file is truncated"]),
    BadInput(
      file: "orlib-negative-cost.txt", reader: .setCover(beasley: true),
      expected: ["cost of column 2 is -3", "costs must be at least 0"]),
    BadInput(
      file: "orlib-nan-cost.txt", reader: .setCover(beasley: true),
      expected: ["found \"nan\"", "only numbers"]),
    BadInput(
      file: "orlib-unknown-column.txt", reader: .setCover(beasley: true),
      expected: ["column 7", "out of range 1...2", "fix the index"]),
    BadInput(
      file: "orlib-nul-byte.txt", reader: .setCover(beasley: true),
      expected: [":3:", "expected a column number", "\"1\\u{0}\"", "only numbers"]),

    // CycloneDX documents and Debian package indexes (import).
    BadInput(
      file: "cyclonedx-truncated.json", reader: .importer(format: "cyclonedx"),
      expected: ["invalid JSON", "check that the file is complete"]),
    BadInput(
      file: "cyclonedx-wrong-type.json", reader: .importer(format: "cyclonedx"),
      expected: ["$.components", "expected an array, found an object"]),
    BadInput(
      file: "cyclonedx-duplicate-id.json", reader: .importer(format: "cyclonedx"),
      expected: ["$.components[1].bom-ref", "\"lib-a\"", "give each element a unique bom-ref"]),
    BadInput(
      file: "cyclonedx-not-cyclonedx.json", reader: .importer(format: "cyclonedx"),
      expected: ["$.bomFormat", "\"SPDX\"", "not a CycloneDX JSON document"]),
    BadInput(
      file: "cyclonedx-deep-nesting.json", reader: .importer(format: "cyclonedx"),
      expected: ["Too many nested arrays", "check that the file is complete"],
      generated: { nestedArrays(100_000) }),
    BadInput(
      file: "debian-no-package.txt", reader: .importer(format: "debian"),
      expected: ["line 1", "no stanza with a Package field"]),
  ]
}

@Suite(
  "Bad input corpus", .enabled(if: BuiltTool.isAvailable, "x1601 executable not built"))
struct BadInputTests {
  @Test("built tool rejects bad input", arguments: BadInputCorpus.cases)
  func rejects(_ input: BadInput) throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let inputURL = folder.appendingPathComponent(input.file)
    if let generated = input.generated {
      try Data(generated()).write(to: inputURL)
    } else {
      let source = BadInputCorpus.folder.appendingPathComponent(input.file)
      try FileManager.default.copyItem(at: source, to: inputURL)
    }
    let outputURL = folder.appendingPathComponent(input.outputName)

    let result = try BuiltTool.run(
      input.arguments(input: inputURL.path, output: outputURL.path))

    // A signal shows as a status above 128 here; only the documented failure codes pass.
    #expect(result.status == 1 || result.status == 64, "status \(result.status): \(result.error)")
    #expect(result.error.contains(inputURL.path), "stderr does not name the file: \(result.error)")
    for text in input.expected {
      #expect(result.error.contains(text), "stderr lacks \"\(text)\": \(result.error)")
    }
    #expect(
      !result.error.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" },
      "stderr holds a control character: \(result.error.debugDescription)")
    #expect(result.output.isEmpty, "stdout: \(result.output)")
    #expect(!FileManager.default.fileExists(atPath: outputURL.path))
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(left == [input.file], "files left in the output folder: \(left)")
  }

  @Test("corpus files all have a case")
  func corpusIsCovered() throws {
    let stored = try FileManager.default.contentsOfDirectory(atPath: BadInputCorpus.folder.path)
      .filter { !$0.hasSuffix(".md") }
    let listed = BadInputCorpus.cases.filter { $0.generated == nil }.map(\.file)
    #expect(Set(stored) == Set(listed))
  }
}

/// Options whose result cannot fit in memory are rejected before anything is allocated.
@Suite(
  "Resource limits of options", .enabled(if: BuiltTool.isAvailable, "x1601 executable not built"))
struct OptionLimitTests {
  static let physicalMemory =
    Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE)))

  // 31 << 27 edges at about 12 bytes each is 50 GB.
  @Test(
    "binary generate beyond memory is rejected",
    .enabled(if: physicalMemory < 48e9, "this machine could hold the 50 GB graph"))
  func generateBeyondMemory() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("huge.x1601")

    let result = try BuiltTool.run([
      "generate", "rmat", output.path, "--scale", "27", "--edge-factor", "31",
    ])

    #expect(result.status == 64)
    #expect(result.error.contains("about 4160749568 edges"))
    #expect(result.error.contains("--format edges"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test("absurd sample count is rejected")
  func absurdSampleCount() throws {
    let result = try BuiltTool.run([
      "propagate", "Datasets/x1601/models/online-shop.json", "--from-exposures",
      "--probabilistic", "--samples", "1000000000000",
    ])

    #expect(result.status == 64)
    #expect(result.error.contains("\"1000000000000\" for --samples"))
    #expect(result.error.contains("from 1 to 100000000"))
    #expect(result.output.isEmpty)
  }
}
