import Testing
import X1601SetCover

@Suite("OR-Library files from untrusted sources")
struct ORLibraryHostileInputTests {
  func message(_ text: String, format: ORLibraryFormat? = nil) -> String {
    do {
      _ = try ORLibraryReader.parse(bytes: Array(text.utf8), name: "test.txt", format: format)
      return ""
    } catch {
      return "\(error)"
    }
  }

  // Found by the fuzz-orlib target: with no columns the rail layout needs no numbers after the
  // header, so this 17-byte file passed the size check and asked for 17 GB of row arrays.
  @Test("rail rows beyond the file are rejected")
  func railRowsBeyondFile() {
    let detected = message(" 2222222021\r 0\r ")
    #expect(detected.contains("2222222021 rows and 0 columns"))
    #expect(detected.contains("fix the header"))

    let rail = message("3000000000 0\n", format: .rail)
    #expect(rail.contains("3000000000 rows"))
  }

  @Test("rail with too few row entries is rejected")
  func railRowsWithoutEntries() {
    // Five rows, but the only column covers two of them.
    let text = message("5 1\n1 2 1 2\n", format: .rail)
    #expect(text.contains("5 rows and 1 columns"))
  }
}
