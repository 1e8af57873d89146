import Foundation
import Testing
import X1601Analysis
import X1601Graph
import X1601TestSupport

@testable import X1601Render

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("HTML report")
struct HTMLReportTests {
  @Test("text is escaped in headings, paragraphs and cells")
  func escapesText() {
    let text = DOTWriterTests.hostileText
    let report = HTMLReport(
      title: text,
      sections: [
        .init(
          heading: text, paragraphs: [text],
          tables: [.init(caption: text, headers: [text], rows: [[text]], rowClasses: ["a\"b"])])
      ])
    let html = report.html()
    let escaped =
      "say &quot;hi&quot; \\N C:\\dir\\ {a|b} &lt;x&gt; &amp; y<br>line 2<br>line 3 ]; }"
    // The h1, h2, paragraph, caption, header and cell; the title element has spaces instead.
    #expect(html.components(separatedBy: escaped).count - 1 == 6)
    #expect(
      html.contains(
        "<title>say &quot;hi&quot; \\N C:\\dir\\ {a|b} &lt;x&gt; &amp; y line 2 line 3 ]; }</title>"
      ))
    #expect(!html.contains("<x>"))
    #expect(html.contains("<tr class=\"a&quot;b\">"))
  }

  @Test("picture is inlined without prologue")
  func inlinesSVG() throws {
    let graph = GraphvizRendererTests.sample(label: DOTWriterTests.hostileText)
    let svg = try GraphvizRenderer.render(graph, format: .svg)
    let html = HTMLReport(
      title: "t",
      sections: [.init(heading: "Picture", svg: String(decoding: svg.data, as: UTF8.self))]
    ).html()
    #expect(!html.contains("<?xml"))
    #expect(!html.contains("<!DOCTYPE svg"))
    #expect(html.contains("<figure>\n<svg"))
    // The body, with its inline SVG, is well-formed XML, and the label survives.
    let start = try #require(html.range(of: "<body>"))
    let end = try #require(html.range(of: "</body>"))
    let body = String(html[start.lowerBound..<end.upperBound])
    let document = try XMLDocument(xmlString: body)
    let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
    #expect(texts.contains("say \"hi\" \\N C:\\dir\\ {a|b} <x> & y"))
  }

  @Test("report has no external resources")
  func selfContained() throws {
    let html = HTMLReport(title: "t", sections: [.init(heading: "h", paragraphs: ["p"])]).html()
    #expect(!html.contains("http://"))
    #expect(!html.contains("https://"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("<link"))
  }

  @Test("assessment of the file storage profile")
  func assessmentReport() throws {
    let url = SharedDatasets.repositoryRoot.appendingPathComponent(
      "Datasets/x1601/file-storage.json")
    let profile = try ServiceProfile.load(path: url.path)
    let assessment = Assessment(profile: profile)
    let mapping = CoverMapping(assessment: assessment)
    #expect(mapping.items.count == 26)
    #expect(mapping.capabilities.count == 14)
    #expect(mapping.cover.count == assessment.step2.members.count)
    #expect(!mapping.cover.isEmpty)

    let document = try renderedSVG(CoverMappingView.graph(mapping))
    let nodes = try svgIDs(document, kind: "node")
    #expect(nodes.filter { $0.hasPrefix("item-") }.count == 26)
    #expect(nodes.filter { $0.hasPrefix("capability-") }.count == 14)
    let coverNodes = try svgIDs(document, withClass: "cover").filter { $0.hasPrefix("capability-") }
    #expect(coverNodes == Set(mapping.cover.map { "capability-\($0)" }))

    let html = HTMLReport.assessment(assessment, svg: "<svg></svg>").html()
    #expect(html.contains("<h1>Assessment: \(profile.service)</h1>"))
    #expect(html.contains("<figure>\n<svg></svg>\n</figure>"))
  }
}
