import Foundation
import Testing
import X1601SetCover
import X1601TestSupport

@Suite("OR-Library reader")
struct ORLibraryReaderTests {
  /// Three rows, four columns: row 1 by columns 1 and 2, row 2 by 2 and 3, row 3 by 4.
  static let beasley = " 3 4\n 5 3 4 2\n 2 1 2\n 2 2 3\n 1 4\n"
  /// The same instance in the rail layout.
  static let rail = "3 4\n5 1 1\n3 2 1 2\n4 1 2\n2 1 3\n"

  func parse(_ text: String, format: ORLibraryFormat? = nil) throws -> SetCoverInstance {
    try ORLibraryReader.parse(bytes: Array(text.utf8), name: "test.txt", format: format)
  }

  /// The message of the error `text` raises, or an empty string when it parses.
  func message(_ text: String, format: ORLibraryFormat? = nil) -> String {
    do {
      _ = try parse(text, format: format)
      return ""
    } catch {
      return "\(error)"
    }
  }

  @Test("Beasley and rail layouts agree")
  func layoutsAgree() throws {
    for format in [nil, ORLibraryFormat.beasley] {
      let instance = try parse(Self.beasley, format: format)
      #expect(instance.rowCount == 3)
      #expect(instance.columnCount == 4)
      #expect(instance.nonzeroCount == 5)
      #expect(instance.costs == [5, 3, 4, 2])
      #expect(Array(instance.rows(ofColumn: 1)) == [0, 1])
    }
    for format in [nil, ORLibraryFormat.rail] {
      let instance = try parse(Self.rail, format: format)
      #expect(instance.costs == [5, 3, 4, 2])
      #expect(Array(instance.rows(ofColumn: 1)) == [0, 1])
      #expect(Array(instance.columns(ofRow: 2)) == [3])
    }
  }

  @Test("truncated column list")
  func truncatedColumnList() {
    let text = message(" 3 4\n 5 3 4 2\n 2 1 2\n 2 2 3\n 3 4\n", format: .beasley)
    #expect(text.contains("test.txt:5"))
    #expect(text.contains("row 3"))
    #expect(text.contains("3 columns declared, 1 found"))
    #expect(text.contains("truncated"))
  }

  @Test("row index out of range")
  func rowOutOfRange() {
    let text = message("3 4\n5 1 1\n3 2 1 7\n4 1 2\n2 1 3\n", format: .rail)
    #expect(text.contains("test.txt:3"))
    #expect(text.contains("row 7"))
    #expect(text.contains("out of range 1...3"))
  }

  @Test("column index out of range")
  func columnOutOfRange() {
    let text = message(" 3 4\n 5 3 4 2\n 2 1 9\n 2 2 3\n 1 4\n")
    #expect(text.contains("column 9"))
    #expect(text.contains("out of range 1...4"))
    #expect(text.contains("token 9"))
  }

  @Test("negative cost")
  func negativeCost() {
    let text = message(" 3 4\n 5 -3 4 2\n 2 1 2\n 2 2 3\n 1 4\n", format: .beasley)
    #expect(text.contains("cost of column 2 is -3"))
    #expect(text.contains("at least 0"))
    #expect(text.contains("test.txt:2"))
  }

  @Test("non-numeric token")
  func nonNumericToken() {
    let text = message(" 3 4\n 5 3 4 2\n 2 1 x2\n 2 2 3\n 1 4\n", format: .beasley)
    #expect(text.contains("\"x2\""))
    #expect(text.contains("column number"))
  }

  @Test("declared sizes larger than the file")
  func declaredSizesTooLarge() {
    let text = message(" 300000000 400000000\n 1 2 3\n")
    #expect(text.contains("300000000 rows and 400000000 columns"))
    #expect(text.contains("the file has 3"))
  }

  @Test("trailing data after the last row")
  func trailingData() {
    let text = message(Self.beasley + " 7\n", format: .beasley)
    #expect(text.contains("unexpected \"7\""))
  }

  @Test("missing file named in the error")
  func missingFile() {
    #expect(throws: SetCoverError.self) {
      try ORLibraryReader.read(path: "/nonexistent/scp00.txt")
    }
  }

  @Test(
    "scp41 counts rows, columns and nonzeros",
    .enabled(
      if: SharedDatasets.file("orlib/scp-public.tar.xz") != nil, "\(SharedDatasets.missingMessage)")
  )
  func realInstance() throws {
    let archive = try #require(SharedDatasets.file("orlib/scp-public.tar.xz"))
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("x1601-orlib-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let tar = Process()
    tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    tar.arguments = ["tar", "-xJf", archive.path, "-C", folder.path, "scp41.txt"]
    try tar.run()
    tar.waitUntilExit()
    try #require(tar.terminationStatus == 0, "tar could not extract scp41.txt (needs tar and xz)")

    let instance = try ORLibraryReader.read(path: folder.appendingPathComponent("scp41.txt").path)
    #expect(instance.rowCount == 200)
    #expect(instance.columnCount == 1000)
    #expect(instance.nonzeroCount == 4009)
    #expect(instance.hasIntegralCosts)

    let solution = try SetCoverSolver.solve(instance, options: SetCoverOptions(mode: .exact))
    #expect(solution.cost == 429)
    #expect(solution.isProvenOptimal)
  }
}
