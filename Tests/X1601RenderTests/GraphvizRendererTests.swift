import Foundation
import Testing

@testable import X1601Render

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("Graphviz rendering")
struct GraphvizRendererTests {
  static func sample(label: String = "hello") -> DOTGraph {
    var graph = DOTGraph(id: "sample")
    graph.body.nodes = [
      DOTNode("alpha", ["label": .text(label), "id": "alpha"]),
      DOTNode("beta", ["id": "beta", "label": "Beta"]),
    ]
    graph.body.edges = [DOTEdge("alpha", "beta")]
    return graph
  }

  @Test("renders SVG that parses as XML with node ids")
  func svgParses() throws {
    let picture = try GraphvizRenderer.render(Self.sample(), format: .svg)
    let document = try XMLDocument(data: Data(picture.data))
    let ids = try document.nodes(forXPath: "//*[@class='node']/@id").compactMap(\.stringValue)
    #expect(Set(ids) == ["alpha", "beta"])
    #expect(picture.warnings.isEmpty)
  }

  @Test("hostile label survives into SVG text", arguments: LayoutEngine.allCases)
  func hostileLabelInSVG(engine: LayoutEngine) throws {
    let text = DOTWriterTests.hostileText
    let picture = try GraphvizRenderer.render(
      Self.sample(label: text), engine: engine, format: .svg)
    let document = try XMLDocument(data: Data(picture.data))
    let texts = try document.nodes(forXPath: "//*[@id='alpha']//*[local-name()='text']")
      .compactMap(\.stringValue)
    // Graphviz draws each line of a label as one text element.
    let expectedLines = text.replacingOccurrences(of: "\r\n", with: "\n")
      .split(separator: "\n").map(String.init)
    #expect(texts == expectedLines)
  }

  @Test("renders PNG and PDF through the cairo plugin")
  func binaryFormats() throws {
    let png = try GraphvizRenderer.render(Self.sample(), format: .png)
    #expect(png.data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    let pdf = try GraphvizRenderer.render(Self.sample(), format: .pdf)
    #expect(pdf.data.starts(with: Array("%PDF".utf8)))
    let dot = try GraphvizRenderer.render(Self.sample(), format: .dot)
    #expect(String(decoding: dot.data, as: UTF8.self).contains("pos="))
  }

  @Test("syntax error is thrown, not printed")
  func syntaxError() {
    #expect {
      try GraphvizRenderer.render(dot: "digraph { a -> ; }", format: .svg)
    } throws: { error in
      guard case RenderError.invalidDOT(let messages) = error else { return false }
      return messages == ["syntax error in line 1 near ';'"]
    }
    // The parser recovers: the next rendering succeeds.
    #expect(throws: Never.self) {
      try GraphvizRenderer.render(dot: "digraph { a -> b }", format: .svg)
    }
  }

  @Test("warnings are returned, not printed")
  func warningsCaptured() throws {
    let picture = try GraphvizRenderer.render(
      dot: "digraph { a [color=\"not-a-colour\"] }", format: .svg)
    #expect(picture.warnings.contains { $0.contains("not-a-colour") })
  }

  @Test("output format from file extension")
  func formatFromPath() {
    #expect(PictureFormat(path: "out/cover.SVG") == .svg)
    #expect(PictureFormat(path: "a.b/c.png") == .png)
    #expect(PictureFormat(path: "x.gv") == .dot)
    #expect(PictureFormat(path: "x.pdf") == .pdf)
    #expect(PictureFormat(path: "x.jpeg") == nil)
    #expect(PictureFormat(path: "dir.svg/noext") == nil)
    #expect(PictureFormat(path: ".svg") == nil)
  }

  @Test("concurrent renderings are serialised")
  func concurrentRenderings() async throws {
    try await withThrowingTaskGroup(of: Int.self) { group in
      for index in 0..<8 {
        group.addTask {
          try GraphvizRenderer.render(Self.sample(label: "n\(index)"), format: .svg).data.count
        }
      }
      for try await size in group {
        #expect(size > 0)
      }
    }
  }
}

@Suite("Picture files")
struct PictureFileTests {
  @Test("extension picks the format, no temporary file left")
  func writesByExtension() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("x1601-render-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let svgPath = folder.appendingPathComponent("out.svg").path
    let pngPath = folder.appendingPathComponent("out.png").path
    try GraphvizRenderer.write(GraphvizRendererTests.sample(), to: svgPath)
    try GraphvizRenderer.write(GraphvizRendererTests.sample(), to: pngPath)
    let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
    #expect(svg.contains("<svg"))
    let png = try Data(contentsOf: URL(fileURLWithPath: pngPath))
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names == ["out.png", "out.svg"])
  }

  @Test("unknown extension is rejected")
  func unknownExtension() {
    #expect(throws: RenderError.unsupportedExtension(path: "/tmp/x.bmp")) {
      try GraphvizRenderer.write(GraphvizRendererTests.sample(), to: "/tmp/x.bmp")
    }
  }

  @Test("missing folder is an error naming the path")
  func missingFolder() {
    #expect {
      try GraphvizRenderer.write(
        GraphvizRendererTests.sample(), to: "/nonexistent-x1601/out.svg")
    } throws: { error in
      guard case RenderError.writeFailed(let path, _) = error else { return false }
      return path == "/nonexistent-x1601/out.svg"
    }
  }
}

@Suite("Graphviz parser state")
struct GraphvizParserStateTests {
  @Test("line numbers restart for each text")
  func lineNumbersRestart() throws {
    for _ in 0..<3 {
      _ = try GraphvizRenderer.render(dot: "digraph {\n a -> b\n}\n", format: .dot)
      #expect {
        try GraphvizRenderer.render(dot: "digraph {\n\n a -> ; }", format: .svg)
      } throws: { error in
        guard case RenderError.invalidDOT(let messages) = error else { return false }
        return messages == ["syntax error in line 3 near ';'"]
      }
    }
  }

  @Test("second graph on a line does not leak")
  func secondGraphDropped() throws {
    let first = try GraphvizRenderer.render(dot: "digraph A {a} digraph B {b}", format: .dot)
    #expect(String(decoding: first.data, as: UTF8.self).contains("digraph A"))
    let next = try GraphvizRenderer.render(dot: "digraph C {c}", format: .dot)
    #expect(String(decoding: next.data, as: UTF8.self).contains("digraph C"))
  }
}
