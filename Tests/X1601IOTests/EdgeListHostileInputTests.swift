import Testing
import X1601Graph

@testable import X1601IO

private func readError(_ bytes: [UInt8]) -> EdgeListError? {
  bytes.withUnsafeBytes { buffer -> EdgeListError? in
    do {
      _ = try EdgeListReader.read(buffer, path: "edges.txt")
      return nil
    } catch let error as EdgeListError {
      return error
    } catch {
      return nil
    }
  }
}

@Suite("Edge lists from untrusted sources")
struct EdgeListHostileInputTests {
  @Test("huge decimal id is rejected")
  func hugeDecimalId() throws {
    let error = try #require(readError(Array("0 268435000\n".utf8)))
    let message = error.description
    #expect(message.contains("268435000"))
    #expect(message.contains("number the nodes from 0"))
  }

  @Test("sparse ids within the limit load")
  func sparseIdsWithinLimit() throws {
    let largest = EdgeListReader.minimumNodeLimit - 1
    let bytes = Array("0 \(largest)\n".utf8)
    let graph = try bytes.withUnsafeBytes { try EdgeListReader.read($0, path: "edges.txt") }
    #expect(graph.nodeCount == largest + 1)
  }

  @Test("invalid UTF-8 name is rejected")
  func invalidUTF8Name() throws {
    let error = try #require(readError([0x61, 0x20, 0x62, 0x0A, 0xFF, 0xFE, 0x20, 0x63, 0x0A]))
    #expect(error.description.hasPrefix("edges.txt:2: invalid UTF-8 in a node name"))
  }

  @Test("control character in a name is rejected and escaped")
  func controlCharacterName() throws {
    let error = try #require(readError(Array("a b\nc\u{0}d\u{1B}[2J e\n".utf8)))
    let message = error.description
    #expect(message.hasPrefix("edges.txt:2: control character in a node name"))
    #expect(message.contains("c\\u{0}d\\u{1B}[2J"))
    #expect(!message.contains("\u{1B}"))
    #expect(!message.contains("\u{0}"))
  }

  @Test("declared node name is checked too")
  func declaredNodeName() throws {
    let error = try #require(readError(Array("#node x\u{7}y service\n".utf8)))
    #expect(error.description.hasPrefix("edges.txt:1: control character in a node name"))
  }
}
